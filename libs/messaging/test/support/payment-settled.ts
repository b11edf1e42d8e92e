import { type CloudEvent, Events, type PayloadInput, toKafkaHeaders } from '@tongguan/contracts';
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

/**
 * A PaymentSettled as a Kafka message (CloudEvents headers, keyed by shipment), for tests that write
 * several at once; `value` replaces the JSON (a poison message).
 */
export function settlementMessage(
  shipmentId: string,
  {
    id = randomUUID(),
    payload = {},
    value,
  }: { id?: string; payload?: Record<string, unknown>; value?: string } = {},
): { id: string; key: string; value: string; headers: Record<string, string> } {
  const { type, source } = Events.PaymentSettled;
  const time = new Date().toISOString();
  return {
    id,
    key: shipmentId,
    value: value ?? JSON.stringify({ ...settlementOf(shipmentId), ...payload }),
    headers: toKafkaHeaders({
      id,
      type,
      source,
      time,
      subject: shipmentId,
      correlationId: id,
      causationId: id,
    }),
  };
}
