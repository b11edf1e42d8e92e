import { iso4217, isMoneyCurrency, minorUnitsOf, parseIso4217 } from './iso4217';

describe('ISO 4217 table', () => {
  it('gives minor units from the pinned list, where ICU would differ', () => {
    expect(minorUnitsOf('CNY')).toBe(2);
    expect(minorUnitsOf('JPY')).toBe(0);
    expect(minorUnitsOf('KWD')).toBe(3);
    // CLDR (Intl) formats these with 0 digits; ISO 4217 says 2 and 3
    expect(minorUnitsOf('IDR')).toBe(2);
    expect(minorUnitsOf('IQD')).toBe(3);
    expect(iso4217().get('USD')).toEqual({ code: 'USD', numeric: '840', minorUnits: 2, name: 'US Dollar' });
  });

  it('lists gold and the SDR but takes no money in them; unknown codes are not currencies', () => {
    expect(iso4217().get('XAU')?.minorUnits).toBeNull();
    expect(isMoneyCurrency('XAU')).toBe(false);
    expect(isMoneyCurrency('ABC')).toBe(false);
    expect(isMoneyCurrency('EUR')).toBe(true);
    expect(() => minorUnitsOf('XDR')).toThrow(/XDR/);
  });

  it('a broken table lists every problem', () => {
    const raw = {
      source: 'test',
      published: '2026-13-01',
      currencies: [
        { code: 'USD', numeric: '840', minorUnits: 2, name: 'US Dollar' },
        { code: 'usd', numeric: '84', minorUnits: 9, name: 'dollar' },
        { code: 'USD', numeric: '840', minorUnits: 2, name: 'US Dollar' },
      ],
    };
    expect(() => parseIso4217(raw, 'iso4217.json')).toThrow(
      [
        'iso4217.json invalid:',
        '  published: published must be a valid ISO 8601 date string',
        '  currencies.1.code: code must be three capital letters',
        '  currencies.1.numeric: numeric must be the 3-digit ISO 4217 number',
        '  currencies.1.minorUnits: minorUnits must not be greater than 4',
        '  currencies.2.code: USD appears twice',
      ].join('\n'),
    );
  });
});
