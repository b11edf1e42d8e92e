import { loadCodeList, parseIncoterms, parseTradeModes, parseUnits } from './code-list-files';

/**
 * Code lists the filing is checked against. ISO 3166 countries and ISO 4217 currencies come from the
 * ICU data built into Node (Intl), which carries both full lists and is updated with Node, so they are
 * not shipped as data. Units (UN/ECE Rec 20), Incoterms 2020 and trade modes are data in apps/declaration/config,
 * loaded and validated when this module is first imported: the DTO's decorators need the lists at
 * class definition, so a broken file stops the service at boot.
 */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const currencies = new Set(Intl.supportedValuesOf('currency'));

export function isKnownCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && regionNames.of(code) !== undefined && !['EU', 'UN', 'ZZ'].includes(code);
}

export function isKnownCurrency(code: string): boolean {
  return currencies.has(code);
}

const unitsFile = loadCodeList('units.json', parseUnits);
const incotermsFile = loadCodeList('incoterms.json', parseIncoterms);
const tradeModesFile = loadCodeList('trade-modes.json', parseTradeModes);

/** UN/ECE Recommendation 20 unit codes (config/units.json). */
export const UNITS: readonly string[] = Object.freeze(unitsFile.units.map((u) => u.code));
/** Unit code to its name, e.g. KGM to kilogram. */
export const UNIT_NAMES: ReadonlyMap<string, string> = new Map(unitsFile.units.map((u) => [u.code, u.name]));

/** Incoterms 2020 rule codes (config/incoterms.json). */
export const INCOTERMS: readonly string[] = Object.freeze(incotermsFile.incoterms.map((i) => i.code));

/** Trade modes (config/trade-modes.json), e.g. 0110 general trade. */
export const TRADE_MODES: readonly string[] = Object.freeze(tradeModesFile.tradeModes.map((m) => m.code));
/** The mode of a filing that states none. */
export const GENERAL_TRADE = '0110';
