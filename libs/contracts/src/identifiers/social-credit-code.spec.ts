import { socialCreditCheckChar, socialCreditCodeProblem } from './social-credit-code';

describe('unified social credit codes (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '91110000600037341L'])('accepts %s', (code) => {
    expect(socialCreditCodeProblem(code)).toBeNull();
  });

  it('computes the check character with weights 3^i mod 31 over the 31-symbol set', () => {
    expect(socialCreditCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('names the expected check character of a mistyped code', () => {
    expect(socialCreditCodeProblem('91350100M000100Y44')).toBe(
      '91350100M000100Y44: check character is 4 but the first 17 give 3 (91350100M000100Y43)',
    );
  });

  it.each(['91350100M000100Y4', '91350100M00010OY43', '9135010OM000100Y43', ''])(
    'refuses %p as not shaped like a code',
    (code) => expect(socialCreditCodeProblem(code)).toMatch(/is not a unified social credit code/),
  );
});
