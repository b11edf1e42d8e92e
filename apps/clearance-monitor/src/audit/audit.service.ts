import { Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { NotFoundError } from '@tongguan/platform';
import { TimelineRepository } from '../timelines/timeline.repository';
import { auditEntryOf, type AuditedEvent } from './audit-entry';
import { AuditTrailRepository } from './audit-trail.repository';

@Injectable()
export class AuditService {
  constructor(
    private readonly trails: AuditTrailRepository,
    private readonly timelines: TimelineRepository,
  ) {}

  /** Records a decision once; a redelivered event finds its entry already there. */
  async append(event: AuditedEvent): Promise<void> {
    const { eventId, shipmentId, at, ...rest } = auditEntryOf(event);
    await this.trails.append(shipmentId, { eventId, at: new Date(at), ...rest });
  }

  /** The shipment's trail, oldest first. An importer sees only shipments it declared (others: 404). */
  async trail(shipmentId: string, reader: Principal) {
    if (reader.role === 'importer' && (await this.timelines.importerOf(shipmentId)) !== reader.party) {
      throw new NotFoundError('shipment', shipmentId);
    }
    const trail = await this.trails.findById(shipmentId);
    if (!trail || trail.entries.length === 0) throw new NotFoundError('shipment', shipmentId);
    const entries = [...trail.entries].sort(
      (a, b) =>
        a.at.getTime() - b.at.getTime() || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
    );
    return {
      shipmentId,
      entries: entries.map(({ eventId, at, service, type, actor, role, action, reasons }) => ({
        eventId,
        at: at.toISOString(),
        service,
        type,
        actor,
        role,
        action,
        reasons,
      })),
    };
  }
}
