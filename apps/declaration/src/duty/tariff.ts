import { readAppJson } from '@tongguan/platform';

export interface TariffHeading {
  description: string;
  dutyRate: number;
}

export interface Tariff {
  vatRate: number;
  headings: Record<string, TariffHeading>;
}

export interface ExchangeRates {
  base: string;
  rates: Record<string, number>;
}

const readJson = <T>(envName: string, file: string) => readAppJson<T>('declaration', envName, file);

export function loadTariff(): Tariff {
  const tariff = readJson<Tariff>('TARIFF_FILE', 'tariff.json');
  const bad = Object.entries(tariff.headings ?? {}).filter(
    ([code, h]) => !/^\d{4}$/.test(code) || !(h.dutyRate >= 0 && h.dutyRate <= 5),
  );
  if (!(tariff.vatRate >= 0 && tariff.vatRate < 1) || bad.length > 0) {
    throw new Error(
      `tariff invalid: vatRate ${tariff.vatRate}; bad headings ${bad.map(([c]) => c).join(', ')}`,
    );
  }
  return tariff;
}

export function loadExchangeRates(): ExchangeRates {
  const rates = readJson<ExchangeRates>('EXCHANGE_RATES_FILE', 'exchange-rates.json');
  if (rates.base !== 'CNY' || Object.values(rates.rates ?? {}).some((r) => !(r > 0))) {
    throw new Error('exchange rates invalid: base must be CNY and every rate positive');
  }
  return rates;
}

export function headingOf(hsCode: string): string {
  return hsCode.slice(0, 4);
}
