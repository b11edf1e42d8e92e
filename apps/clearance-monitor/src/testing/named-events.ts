import { Events, type CloudEventMeta, type EventName, type PayloadOf } from '@tongguan/contracts';
import type { NamedEvent } from '@tongguan/contracts';

let sequence = 0;

/**
 * One event of the catalog for unit tests: only the payload fields a test is about need to be given
 * (the shipmentId defaults to the subject), the rest of the envelope is filled in.
 */
export function namedEvent<N extends EventName>(
  name: N,
  time: string,
  payload: Partial<PayloadOf<N>> = {},
  meta: Partial<CloudEventMeta> = {},
): NamedEvent<N> {
  sequence += 1;
  const subject = meta.subject ?? 'COSU1';
  return {
    id: `e${sequence}`,
    type: Events[name].type,
    source: Events[name].source,
    time,
    subject,
    correlationId: 'c',
    causationId: 'c',
    ...meta,
    name,
    payload: { shipmentId: subject, ...payload },
  } as NamedEvent<N>;
}
