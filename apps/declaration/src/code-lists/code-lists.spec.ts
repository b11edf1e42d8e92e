import { parseIncoterms, parseUnits } from './code-list-files';
import { INCOTERMS, TRADE_MODES, UNIT_NAMES, UNITS, isKnownCountry, isKnownCurrency } from './code-lists';

describe('code lists', () => {
  it('ships the Incoterms 2020 rules and UN/ECE Rec 20 units with their names', () => {
    expect([...INCOTERMS].sort()).toEqual(
      ['CFR', 'CIF', 'CIP', 'CPT', 'DAP', 'DDP', 'DPU', 'EXW', 'FAS', 'FCA', 'FOB'].sort(),
    );
    expect(UNITS).toEqual(expect.arrayContaining(['KGM', 'LTR', 'NAR', 'TNE', 'MTK']));
    expect(UNIT_NAMES.get('KGM')).toBe('kilogram');
  });

  it('ships the trade modes a port sees most, general trade among them', () => {
    expect(TRADE_MODES).toEqual(expect.arrayContaining(['0110', '0214', '0615', '1233', '2225', '9610']));
  });

  it('takes ISO 3166 countries and ISO 4217 currencies from ICU', () => {
    expect(isKnownCountry('NO')).toBe(true);
    expect(isKnownCountry('XY')).toBe(false);
    expect(isKnownCountry('EU')).toBe(false);
    expect(isKnownCurrency('JPY')).toBe(true);
    expect(isKnownCurrency('ABC')).toBe(false);
  });

  it('a code list file with several problems reports every one of them', () => {
    const units = {
      units: [
        { code: 'KGM', name: 'kilogram' },
        { code: 'kg', name: '' },
        { code: 'KGM', name: 'kilo' },
      ],
      extra: 1,
    };
    expect(() => parseUnits(units, 'units.json')).toThrow(
      [
        'units.json invalid:',
        '  extra: property extra should not exist',
        '  units.1.code: code must be a UN/ECE Rec 20 code of 2-3 letters or digits',
        '  units.1.name: name must be longer than or equal to 1 characters',
        '  units.2.code: KGM appears twice',
      ].join('\n'),
    );
    expect(() =>
      parseIncoterms(
        { incoterms: [{ code: 'FOB', name: 'Free On Board', transport: 'air' }] },
        'incoterms.json',
      ),
    ).toThrow(/incoterms\.0\.transport: transport must be one of any, sea-and-inland-waterway/);
  });
});
