import { type CloudEvent, Events, type PayloadInput } from '@tongguan/contracts';
import { randomUUID } from 'node:crypto';

/** A valid PaymentSettled payload (typed: the compiler flags a contract change here, once). */
export function settlementOf(
  shipmentId: string,
  overrides: Partial<PayloadInput<'PaymentSettled'>> = {},
): PayloadInput<'PaymentSettled'> {
  return {
    shipmentId,
    paymentId: `PAY-${shipmentId}`,
    importerId: 'TRADER-1',
    declarationId: `DEC-${shipmentId}`,
    declarationVersion: 1,
    assessedMinor: 100,
    dutiesAndTaxesMinor: 100,
    currency: 'CNY',
    amountMinor: 100,
    method: 'gateway',
    receiptNumber: `R-${shipmentId}`,
    ...overrides,
  };
}

/** A PaymentSettled CloudEvent as logistics-trading stages it (or as anyone could write it). */
export function paymentSettledEvent(
  shipmentId: string,
  { source = 'logistics-trading', payload = {} as Record<string, unknown> } = {},
): CloudEvent {
  const id = randomUUID();
  return {
    id,
    type: Events.PaymentSettled.type,
    source,
    time: new Date().toISOString(),
    subject: shipmentId,
    correlationId: id,
    causationId: id,
    payload: { ...settlementOf(shipmentId), ...payload },
  };
}
