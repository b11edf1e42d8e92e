import { parseIncoterms, parseUnits } from './code-list-files';
import { servedCodeLists } from './served-code-lists';
import { INCOTERMS, TRADE_MODES, UNIT_NAMES, UNITS, isKnownCountry, isKnownCurrency } from './code-lists';

describe('code lists', () => {
  it('ships the Incoterms 2020 rules and UN/ECE Rec 20 units with their names', () => {
    expect([...INCOTERMS].sort()).toEqual(
      ['CFR', 'CIF', 'CIP', 'CPT', 'DAP', 'DDP', 'DPU', 'EXW', 'FAS', 'FCA', 'FOB'].sort(),
    );
    expect(UNITS).toEqual(expect.arrayContaining(['KGM', 'LTR', 'NAR', 'TNE', 'MTK']));
    expect(UNIT_NAMES.get('KGM')).toBe('kilogram');
  });

  it('serves every list with each name in English and Chinese', () => {
    const lists = servedCodeLists();
    expect(lists.map((l) => l.id)).toEqual(
      expect.arrayContaining([
        'trade-modes',
        'units',
        'incoterms',
        'transport-modes',
        'declaration-statuses',
      ]),
    );
    for (const list of lists) {
      expect(list.entries.length).toBeGreaterThan(0);
      for (const { code, name } of list.entries) {
        expect({
          list: list.id,
          code,
          en: name.en.length > 0,
          zh: /\p{Script=Han}/u.test(name['zh-CN']),
        }).toEqual({
          list: list.id,
          code,
          en: true,
          zh: true,
        });
      }
    }
    const incoterms = lists.find((l) => l.id === 'incoterms')!;
    expect(incoterms.entries.find((e) => e.code === 'FOB')?.name).toEqual({
      en: 'Free On Board',
      'zh-CN': '船上交货',
    });
  });

  it('ships the trade modes a port sees most, general trade among them', () => {
    expect(TRADE_MODES).toEqual(expect.arrayContaining(['0110', '0214', '0615', '1233', '2225', '9610']));
  });

  it('takes ISO 3166 countries from ICU and ISO 4217 currencies from the pinned table', () => {
    expect(isKnownCountry('NO')).toBe(true);
    expect(isKnownCountry('XY')).toBe(false);
    expect(isKnownCountry('EU')).toBe(false);
    expect(isKnownCurrency('JPY')).toBe(true);
    expect(isKnownCurrency('ABC')).toBe(false);
    expect(isKnownCurrency('XAU')).toBe(false);
  });

  it('a code list file with several problems reports every one of them', () => {
    const units = {
      units: [
        { code: 'KGM', name: 'kilogram', nameZh: '千克' },
        { code: 'kg', name: '', nameZh: '千克' },
        { code: 'KGM', name: 'kilo', nameZh: '公斤' },
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
        {
          incoterms: [
            {
              code: 'FOB',
              name: 'Free On Board',
              nameZh: '船上交货',
              transport: 'air',
              group: 'F',
              buyerPays: ['freight'],
            },
          ],
        },
        'incoterms.json',
      ),
    ).toThrow(/incoterms\.0\.transport: transport must be one of any, sea-and-inland-waterway/);
  });
});
