import { bodyProblemOf, nestsDeeperThan } from './request-body';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

describe('nestsDeeperThan', () => {
  it('counts each object or array as one level', () => {
    expect(nestsDeeperThan(nested(64), 64)).toBe(false);
    expect(nestsDeeperThan(nested(65), 64)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: [1, 2], c: { d: 'x' } }, 2)).toBe(false);
    expect(nestsDeeperThan('text', 0)).toBe(false);
  });

  it('measures a 20,000-deep value without overflowing the stack', () => {
    expect(nestsDeeperThan(JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)), 64)).toBe(true);
  });
});

describe('bodyProblemOf', () => {
  it('gives each body-parser failure its status and code', () => {
    const of = (type: string, status: number) =>
      bodyProblemOf(Object.assign(new Error('x'), { type, status }));
    expect(of('entity.parse.failed', 400)).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED_JSON' });
    expect(of('encoding.unsupported', 415)).toMatchObject({
      status: 415,
      code: 'REQUEST.ENCODING_UNSUPPORTED',
    });
    expect(of('charset.unsupported', 415)).toMatchObject({
      status: 415,
      code: 'REQUEST.CHARSET_UNSUPPORTED',
    });
    expect(of('entity.too.large', 413)).toMatchObject({ status: 413, code: 'REQUEST.TOO_LARGE' });
  });

  it('answers a corrupt compressed body (a decoder error marked 400) with 400, and leaves other errors alone', () => {
    const zlib = Object.assign(new Error('incorrect header check'), {
      code: 'Z_DATA_ERROR',
      status: 400,
      expose: true,
    });
    expect(bodyProblemOf(zlib)).toMatchObject({ status: 400, code: 'REQUEST.BODY_UNREADABLE' });
    expect(bodyProblemOf(new Error('database away'))).toBeNull();
    expect(bodyProblemOf(Object.assign(new Error('x'), { status: 500, expose: false }))).toBeNull();
  });
});
