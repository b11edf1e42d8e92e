import {
  containerCheckDigit,
  containerNumberProblem,
  isValidContainerNumber,
  normaliseContainerNumber,
} from './iso6346';

describe('ISO 6346 container numbers', () => {
  it.each([
    ['CSQU3054383'], // the standard's own example
    ['ZEPU0037255'],
    ['MSKU9070323'],
    ['MSKU1234565'],
    ['TGHU8888889'],
    ['CSQU3054070'], // remainder 10 is written as 0
  ])('accepts %s', (number) => {
    expect(containerNumberProblem(number)).toBeNull();
    expect(isValidContainerNumber(number)).toBe(true);
  });

  it('computes the check digit from letter values that skip multiples of 11 and weights 2^position', () => {
    // C=13 S=30 Q=28 U=32: 13 + 60 + 112 + 256 + 3*16 + 0 + 5*64 + 4*128 + 3*256 + 8*512 = 6185; 6185 mod 11 = 3
    expect(containerCheckDigit('CSQU305438')).toBe(3);
    // V (34) and L (23) sit just after the skipped 33 and 22
    expect(containerCheckDigit('VLLU000000')).toBe(((34 + 23 * 2 + 23 * 4 + 32 * 8) % 11) % 10);
  });

  it('writes a remainder of 10 as 0', () => {
    expect(containerCheckDigit('CSQU305407')).toBe(0);
  });

  it('rejects a wrong check digit, naming the expected one', () => {
    expect(containerNumberProblem('CSQU3054384')).toEqual({
      code: 'CONTAINER_CHECK_DIGIT',
      message: expect.stringContaining('give 3 (CSQU3054383)'),
    });
    expect(isValidContainerNumber('MSKU9070324')).toBe(false);
  });

  it('catches a transposition of two serial digits', () => {
    expect(isValidContainerNumber('CSQU3045383')).toBe(false);
  });

  it('rejects an equipment category other than U, J or Z', () => {
    const category = 'CSQX3054383';
    expect(containerNumberProblem(category)?.code).toBe('CONTAINER_CATEGORY');
    expect(containerNumberProblem('CSQJ3054383')?.code).not.toBe('CONTAINER_CATEGORY');
    expect(containerNumberProblem('CSQZ3054383')?.code).not.toBe('CONTAINER_CATEGORY');
  });

  it.each([
    ['csqu3054383', 'lower case'],
    ['CSQU305438', 'one digit short'],
    ['CSQU30543833', 'one digit too many'],
    ['CSQ3054383', 'three letters'],
    ['CSQU 305438 3', 'printed spacing'],
    ['CS1U3054383', 'a digit in the owner code'],
    ['CSQU30543A3', 'a letter in the serial'],
    ['', 'empty'],
  ])('rejects %s (%s) as malformed', (number) => {
    expect(containerNumberProblem(number)?.code).toBe('CONTAINER_NUMBER_FORMAT');
  });

  it('normalises the printed form and lower case to the stored form', () => {
    expect(normaliseContainerNumber(' csqu 305438 3 ')).toBe('CSQU3054383');
    expect(normaliseContainerNumber('CSQU-305438-3')).toBe('CSQU3054383');
    expect(isValidContainerNumber(normaliseContainerNumber('zepu 003725 5'))).toBe(true);
  });

  it('refuses to compute a check digit of anything but owner code, category and serial', () => {
    expect(() => containerCheckDigit('CSQU30543')).toThrow();
    expect(() => containerCheckDigit('csqu305438')).toThrow();
  });
});
