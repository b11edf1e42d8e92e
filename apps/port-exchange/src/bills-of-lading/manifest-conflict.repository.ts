import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { upsert } from '@tongguan/persistence';
import type { FilterQuery, Model } from 'mongoose';
import type { ManifestConflict } from './bill-of-lading-rules';
import { ManifestConflictRecord } from './manifest-conflict.schema';
import type { ListConflictsQuery } from './manifest.dto';

/** Records manifest conflicts (one document per number, claimant and call, by _id) and lists them for people. */
@Injectable()
export class ManifestConflictRepository {
  constructor(
    @InjectModel(ManifestConflictRecord.name) private readonly conflicts: Model<ManifestConflictRecord>,
  ) {}

  async record(conflict: ManifestConflict, at: Date): Promise<void> {
    const _id = `${conflict.blNumber}|${conflict.claimantPartyId}|${conflict.claimantVesselCallId}`;
    await upsert(
      this.conflicts,
      { _id },
      {
        $set: {
          lastAt: at,
          holderVesselCallId: conflict.holderVesselCallId,
          ...(conflict.holderPartyId ? { holderPartyId: conflict.holderPartyId } : {}),
        },
        $inc: { attempts: 1 },
        $setOnInsert: {
          blNumber: conflict.blNumber,
          claimantPartyId: conflict.claimantPartyId,
          claimantVesselCallId: conflict.claimantVesselCallId,
          firstAt: at,
        },
      },
    );
  }

  /** Newest first. For people: it scans and sorts. */
  async list(query: ListConflictsQuery): Promise<{ items: ManifestConflictRecord[]; total: number }> {
    const filter: FilterQuery<ManifestConflictRecord> = query.blNumber ? { blNumber: query.blNumber } : {};
    const [items, total] = await Promise.all([
      this.conflicts
        .find(filter)
        .sort({ lastAt: -1, _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<ManifestConflictRecord[]>(),
      this.conflicts.countDocuments(filter),
    ]);
    return { items, total };
  }
}
