import { EventPattern } from '@nestjs/microservices';
import { type CloudEvent, type EventName, Events, type PayloadOf } from '@tongguan/contracts';

export type IncomingEvent<N extends EventName> = CloudEvent<PayloadOf<N>>;

/**
 * Marks a method as the handler of one event of the catalog. The compiler checks that the method
 * takes that event's payload type; the CloudEventsServer has validated it before the call.
 */
export function OnEvent<N extends EventName>(name: N) {
  return (
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<(event: IncomingEvent<N>) => Promise<void>>,
  ): void => {
    EventPattern(Events[name].type)(target, key, descriptor);
  };
}
