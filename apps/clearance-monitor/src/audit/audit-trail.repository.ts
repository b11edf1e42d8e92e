import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { FilterQuery, Model } from 'mongoose';
import { AuditRecord, AuditTrail } from './audit-trail.schema';

/** Loads and appends to audit trails; every read and write goes by the shipment's _id. */
@Injectable()
export class AuditTrailRepository extends AggregateRepository<AuditTrail> {
  constructor(@InjectModel(AuditTrail.name) trails: Model<AuditTrail>) {
    super(trails, 'audit trail');
  }

  /**
   * Adds a decision to the shipment's trail unless its event is there already: one conditional write
   * on an existing trail, a unique insert for a new one. Of two instances appending the same event, or
   * creating one trail at once, nothing is lost and nothing is added twice.
   */
  async append(shipmentId: string, record: AuditRecord): Promise<void> {
    const guard = {
      _id: shipmentId,
      'entries.eventId': { $ne: record.eventId },
    } as FilterQuery<AuditTrail> & {
      _id: string;
    };
    const append = { change: { push: { entries: record } } };
    if (await this.apply(guard, append)) return;
    if (await this.insert({ _id: shipmentId, entries: [record] })) return;
    // the trail was created meanwhile, with or without this entry
    await this.apply(guard, append);
  }
}
