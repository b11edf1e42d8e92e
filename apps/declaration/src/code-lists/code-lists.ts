/** Code lists the filing is checked against. ISO 3166 and ISO 4217 come from ICU data built into Node. */
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const currencies = new Set(Intl.supportedValuesOf('currency'));

export function isKnownCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && regionNames.of(code) !== undefined && !['EU', 'UN', 'ZZ'].includes(code);
}

export function isKnownCurrency(code: string): boolean {
  return currencies.has(code);
}

/** Incoterms 2020. */
export const INCOTERMS = [
  'EXW',
  'FCA',
  'CPT',
  'CIP',
  'DAP',
  'DPU',
  'DDP',
  'FAS',
  'FOB',
  'CFR',
  'CIF',
] as const;

/** UN/ECE Recommendation 20 units the tariff uses most. */
export const UNITS = ['KGM', 'TNE', 'NAR', 'SET', 'LTR', 'MTR', 'MTK', 'PR'] as const;
