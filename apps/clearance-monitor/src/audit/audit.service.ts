import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Principal } from '@tongguan/auth';
import type { CloudEvent } from '@tongguan/contracts';
import { NotFoundError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { TimelinesService } from '../timelines/timelines.service';
import { auditEntryOf } from './audit-entry';
import { AuditRecord } from './audit-entry.schema';

const DUPLICATE_KEY = 11000;

@Injectable()
export class AuditService {
  constructor(
    @InjectModel(AuditRecord.name) private readonly records: Model<AuditRecord>,
    private readonly timelines: TimelinesService,
  ) {}

  /** Records a decision once; a redelivered event finds its entry already there. */
  async append(event: CloudEvent<Record<string, any>>): Promise<void> {
    const entry = auditEntryOf(event);
    if (!entry) return;
    const { eventId, at, ...rest } = entry;
    try {
      await this.records.create({ _id: eventId, at: new Date(at), ...rest });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }

  /** The shipment's trail, oldest first. An importer sees only shipments it declared (others: 404). */
  async trail(shipmentId: string, reader: Principal) {
    if (reader.role === 'importer' && (await this.timelines.importerOf(shipmentId)) !== reader.party) {
      throw new NotFoundError('shipment', shipmentId);
    }
    const records = await this.records.find({ shipmentId }).sort({ at: 1, _id: 1 }).lean();
    if (records.length === 0) throw new NotFoundError('shipment', shipmentId);
    return {
      shipmentId,
      entries: records.map(({ _id, at, service, type, actor, role, action, reasons }) => ({
        eventId: _id,
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
