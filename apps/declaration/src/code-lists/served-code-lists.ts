import { DECLARATION_STATUS_CODE_LIST } from '@tongguan/contracts';
import type { LocalizedText } from '@tongguan/platform';
import { loadCodeList, parseIncoterms, parseTradeModes, parseUnits } from './code-list-files';
import { SUPERVISION_DOCUMENTS } from './data-set-code-lists';
import {
  parseCodeList,
  parseDutyRegimes,
  parseGoodsLocations,
  parsePreferences,
} from './data-set-list-files';

/** A code and its name in every language the platform speaks. */
export interface ServedEntry {
  code: string;
  name: LocalizedText;
}

export interface ServedCodeList {
  id: string;
  source: string;
  entries: readonly ServedEntry[];
}

type Named = { code: string; name: string; nameZh: string };
const named = (entries: readonly Named[]): ServedEntry[] =>
  entries.map(({ code, name, nameZh }) => ({ code, name: { en: name, 'zh-CN': nameZh } }));

/** The lists shipped in apps/declaration/config whose entries are a code with its two names. */
const CODED_FILES = {
  'declaration-types': 'declaration-types.json',
  'transport-modes': 'transport-modes.json',
  'container-types': 'container-types.json',
  'previous-document-types': 'previous-document-types.json',
  'package-types': 'package-types.json',
  'supervision-documents': 'supervision-documents.json',
} as const;

/**
 * Every code list a filing is checked against, as the API serves it (GET /v1/code-lists/:id): read once
 * from the same files the validation uses, with the declaration statuses' codes from libs/contracts.
 */
export function servedCodeLists(): readonly ServedCodeList[] {
  const units = loadCodeList('units.json', parseUnits);
  const incoterms = loadCodeList('incoterms.json', parseIncoterms);
  const tradeModes = loadCodeList('trade-modes.json', parseTradeModes);
  const locations = loadCodeList('goods-locations.json', parseGoodsLocations);
  const preferences = loadCodeList('preferences.json', parsePreferences);
  // the regimes name approval documents; the served list needs only their codes and names
  const dutyRegimes = loadCodeList('duty-regimes.json', (raw, source) =>
    parseDutyRegimes(raw, source, [...SUPERVISION_DOCUMENTS.keys()]),
  );
  const coded = Object.entries(CODED_FILES).map(([id, file]) => {
    const list = loadCodeList(file, parseCodeList);
    return { id, source: list.source, entries: named(list.codes) };
  });
  return [
    { id: 'trade-modes', source: tradeModes.source ?? '', entries: named(tradeModes.tradeModes) },
    { id: 'units', source: units.source ?? '', entries: named(units.units) },
    { id: 'incoterms', source: incoterms.source ?? '', entries: named(incoterms.incoterms) },
    ...coded,
    {
      id: 'duty-regimes',
      source: dutyRegimes.source,
      entries: named(dutyRegimes.codes),
    },
    { id: 'goods-locations', source: locations.source, entries: named(locations.locations) },
    { id: 'preferences', source: preferences.source, entries: named(preferences.agreements) },
    {
      id: 'declaration-statuses',
      source: 'Tongguan, numbered like HMRC CDS declaration statuses (libs/contracts)',
      entries: DECLARATION_STATUS_CODE_LIST.map((s) => ({
        code: s.code,
        name: { en: s.en, 'zh-CN': s['zh-CN'] },
      })),
    },
  ];
}
