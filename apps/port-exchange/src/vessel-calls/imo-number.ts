/**
 * IMO ship identification numbers (SOLAS XI-1/3): seven digits, the last a check digit, the last digit
 * of the sum of the first six weighted 7, 6, 5, 4, 3, 2. IMO 9783497: 9·7+7·6+8·5+3·4+4·3+9·2 = 187.
 */
export function isValidImoNumber(value: string): boolean {
  if (!/^\d{7}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(value[i]) * (7 - i);
  return sum % 10 === Number(value[6]);
}
