import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import {
  CloudEvent,
  CloudEventMeta,
  EventDefinition,
  EventName,
  Events,
  PayloadInput,
  PayloadOf,
  validatePayload,
} from '@tongguan/contracts';
import { traceparentOf } from '@tongguan/logging';
import { randomUUID } from 'node:crypto';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging-options';
import { stableEventId } from './stable-event-id';

/**
 * Builds CloudEvents for this service: validates the payload against its contract (produce-side
 * validation), stamps business time from the platform clock and chains correlation/causation ids.
 * With tracing on, the event carries the traceparent of the span it is created in (the request's, or
 * the handled event's), stored with it in the outbox, so the relay sends it later in that trace.
 */
@Injectable()
export class EventFactory {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly clock: Clock,
  ) {}

  create<N extends EventName>(
    name: N,
    payload: PayloadInput<N>,
    context: {
      causedBy?: Pick<CloudEventMeta, 'id' | 'correlationId'>;
      correlationId?: string;
      /** Names the one decision this event announces; its ce_id is then derived from it (see stableEventId). */
      decision?: string;
    } = {},
  ): CloudEvent<PayloadOf<N>> {
    const definition = Events[name] as EventDefinition;
    const valid = validatePayload(definition, payload) as PayloadOf<N> & { shipmentId: string };
    const id = context.decision ? stableEventId(`${this.options.service}:${context.decision}`) : randomUUID();
    const correlationId = context.causedBy?.correlationId ?? context.correlationId ?? id;
    const traceparent = traceparentOf();
    return {
      id,
      type: definition.type,
      source: this.options.service,
      time: this.clock.now().toISOString(),
      subject: valid.shipmentId,
      correlationId,
      causationId: context.causedBy?.id ?? correlationId,
      ...(traceparent ? { traceparent } : {}),
      // stored and sent as plain JSON, not as the class instance
      payload: { ...valid },
    };
  }
}
