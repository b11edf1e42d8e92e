import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { AggregateRepository, stagedInBulk, WITHOUT_OUTBOX, type Unsaved } from '@tongguan/persistence';
import type { AnyBulkWriteOperation, FilterQuery, Model } from 'mongoose';
import type { OnRecord } from './bill-of-lading-rules';
import { BillOfLading } from './bill-of-lading.schema';
import type { ListBillsOfLadingQuery } from './bill-of-lading.views';

/** Ids per read: an $in on _id goes by the index, one lookup per id. */
const READ_BATCH = 10_000;

export type NewLine = Omit<
  Unsaved<BillOfLading>,
  'dischargedAt' | 'gateOutAt' | 'withdrawnAt' | 'withdrawnBy' | 'withdrawalReason'
>;
export interface Amendment {
  _id: string;
  /** The revision the amendment was decided on: a discharge begun since makes it miss. */
  revision?: number;
  set: Partial<BillOfLading>;
  /** Fields cleared: a withdrawn line filed again loses its withdrawal. */
  unset?: (keyof BillOfLading)[];
  /** The event announcing the line as it now stands, staged in the same write. */
  event: CloudEvent<object>;
}

/** Loads and saves bills of lading (manifest lines), by _id: the shipmentId. */
@Injectable()
export class BillOfLadingRepository extends AggregateRepository<BillOfLading> {
  constructor(@InjectModel(BillOfLading.name) bills: Model<BillOfLading>) {
    super(bills, 'bill of lading');
  }

  async find(shipmentId: string): Promise<BillOfLading | null> {
    return this.findById(shipmentId, WITHOUT_OUTBOX);
  }

  /** What is on record of these B/Ls, to decide each manifest line on. */
  async onRecord(ids: string[]): Promise<Map<string, OnRecord>> {
    const found = new Map<string, OnRecord>();
    for (let from = 0; from < ids.length; from += READ_BATCH) {
      const records = await this.model
        .find(
          { _id: { $in: ids.slice(from, from + READ_BATCH) } },
          {
            vesselCallId: 1,
            carrierPartyId: 1,
            consignee: 1,
            consigneePartyId: 1,
            containerNumbers: 1,
            packages: 1,
            grossWeightKg: 1,
            dischargedAt: 1,
            dischargedContainers: 1,
            withdrawnAt: 1,
            revision: 1,
          },
        )
        .lean<OnRecord[]>();
      for (const record of records) found.set(record._id, record);
    }
    return found;
  }

  /**
   * Inserts new lines in one bulk write, each with the event announcing it in its outbox; returns the
   * positions the unique _id turned away.
   */
  async insertLines(lines: { line: NewLine; event: CloudEvent<object> }[]): Promise<number[]> {
    const operations: AnyBulkWriteOperation<BillOfLading>[] = lines.map(({ line, event }) => ({
      insertOne: {
        document: { ...line, revision: 1, outbox: [event], outboxPending: true, outboxSeq: 1 },
      },
    }));
    let refused: number[] = [];
    try {
      await this.model.bulkWrite(operations, { ordered: false });
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { index: number }[] }).writeErrors;
      if (!Array.isArray(writeErrors) || writeErrors.length === 0) throw error;
      refused = writeErrors.map((writeError) => writeError.index);
    }
    const turnedAway = new Set(refused);
    await stagedInBulk(
      this.outboxModel,
      lines.flatMap(({ line }, index) => (turnedAway.has(index) ? [] : [line._id])),
    );
    return refused;
  }

  /**
   * Amends lines, each guarded by the revision it was decided on and staging its event in the same
   * write; returns how many applied.
   */
  async amendLines(amendments: Amendment[]): Promise<number> {
    const result = await this.model.bulkWrite(
      amendments.map(({ _id, revision, set, unset, event }) => ({
        updateOne: {
          filter: { _id, revision: revision ?? null },
          update: {
            $set: { ...set, outboxPending: true },
            $push: { outbox: event },
            $inc: { revision: 1, outboxSeq: 1 },
            ...(unset?.length ? { $unset: Object.fromEntries(unset.map((field) => [field, 1])) } : {}),
          },
        },
      })),
      { ordered: false },
    );
    await stagedInBulk(
      this.outboxModel,
      amendments.map(({ _id }) => _id),
    );
    return result.matchedCount;
  }

  /** The manifest of a call, in B/L number order. For people: it scans. */
  async pageOfCall(vesselCallId: string, query: ListBillsOfLadingQuery) {
    const filter: FilterQuery<BillOfLading> = { vesselCallId, withdrawnAt: { $exists: false } };
    if (query.discharged !== undefined) filter.dischargedAt = { $exists: query.discharged };
    if (query.containerNumber) filter.containerNumbers = query.containerNumber;
    const [items, total] = await Promise.all([
      this.model
        .find(filter, WITHOUT_OUTBOX)
        .sort({ _id: 1 })
        .skip((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .lean<BillOfLading[]>(),
      this.model.countDocuments(filter),
    ]);
    return { items, total };
  }

  /**
   * The B/Ls of a call that carry a container. It scans: the per-container discharge has no lookup by
   * container yet (the whole-B/L discharge, which the pipeline uses, goes by _id).
   */
  async carrying(vesselCallId: string, containerNumber: string): Promise<BillOfLading[]> {
    return this.model
      .find(
        { vesselCallId, containerNumbers: containerNumber, withdrawnAt: { $exists: false } },
        WITHOUT_OUTBOX,
      )
      .sort({ _id: 1 })
      .lean<BillOfLading[]>();
  }
}
