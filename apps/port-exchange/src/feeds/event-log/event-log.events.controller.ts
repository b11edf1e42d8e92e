import { Controller } from '@nestjs/common';
import { nameEvent, type NamedEvent } from '@tongguan/contracts';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import type { ShipmentOwner } from '../scopes/shipment-owner.schema';
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
    // the owner first: once the event naming it is in the log, its importer's feed finds the shipment's events
    const owner = ownerNamedBy(nameEvent(event, ALL_EVENT_NAMES));
    if (owner) await this.owners.record(owner);
    await this.log.append(event);
  }
}

/** The importer an event names as the shipment's owner: the manifest's consignee or the declaration's importer. */
function ownerNamedBy(event: NamedEvent<(typeof ALL_EVENT_NAMES)[number]>): ShipmentOwner | null {
  const namedAt = new Date(event.time);
  // only these events name an owner; every other passes through
  if (event.name === 'BillOfLadingManifested' || event.name === 'BillOfLadingAmended') {
    return {
      _id: event.payload.shipmentId,
      importerId: event.payload.consigneePartyId,
      namedBy: event.name,
      namedAt,
    };
  }
  if (event.name === 'DeclarationLodged') {
    return {
      _id: event.payload.shipmentId,
      importerId: event.payload.importerId,
      namedBy: event.name,
      namedAt,
    };
  }
  return null;
}
