import { EventPattern } from '@nestjs/microservices';
import { Events, type CloudEvent, type EventName, type PayloadOf } from '@tongguan/contracts';

export type IncomingEvent<N extends EventName> = CloudEvent<PayloadOf<N>>;

/**
 * Marks a method as the handler of one or more events of the catalog. The compiler checks that the
 * method takes those events' payload types; the CloudEventsServer has validated them before the call.
 */
export function OnEvent<N extends EventName>(...names: [N, ...N[]]) {
  return (
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<(event: IncomingEvent<N>) => Promise<void>>,
  ): void => {
    EventPattern(names.map((name) => Events[name].type))(target, key, descriptor);
  };
}
