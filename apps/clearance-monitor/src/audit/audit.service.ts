import { Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import { NotFoundError } from '@tongguan/platform';
import { auditEntryOf, type AuditedEvent } from './audit-entry';
import { visibleToImporter } from './audit-ownership';
import { AuditTrailRepository } from './audit-trail.repository';

@Injectable()
export class AuditService {
  constructor(private readonly trails: AuditTrailRepository) {}

  /** Records a decision once; a redelivered event finds its entry already there. */
  async append(event: AuditedEvent): Promise<void> {
    const { eventId, shipmentId, at, ...rest } = auditEntryOf(event);
    await this.trails.append(shipmentId, { eventId, at: new Date(at), ...rest });
  }

  /**
   * The shipment's trail, oldest first. An importer reads only its own part of it (audit-ownership:
   * after a re-filing, the new importer from its declaration on, the previous one no further); a
   * shipment it never filed for is a 404, as if it did not exist.
   */
  async trail(shipmentId: string, reader: Principal) {
    const trail = await this.trails.findById(shipmentId);
    const readable =
      trail && reader.role === 'importer' ? visibleToImporter(reader.party, trail.entries) : trail?.entries;
    if (!readable || readable.length === 0) throw new NotFoundError('shipment', shipmentId);
    const entries = [...readable].sort(
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
