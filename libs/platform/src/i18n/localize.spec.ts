import { localizedMessage, localizedProblem, readBack } from './localize';

describe('localizedMessage', () => {
  it('answers English as the thrower wrote it, with its details', () => {
    expect(localizedMessage('HOLD.NOT_FOUND', 'en', 'customs hold h-1 not found', { id: 'h-1' })).toBe(
      'customs hold h-1 not found',
    );
  });

  it('answers Chinese from the catalogue, filled with the parameters given', () => {
    expect(
      localizedMessage('DECLARATION.NOT_FOUND', 'zh-CN', 'declaration d-1 not found', { id: 'd-1' }),
    ).toBe('报关单 d-1 不存在');
    expect(localizedMessage('REQUEST.INVALID', 'zh-CN', 'the request has deficiencies')).toBe(
      '请求有误，所有问题均已列出',
    );
  });

  it('says what the HTTP status means for a code the catalogue lacks, never the English', () => {
    expect(localizedMessage('NEW.CODE', 'zh-CN', 'something new', {}, 'HTTP.CONFLICT')).toBe(
      '请求与当前状态冲突',
    );
  });
});

describe('localizedProblem', () => {
  const problem = (code: string, message: string, path = 'items.0.hsCode') => ({ path, code, message });

  it("keeps class-validator's limits in Chinese, naming the whole path", () => {
    expect(
      localizedProblem(problem('IS_LENGTH', 'hsCode must be longer than or equal to 8 characters'), 'zh-CN'),
    ).toEqual(problem('IS_LENGTH', 'items.0.hsCode 至少 8 个字符'));
    expect(
      localizedProblem(
        problem('MAX', 'quantity must not be greater than 1000000', 'items.1.quantity'),
        'zh-CN',
      ),
    ).toEqual(problem('MAX', 'items.1.quantity 不得大于 1000000', 'items.1.quantity'));
    expect(
      localizedProblem(
        problem('IS_IN', 'each value in incoterm must be one of the following values: CIF, FOB', 'incoterm'),
        'zh-CN',
      ),
    ).toEqual(problem('IS_IN', 'incoterm 必须是以下值之一：CIF, FOB', 'incoterm'));
    expect(
      localizedProblem(problem('FIELD_NOT_ALLOWED', 'property extra should not exist', 'extra'), 'zh-CN')
        .message,
    ).toBe('不允许出现字段 extra');
  });

  it("says a decorator's own message by its constraint, without values it cannot read", () => {
    expect(
      localizedProblem(
        problem('MATCHES', 'voyage must be 1-32 letters, digits, spaces, dashes or slashes', 'voyage'),
        'zh-CN',
      ).message,
    ).toBe('voyage 的格式不正确');
  });

  it('translates the domain problems it knows and keeps the English of those it does not', () => {
    expect(
      localizedProblem(problem('DUPLICATE_BL', 'COSU1 already has a declaration', 'blNumber'), 'zh-CN')
        .message,
    ).toBe('该提单已有另一份报关单');
    expect(localizedProblem(problem('SOMETHING_NEW', 'new text'), 'zh-CN').message).toBe('new text');
  });

  it('passes on an item without a message as it is', () => {
    const odd = { path: 'x', code: 'IS_STRING' } as unknown as Parameters<typeof localizedProblem>[0];
    expect(localizedProblem(odd, 'zh-CN')).toBe(odd);
    expect(localizedProblem(null as unknown as typeof odd, 'zh-CN')).toBeNull();
  });

  it('leaves English problems untouched', () => {
    const p = problem('IS_STRING', 'hsCode must be a string');
    expect(localizedProblem(p, 'en')).toBe(p);
  });
});

describe('readBack', () => {
  it('reads the values of a template out of a message written from it', () => {
    expect(readBack('{property} must not be less than {min}', 'weight must not be less than 0.001')).toEqual({
      property: 'weight',
      min: '0.001',
    });
    expect(readBack('{property} must be a string', 'weight must not be less than 1')).toBeNull();
  });
});
