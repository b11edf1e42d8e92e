import type { CloudEvent, CloudEventMeta, DeclarationStatus } from '@tongguan/contracts';
import { type EventFactory } from '@tongguan/messaging';
import { stageEvents, withState } from '@tongguan/persistence';
import type { StatusChange } from './declaration.schema';

interface Subject {
  _id: string;
  shipmentId: string;
  importerId: string;
}

/**
 * The update that moves a declaration to a status: the $set, the status-history entry and the
 * DeclarationStatusChanged event that pushes the change to the importer, all in one document write.
 */
export function statusUpdate(
  events: EventFactory,
  declaration: Subject,
  change: { status: DeclarationStatus; by: string; reason: string },
  cause: Pick<CloudEventMeta, 'id' | 'correlationId'>,
  set: Record<string, unknown> = {},
) {
  const event: CloudEvent = events.create(
    'DeclarationStatusChanged',
    {
      shipmentId: declaration.shipmentId,
      declarationId: declaration._id,
      importerId: declaration.importerId,
      status: change.status,
      reason: change.reason,
    },
    { causedBy: cause },
  );
  const entry: StatusChange = { ...change, at: new Date(event.time) };
  return withState(stageEvents([event]), { ...set, status: change.status }, { statusHistory: entry });
}
