import type { FeeRule, PortFeeTariff } from './port-fee-tariff';
import { storageCharge, storageDays } from './storage-days';

export interface FeeLine {
  code: string;
  description: string;
  amountMinor: number;
}

/** What the port knows of the cargo once it was discharged (CargoArrived). */
export interface DischargedCargo {
  dischargedAt: Date;
  containerCount: number;
  grossWeightKg: number;
}

/** What the tariff needs to know about a shipment, as of one business instant. */
export interface ShipmentFeeFacts {
  shipmentId: string;
  /** The currency the payment is collected in. */
  currency: string;
  /** Null until the cargo is discharged: storage has not started. */
  cargo: DischargedCargo | null;
  /** The business instant the fees are counted to (storage accrues day by day). */
  asOf: Date;
}

export class FeeCurrencyMismatchError extends Error {}

/**
 * The port fee lines of one shipment as of facts.asOf: the per-B/L fees always, a storage line per
 * storage rule that applies once the cargo is discharged (shown at 0 during the free days, so the importer
 * sees the clock running). Pure: same tariff and facts, same lines.
 */
export function portFeeLines(tariff: PortFeeTariff, facts: ShipmentFeeFacts): FeeLine[] {
  // adding fees in two currencies would need an exchange rate nobody agreed to: refuse instead
  if (facts.currency !== tariff.currency) {
    throw new FeeCurrencyMismatchError(
      `port fees of ${facts.shipmentId} are tariffed in ${tariff.currency} but the payment is in ${facts.currency}`,
    );
  }
  return tariff.fees.flatMap((rule) => {
    const line = lineOf(rule, tariff, facts);
    return line ? [line] : [];
  });
}

function lineOf(rule: FeeRule, tariff: PortFeeTariff, facts: ShipmentFeeFacts): FeeLine | null {
  switch (rule.basis) {
    case 'per-bill-of-lading':
      return { code: rule.code, description: rule.description, amountMinor: rule.amountMinor };
    case 'storage-per-day': {
      const units = facts.cargo ? storageUnits(rule, facts.cargo) : 0;
      if (!facts.cargo || units === 0) return null;
      const days = storageDays(facts.cargo.dischargedAt, facts.asOf, tariff.utcOffsetMinutes);
      const charge = storageCharge(rule, days, units);
      const unitName = rule.unit === 'container' ? 'container' : 'tonne';
      return {
        code: rule.code,
        description: `${rule.description}: day ${days}, ${charge.chargeableDays} chargeable after ${rule.freeDays} free, ${units} ${unitName}${units === 1 ? '' : 's'}`,
        amountMinor: charge.amountMinor,
      };
    }
  }
}

/** Containers for a container rule; started tonnes for a tonne rule, only for cargo without containers. */
function storageUnits(rule: FeeRule, cargo: DischargedCargo): number {
  switch (rule.unit) {
    case 'container':
      return cargo.containerCount;
    case 'tonne':
      return cargo.containerCount > 0 ? 0 : Math.ceil(cargo.grossWeightKg / 1000);
  }
}
