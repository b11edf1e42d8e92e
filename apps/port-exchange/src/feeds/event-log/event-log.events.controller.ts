import { Controller } from '@nestjs/common';
import { nameEvent } from '@tongguan/contracts';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ShipmentAudience } from '../parties/shipment-audience';
import { EventLogRepository } from './event-log.repository';
import { ALL_EVENT_NAMES } from './event-types';

/**
 * Port-exchange logs every event of the catalog for the agency feeds. CloudEventsServer subscribes to
 * the topics of the events that have a handler and skips any other type, so there is no catch-all: this
 * handler names every event. Nest chains it with the other handlers of the same type (e.g. releases).
 */
@Controller()
export class EventLogEventsController {
  constructor(
    private readonly log: EventLogRepository,
    private readonly audience: ShipmentAudience,
  ) {}

  @OnEvent(...ALL_EVENT_NAMES)
  async onAnyEvent(event: IncomingEvent<(typeof ALL_EVENT_NAMES)[number]>): Promise<void> {
    // the traders it is for are decided before it is logged, and stay what they were then
    const { parties, owes } = await this.audience.stamp(nameEvent(event, ALL_EVENT_NAMES));
    await this.log.append(event, parties);
    // after the event: a naming event's copies come behind it in the log
    if (owes) await this.audience.deliverOwed(event.subject);
  }
}
