import type { CloudEvent } from './cloud-event';
import { eventNameOfType, type EventName, type PayloadOf } from './event-catalog';

/**
 * An event of the catalog with its short name. A union of them (`NamedEvent<'A' | 'B'>`) is
 * discriminated by `name`, so a switch on the name narrows the payload and the compiler checks that
 * every name is handled.
 */
export type NamedEvent<N extends EventName = EventName> = {
  [K in N]: CloudEvent<PayloadOf<K>> & { readonly name: K };
}[N];

/**
 * Names a consumed event, once, from its CloudEvents type. `names` are the events the handler
 * subscribed to: the server has routed and validated the payload by that type, so the pairing of name
 * and payload holds; a type outside them is a routing bug and throws.
 */
export function nameEvent<N extends EventName>(
  event: CloudEvent<PayloadOf<N>>,
  names: readonly N[],
): NamedEvent<N> {
  const name = eventNameOfType(event.type);
  if (name === undefined || !(names as readonly EventName[]).includes(name)) {
    throw new Error(`event type ${event.type} is not one of ${names.join(', ')}`);
  }
  return { ...event, name } as NamedEvent<N>;
}
