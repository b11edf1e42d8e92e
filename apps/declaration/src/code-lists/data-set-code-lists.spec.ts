import {
  commodityRequirement,
  DECLARATION_TYPES,
  DUTY_REGIMES,
  GOODS_LOCATION_PORTS,
  PREFERENCE_PARTNERS,
  SUPERVISION_DOCUMENTS,
  TRANSPORT_MODES,
} from './data-set-code-lists';
import { loadTariff } from '../duty/tariff';
import { parseCodeList, parseCommodityRequirements } from './data-set-list-files';

describe('the data set code lists', () => {
  it('ship the declaration types, transport modes and duty regimes of the declaration form', () => {
    expect(DECLARATION_TYPES).toEqual(expect.arrayContaining(['ordinary', 'advance']));
    expect(TRANSPORT_MODES).toEqual(expect.arrayContaining(['2', '5']));
    expect(DUTY_REGIMES).toEqual(expect.arrayContaining(['1', '3']));
    expect(GOODS_LOCATION_PORTS.get('CNSZXYTN')).toBe('CNSZX');
    expect(PREFERENCE_PARTNERS.get('17')).toEqual(['CH']);
    expect(SUPERVISION_DOCUMENTS.get('Q')).toBe('Imported drug clearance form');
  });

  it('take the requirements of the longest HS prefix that matches a 10-digit code', () => {
    expect(commodityRequirement('8703239000')).toMatchObject({
      legalUnits: ['NAR', 'KGM'],
      importDocuments: ['O', 'A'],
    });
    expect(commodityRequirement('0303899000')?.legalUnits).toEqual(['KGM']);
    expect(commodityRequirement('9999999999')).toBeUndefined();
  });

  it('say what every line of the tariff requires, so no dutiable commodity goes unchecked', () => {
    const unchecked = [...loadTariff().lines.keys()].filter(
      (code) => !commodityRequirement(code.padEnd(10, '0')),
    );
    expect(unchecked).toEqual([]);
  });

  it('a list without its source, with a code twice, is refused with every problem', () => {
    const raw = {
      description: 'modes',
      codes: [
        { code: '2', name: 'Waterway', nameZh: '水路运输' },
        { code: '2', name: 'Sea', nameZh: '海运' },
      ],
    };
    expect(() => parseCodeList(raw, 'transport-modes.json')).toThrow(
      [
        'transport-modes.json invalid:',
        '  source: source must be longer than or equal to 1 characters',
        '  source: source must be a string',
        '  codes.1.code: 2 appears twice',
      ].join('\n'),
    );
  });

  it('commodity requirements naming a document or unit the lists lack stop the boot', () => {
    const raw = {
      description: 'requirements',
      source: 'tariff',
      commodities: [
        { hsPrefix: '8703', legalUnits: ['NAR', 'XXX'], importDocuments: ['Z'], exportDocuments: [] },
      ],
    };
    expect(() =>
      parseCommodityRequirements(raw, 'commodity-requirements.json', { documents: ['A'], units: ['NAR'] }),
    ).toThrow(
      [
        'commodity-requirements.json invalid:',
        '  commodities.0.importDocuments: Z is not a supervision document of the code list',
        '  commodities.0.legalUnits: XXX is not a unit of the code list',
      ].join('\n'),
    );
  });
});
