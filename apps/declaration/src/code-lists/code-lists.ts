import { isMoneyCurrency } from '@tongguan/platform';
import {
  loadCodeList,
  parseIncoterms,
  parseTradeModes,
  parseUnits,
  type IncotermEntry,
} from './code-list-files';

/**
 * Code lists the filing is checked against. ISO 3166 countries come from the ICU data built into Node
 * (Intl). ISO 4217 currencies and their minor units come from the pinned table config/iso4217.json
 * (@tongguan/platform), never from ICU, whose display digits differ from ISO for some currencies. Units (UN/ECE Rec 20), Incoterms 2020 and trade modes are data in apps/declaration/config,
 * loaded and validated when this module is first imported: the DTO's decorators need the lists at
 * class definition, so a broken file stops the service at boot.
 */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

export function isKnownCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && regionNames.of(code) !== undefined && !['EU', 'UN', 'ZZ'].includes(code);
}

/** An ISO 4217 currency with minor units (config/iso4217.json): gold or the SDR is no invoice currency. */
export function isKnownCurrency(code: string): boolean {
  return isMoneyCurrency(code);
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
/** Each Incoterm's rule, with the costs its price leaves to the buyer (valuation to CIF). */
export const INCOTERM_RULES: ReadonlyMap<string, IncotermEntry> = new Map(
  incotermsFile.incoterms.map((i) => [i.code, i]),
);

/** Trade modes (config/trade-modes.json), e.g. 0110 general trade. */
export const TRADE_MODES: readonly string[] = Object.freeze(tradeModesFile.tradeModes.map((m) => m.code));
/** The mode of a filing that states none. */
export const GENERAL_TRADE = '0110';
