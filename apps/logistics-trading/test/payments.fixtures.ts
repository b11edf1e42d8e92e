import type { ApiClient, EventTap } from '@tongguan/testing';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

export const DUTY_ASSESSED = 'tongguan.declaration.DutyAssessed.v1';
export const PAYMENT_REQUESTED = 'tongguan.logistics.PaymentRequested.v1';
export const PAYMENT_SETTLED = 'tongguan.logistics.PaymentSettled.v1';

export const CARGO_ARRIVED = 'tongguan.port.CargoArrived.v1';

interface ShippedFee {
  code: string;
  basis: 'per-bill-of-lading' | 'storage-per-day';
  amountMinor?: number;
  unit?: 'container' | 'tonne';
  freeDays?: number;
  tiers?: { fromDay: number; dailyRateMinor: number }[];
}

/** The tariff the service under test loads, so expectations follow the shipped file. */
export const shippedTariff = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'config', 'port-fees.json'), 'utf8'),
) as { fees: ShippedFee[] };
/** The fees charged once per B/L, whenever the cargo arrives. */
export const perBlFees = shippedTariff.fees.filter((fee) => fee.basis === 'per-bill-of-lading');
export const portFeesMinor = perBlFees.reduce((sum, fee) => sum + fee.amountMinor!, 0);
/** The shipped container storage rule. */
export const containerStorage = shippedTariff.fees.find(
  (fee) => fee.basis === 'storage-per-day' && fee.unit === 'container',
)!;

let serial = 0;

/** A DutyAssessed payload for a fresh shipment of TRADER-1 (amounts in fen). */
export function dutyAssessed(overrides: Partial<DutyAssessedPayload> = {}) {
  return {
    shipmentId: `COSU${Date.now()}${serial++}`,
    declarationId: randomUUID(),
    importerId: 'TRADER-1',
    declarationVersion: 1,
    currency: 'CNY',
    dutyMinor: 1_234_56,
    vatMinor: 4_567_89,
    totalMinor: 1_234_56 + 4_567_89,
    ...overrides,
  };
}

export interface DutyAssessedPayload {
  shipmentId: string;
  declarationId: string;
  importerId: string;
  declarationVersion: number;
  currency: string;
  dutyMinor: number;
  vatMinor: number;
  totalMinor: number;
}

/** Publishes as the declaration service would: CloudEvents binary mode, keyed by shipmentId. */
export function publishDutyAssessed(
  tap: EventTap,
  payload: DutyAssessedPayload,
  ceId: string = randomUUID(),
): Promise<string> {
  return tap.publish('DutyAssessed', payload, { id: ceId });
}

/**
 * Publishes the discharge as port-exchange would; ce_time is the business time of the discharge, which
 * is where storage starts.
 */
export function publishCargoArrived(
  tap: EventTap,
  shipmentId: string,
  dischargedAt: string,
  containerNumbers = ['MSCU1234565', 'MSCU7654321'],
): Promise<string> {
  return tap.publish(
    'CargoArrived',
    {
      shipmentId,
      vesselCallId: 'VC-2026-0301',
      vesselName: 'COSCO SHIPPING ARIES',
      voyage: '071E',
      containerNumbers,
      packages: 40,
      grossWeightKg: 36_000,
    },
    { time: new Date(dischargedAt).toISOString() },
  );
}

/** Distinct events of a type: a relay may re-send an entry (same ce_id), which every inbox drops. */
export function distinctEvents(tap: EventTap, type: string, shipmentId: string): string[] {
  return [...new Set(tap.ofType(type, shipmentId).map((m) => m.headers.ce_id))];
}

/** Reads a counter of the service's /metrics, to know when it has handled (or skipped) a message. */
export async function metricCounter(api: ApiClient, name: string, type: string): Promise<number> {
  const text = (await api.get('/metrics')).body as string;
  const line = text.split('\n').find((l) => l.startsWith(`${name}{type="${type}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
