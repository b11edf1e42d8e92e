import { Events, type EventName } from '@tongguan/contracts';
import type { TappedMessage } from '@tongguan/testing';
import type { DrivenShipment } from './shipment-driver';

/** Events every shipment of the suite causes exactly once (distinct ce_id), whatever its channel. */
const ONCE: EventName[] = [
  'CargoArrived',
  'DeclarationLodged',
  'DeclarationAccepted',
  'DutyAssessed',
  'RiskAssessed',
  'PaymentRequested',
  'PaymentSettled',
  'ShipmentReleased',
];

/** The timeline stamps the monitor must hold for a released shipment, by the event that sets each. */
const STAMPS: [string, EventName][] = [
  ['arrival', 'CargoArrived'],
  ['lodged', 'DeclarationLodged'],
  ['accepted', 'DeclarationAccepted'],
  ['riskAssessed', 'RiskAssessed'],
  ['paid', 'PaymentSettled'],
  ['released', 'ShipmentReleased'],
];

export interface StoreView {
  /** Payments per shipment in logistics-trading's store. */
  paymentsPerShipment: Map<string, number>;
  /** The monitor's timeline of each shipment (stamp name → value or null). */
  timelines: Map<string, Record<string, unknown>>;
  /** Documents whose outbox still holds events, per "<database>.<collection>". */
  outboxBacklog: Map<string, number>;
}

export interface Reconciliation {
  shipments: number;
  lost: string[];
  duplicated: string[];
  stranded: string[];
}

/**
 * Compares what the clients were told, what Kafka holds (read again from the beginning after the
 * faults) and what the stores hold. Lost: something acknowledged or published that never took effect
 * downstream. Duplicated: an effect that happened twice (two events of a once-only type with
 * different ids, two payments). Stranded: a shipment that did not reach release, an event still in an
 * outbox, a valid event parked on a dead-letter topic.
 */
export function reconcile(
  shipments: DrivenShipment[],
  messages: TappedMessage[],
  store: StoreView,
): Reconciliation {
  const lost: string[] = [];
  const duplicated: string[] = [];
  const stranded: string[] = [];
  const ids = distinctIds(messages);
  const count = (bl: string, name: EventName) => ids.get(`${bl} ${Events[name].type}`)?.size ?? 0;

  for (const s of shipments) {
    const expected: EventName[] = s.channel === 'GREEN' ? ONCE : [...ONCE, 'InspectionCompleted'];
    for (const name of expected) {
      if (count(s.bl, name) > 1) duplicated.push(`${s.bl}: ${count(s.bl, name)} × ${name}`);
    }
    if ((store.paymentsPerShipment.get(s.bl) ?? 0) > 1)
      duplicated.push(`${s.bl}: ${store.paymentsPerShipment.get(s.bl)} payments`);
    if (s.lodged && count(s.bl, 'DeclarationLodged') === 0)
      lost.push(`${s.bl}: lodgement acknowledged, no event`);
    if (s.receiptNumber && count(s.bl, 'PaymentSettled') === 0)
      lost.push(`${s.bl}: settlement receipted, no event`);
    if (s.decided && count(s.bl, 'InspectionCompleted') === 0)
      lost.push(`${s.bl}: decision acknowledged, no event`);
    if (count(s.bl, 'ShipmentReleased') === 0) {
      const seen = expected.filter((name) => count(s.bl, name) > 0).join(', ') || 'nothing';
      const client = s.gaveUp.length > 0 ? `; the client gave up: ${s.gaveUp.join('; ')}` : '';
      stranded.push(`${s.bl} (${s.channel}) not released; on Kafka: ${seen}${client}`);
    }
    const timeline = store.timelines.get(s.bl);
    for (const [stamp, name] of STAMPS) {
      if (count(s.bl, name) > 0 && !timeline?.[stamp])
        lost.push(`${s.bl}: ${name} on Kafka, no ${stamp} stamp`);
    }
  }
  for (const m of messages.filter((x) => x.topic.endsWith('.dlq'))) {
    stranded.push(
      `dead letter on ${m.topic}: ${m.headers.ce_type} ${m.key} (${m.headers.dlq_reason ?? '?'})`,
    );
  }
  for (const [where, n] of store.outboxBacklog)
    stranded.push(`${n} document(s) with unsent events in ${where}`);
  return { shipments: shipments.length, lost, duplicated, stranded };
}

/** Distinct ce_ids per "<shipment> <type>" on the platform topics (a redelivery keeps its ce_id). */
function distinctIds(messages: TappedMessage[]): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  for (const m of messages) {
    if (m.topic.endsWith('.dlq')) continue;
    const key = `${m.headers.ce_subject} ${m.headers.ce_type}`;
    if (!ids.has(key)) ids.set(key, new Set());
    ids.get(key)!.add(m.headers.ce_id);
  }
  return ids;
}
