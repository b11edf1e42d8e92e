import { Controller } from '@nestjs/common';
import { nameEvent } from '@tongguan/contracts';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ShipmentOwnerRepository } from '../scopes/shipment-owner.repository';
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
    private readonly owners: ShipmentOwnerRepository,
  ) {}

  @OnEvent(...ALL_EVENT_NAMES)
  async onAnyEvent(event: IncomingEvent<(typeof ALL_EVENT_NAMES)[number]>): Promise<void> {
    // the owner first: once the lodgement is in the log, its importer's feed finds the shipment's events
    const named = nameEvent(event, ALL_EVENT_NAMES);
    if (named.name === 'DeclarationLodged') {
      const lodged = named.payload;
      await this.owners.record({
        _id: lodged.shipmentId,
        importerId: lodged.importerId,
        declarationId: lodged.declarationId,
        lodgedAt: new Date(event.time),
      });
    }
    await this.log.append(event);
  }
}
