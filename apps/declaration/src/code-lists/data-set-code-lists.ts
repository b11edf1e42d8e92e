import { loadCodeList } from './code-list-files';
import { UNITS } from './code-lists';
import {
  parseCodeList,
  parseCommodityRequirements,
  parseDutyRegimes,
  parseGoodsLocations,
  parsePreferences,
  type CommodityRequirement,
  type DutyRegimeEntry,
} from './data-set-list-files';

/**
 * The code lists of the declaration's data set, loaded from apps/declaration/config and validated when
 * this module is first imported (the DTO's enums need them at class definition): a broken file stops
 * the service at boot.
 */
const codes = (file: string): readonly string[] =>
  Object.freeze(loadCodeList(file, parseCodeList).codes.map((c) => c.code));

export const DECLARATION_TYPES = codes('declaration-types.json');
export const TRANSPORT_MODES = codes('transport-modes.json');
export const CONTAINER_TYPES = codes('container-types.json');
export const PREVIOUS_DOCUMENT_TYPES = codes('previous-document-types.json');
export const PACKAGE_TYPES = codes('package-types.json');
export const SUPERVISION_DOCUMENTS: ReadonlyMap<string, string> = new Map(
  loadCodeList('supervision-documents.json', parseCodeList).codes.map((c) => [c.code, c.name]),
);
/** The certificate of origin a preferential claim must be backed by (supervision document code). */
export const CERTIFICATE_OF_ORIGIN = 'Y';
if (!SUPERVISION_DOCUMENTS.has(CERTIFICATE_OF_ORIGIN)) {
  throw new Error(`supervision-documents.json must list the certificate of origin ${CERTIFICATE_OF_ORIGIN}`);
}
const regimes = loadCodeList('duty-regimes.json', (raw, source) =>
  parseDutyRegimes(raw, source, [...SUPERVISION_DOCUMENTS.keys()]),
).codes;
export const DUTY_REGIMES = Object.freeze(regimes.map((r) => r.code));
/** Regime code to what it does to the assessment. */
export const DUTY_REGIME_RULES: ReadonlyMap<string, DutyRegimeEntry> = new Map(
  regimes.map((r) => [r.code, r]),
);

const locations = loadCodeList('goods-locations.json', parseGoodsLocations).locations;
export const GOODS_LOCATIONS = Object.freeze(locations.map((l) => l.code));
/** Goods location code to the port (UN/LOCODE) it lies at. */
export const GOODS_LOCATION_PORTS: ReadonlyMap<string, string> = new Map(
  locations.map((l) => [l.code, l.port]),
);

const agreements = loadCodeList('preferences.json', parsePreferences).agreements;
export const PREFERENCES = Object.freeze(agreements.map((a) => a.code));
/** Agreement code to its name, for the duty breakdown. */
export const PREFERENCE_NAMES: ReadonlyMap<string, string> = new Map(agreements.map((a) => [a.code, a.name]));
/** Agreement code to the countries whose originating goods it covers. */
export const PREFERENCE_PARTNERS: ReadonlyMap<string, readonly string[]> = new Map(
  agreements.map((a) => [a.code, a.partners]),
);

const byPrefix: ReadonlyMap<string, CommodityRequirement> = new Map(
  loadCodeList('commodity-requirements.json', (raw, source) =>
    parseCommodityRequirements(raw, source, { documents: [...SUPERVISION_DOCUMENTS.keys()], units: UNITS }),
  ).commodities.map((c) => [c.hsPrefix, c]),
);

/** What the longest matching HS prefix (10 down to 4 digits) requires of a line; undefined when none. */
export function commodityRequirement(hsCode: string): CommodityRequirement | undefined {
  for (let length = Math.min(10, hsCode.length); length >= 4; length--) {
    const found = byPrefix.get(hsCode.slice(0, length));
    if (found) return found;
  }
  return undefined;
}
