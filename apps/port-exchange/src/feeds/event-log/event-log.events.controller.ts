import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { EventLogRepository } from './event-log.repository';
import { ALL_EVENT_NAMES } from './event-types';

/**
 * Port-exchange logs every event of the catalog for the agency feeds. CloudEventsServer subscribes to
 * the topics of the events that have a handler and skips any other type, so there is no catch-all: this
 * handler names every event. Nest chains it with the other handlers of the same type (e.g. releases).
 */
@Controller()
export class EventLogEventsController {
  constructor(private readonly log: EventLogRepository) {}

  @OnEvent(...ALL_EVENT_NAMES)
  async onAnyEvent(event: IncomingEvent<(typeof ALL_EVENT_NAMES)[number]>): Promise<void> {
    await this.log.append(event);
  }
}
