import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AggregateRepository } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { chainedAfter } from './audit-chain';
import { AuditRecord, AuditTrail } from './audit-trail.schema';

/** What a caller appends: the repository links it into the chain. */
export type UnchainedRecord = Omit<AuditRecord, 'prevHash' | 'hash'>;

/**
 * Read-modify-write attempts of one append. Each round of racing appends lets at least one writer
 * through, so this many writers racing on one shipment all get in; far more than one shipment sees.
 */
const APPEND_ATTEMPTS = 64;

/** Loads and appends to audit trails; every read and write goes by the shipment's _id. */
@Injectable()
export class AuditTrailRepository extends AggregateRepository<AuditTrail> {
  constructor(@InjectModel(AuditTrail.name) trails: Model<AuditTrail>) {
    super(trails, 'audit trail');
  }

  /**
   * Adds a decision to the shipment's trail unless its event is there already, linked to the trail's
   * last entry: one write guarded by the revision read, so of two appends racing on one shipment (two
   * instances, or two topics at once) one wins and the other reads the new last entry and links after
   * it: the chain never forks. A new trail is a unique insert; losing that race, the append goes on
   * the trail that won.
   */
  async append(shipmentId: string, record: UnchainedRecord): Promise<void> {
    const decide = (trail: AuditTrail) =>
      trail.entries.some((entry) => entry.eventId === record.eventId)
        ? null
        : { change: { push: { entries: chainedAfter(shipmentId, trail.entries.at(-1), record) } } };
    const { current } = await this.modify(shipmentId, decide, APPEND_ATTEMPTS);
    if (current) return;
    if (await this.insert({ _id: shipmentId, entries: [chainedAfter(shipmentId, undefined, record)] }))
      return;
    await this.modify(shipmentId, decide, APPEND_ATTEMPTS);
  }
}
