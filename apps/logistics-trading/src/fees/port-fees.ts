import type { FeeRule, PortFeeTariff } from './port-fee-tariff';

export interface FeeLine {
  code: string;
  description: string;
  amountMinor: number;
}

/**
 * What the tariff needs to know about a shipment. One shipment is one bill of lading, so today's
 * per-B/L fees need only the currency; storage days (discharge to gate-out) join here with storage.
 */
export interface ShipmentFeeFacts {
  shipmentId: string;
  /** The currency the payment is collected in. */
  currency: string;
}

export class FeeCurrencyMismatchError extends Error {}

/** The port fee lines of one shipment. Pure: same tariff and facts, same lines. */
export function portFeeLines(tariff: PortFeeTariff, facts: ShipmentFeeFacts): FeeLine[] {
  // adding fees in two currencies would need an exchange rate nobody agreed to: refuse instead
  if (facts.currency !== tariff.currency) {
    throw new FeeCurrencyMismatchError(
      `port fees of ${facts.shipmentId} are tariffed in ${tariff.currency} but the payment is in ${facts.currency}`,
    );
  }
  return tariff.fees.map((rule) => ({
    code: rule.code,
    description: rule.description,
    amountMinor: amountOf(rule),
  }));
}

function amountOf(rule: FeeRule): number {
  switch (rule.basis) {
    case 'per-bill-of-lading':
      return rule.amountMinor;
  }
}
