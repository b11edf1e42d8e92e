import { validateSync } from 'class-validator';
import { decimalPlacesOf, IsDecimal } from './decimal';

class Amount {
  @IsDecimal(2) value!: unknown;
}

const problems = (value: unknown) => validateSync(Object.assign(new Amount(), { value })).length;

describe('IsDecimal', () => {
  it('counts the decimals of numbers written with an exponent', () => {
    expect(decimalPlacesOf(12.5)).toBe(1);
    expect(decimalPlacesOf(5e-324)).toBe(324);
    expect(decimalPlacesOf(1.5e-7)).toBe(8);
    expect(decimalPlacesOf(1e21)).toBe(0);
  });

  it('refuses, rather than throws on, an amount with too many decimals in any notation', () => {
    expect(problems(5e-324)).toBe(1);
    expect(problems(12.345)).toBe(1);
    expect(problems(12.34)).toBe(0);
    expect(problems(Number.POSITIVE_INFINITY)).toBe(1);
    expect(problems('12')).toBe(1);
  });
});
