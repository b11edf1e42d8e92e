/**
 * China's unified social credit code (统一社会信用代码, GB 32100-2015): the 18-character id of every
 * registered entity, which customs also keys its enterprise records on. Characters come from a
 * 31-symbol set (digits and capitals without I, O, S, V, Z); the last is a check character over the
 * first 17, so a mistyped code is caught at filing.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31, the standard's weights for positions 1..17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export const SOCIAL_CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character of the first 17 characters. */
export function socialCreditCheckChar(first17: string): string {
  if (first17.length !== 17 || [...first17].some((c) => !CHARSET.includes(c))) {
    throw new Error(`"${first17}" is not 17 characters of the social credit code set`);
  }
  const sum = [...first17].reduce((acc, c, i) => acc + CHARSET.indexOf(c) * WEIGHTS[i], 0);
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** Why the code is not a unified social credit code, or null when it is one. */
export function socialCreditCodeProblem(code: string): string | null {
  if (!SOCIAL_CREDIT_CODE_PATTERN.test(code)) {
    return `"${code}" is not a unified social credit code: 18 digits or capitals (no I, O, S, V, Z), the 3rd to 8th an area code`;
  }
  const expected = socialCreditCheckChar(code.slice(0, 17));
  return code[17] === expected
    ? null
    : `${code}: check character is ${code[17]} but the first 17 give ${expected} (${code.slice(0, 17)}${expected})`;
}

/**
 * The customs code (海关编码) of an enterprise registered with customs: 10 characters, the first 4 the
 * area of registration, then the zone and enterprise kind and a 4-character serial.
 */
export const CUSTOMS_CODE_PATTERN = /^\d{4}[0-9A-Z]{6}$/;
