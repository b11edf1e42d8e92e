import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FieldProblem } from '@tongguan/contracts';
import type { AnyBulkWriteOperation, Model } from 'mongoose';
import { BillOfLading } from './bill-of-lading.schema';
import type { ManifestLine } from './manifest-line';

export type LineOutcome =
  | { kind: 'stored' }
  | { kind: 'amended' }
  | { kind: 'unchanged' }
  | { kind: 'refused'; problem: FieldProblem };

type OnRecord = Pick<
  BillOfLading,
  | '_id'
  | 'vesselCallId'
  | 'consignee'
  | 'containerNumbers'
  | 'packages'
  | 'grossWeightKg'
  | 'dischargedAt'
  | 'dischargedContainers'
>;

/** Bounds each round trip: a 5,000-line manifest is five reads and five writes, not 10,000. */
const BATCH = 1000;

/**
 * Writes checked manifest lines: a new B/L is inserted, one already on this call is left alone when
 * identical (so sending the same manifest twice stores nothing twice) or amended until its discharge
 * begins, and one on another call is refused. A B/L and its containers are one document, so a line is
 * written whole or not at all.
 */
@Injectable()
export class ManifestStore {
  constructor(@InjectModel(BillOfLading.name) private readonly bills: Model<BillOfLading>) {}

  /** What writing the lines would do, line by line, without writing. */
  async plan(vesselCallId: string, lines: ManifestLine[]): Promise<LineOutcome[]> {
    const onRecord = await this.onRecord(lines.map((line) => line.blNumber));
    return lines.map((line) => decide(vesselCallId, line, onRecord.get(line.blNumber)));
  }

  /** Writes what the plan allows (unordered bulk writes) and returns each line's final outcome. */
  async write(vesselCallId: string, lines: ManifestLine[], planned?: LineOutcome[]): Promise<LineOutcome[]> {
    const outcomes = [...(planned ?? (await this.plan(vesselCallId, lines)))];
    const writes = outcomes.flatMap((outcome, index) =>
      outcome.kind === 'stored' || outcome.kind === 'amended' ? [index] : [],
    );
    const toRecheck = new Set(writes.filter((index) => outcomes[index].kind === 'amended'));
    const failed = new Set<number>();
    for (let from = 0; from < writes.length; from += BATCH) {
      const batch = writes.slice(from, from + BATCH);
      const operations = batch.map((index) => operation(vesselCallId, lines[index], outcomes[index]));
      for (const refused of await this.bulkWrite(operations)) failed.add(batch[refused]);
    }
    if (toRecheck.size + failed.size > 0) {
      // a concurrent upload or discharge got there first: decide again from what is now on record
      const indexes = [...new Set([...toRecheck, ...failed])];
      const onRecord = await this.onRecord(indexes.map((index) => lines[index].blNumber));
      for (const index of indexes) {
        const line = lines[index];
        const record = onRecord.get(line.blNumber);
        if (record && record.vesselCallId === vesselCallId && sameContent(record, line)) {
          if (failed.has(index)) outcomes[index] = { kind: 'unchanged' };
          continue;
        }
        const again = decide(vesselCallId, line, record);
        outcomes[index] = again.kind === 'refused' ? again : { kind: 'refused', problem: raceLost(line) };
      }
    }
    return outcomes;
  }

  /** Indexes (within the batch) of the operations the server refused. */
  private async bulkWrite(operations: AnyBulkWriteOperation<BillOfLading>[]): Promise<number[]> {
    try {
      await this.bills.bulkWrite(operations, { ordered: false });
      return [];
    } catch (error) {
      const writeErrors = (error as { writeErrors?: { index: number }[] }).writeErrors;
      if (!Array.isArray(writeErrors) || writeErrors.length === 0) throw error;
      return writeErrors.map((writeError) => writeError.index);
    }
  }

  private async onRecord(ids: string[]): Promise<Map<string, OnRecord>> {
    const found = new Map<string, OnRecord>();
    for (let from = 0; from < ids.length; from += BATCH) {
      const records = await this.bills
        .find(
          { _id: { $in: ids.slice(from, from + BATCH) } },
          {
            vesselCallId: 1,
            consignee: 1,
            containerNumbers: 1,
            packages: 1,
            grossWeightKg: 1,
            dischargedAt: 1,
            dischargedContainers: 1,
          },
        )
        .lean<OnRecord[]>();
      for (const record of records) found.set(record._id, record);
    }
    return found;
  }
}

function decide(vesselCallId: string, line: ManifestLine, record: OnRecord | undefined): LineOutcome {
  if (!record) return { kind: 'stored' };
  if (record.vesselCallId !== vesselCallId) {
    return {
      kind: 'refused',
      problem: {
        path: 'blNumber',
        code: 'ALREADY_MANIFESTED',
        message: `${line.blNumber} is already manifested on vessel call ${record.vesselCallId}`,
      },
    };
  }
  if (sameContent(record, line)) return { kind: 'unchanged' };
  if (record.dischargedAt || (record.dischargedContainers ?? []).length > 0) {
    return {
      kind: 'refused',
      problem: {
        path: 'blNumber',
        code: 'ALREADY_DISCHARGED',
        message: `${line.blNumber} is being or has been discharged: its manifest line can no longer change`,
      },
    };
  }
  return { kind: 'amended' };
}

function sameContent(record: OnRecord, line: ManifestLine): boolean {
  return (
    record.consignee === line.consignee &&
    record.packages === line.packages &&
    record.grossWeightKg === line.grossWeightKg &&
    record.containerNumbers.join(',') === line.containerNumbers.join(',')
  );
}

function operation(
  vesselCallId: string,
  line: ManifestLine,
  outcome: LineOutcome,
): AnyBulkWriteOperation<BillOfLading> {
  const content = {
    blNumber: line.blNumber,
    vesselCallId,
    consignee: line.consignee,
    containerNumbers: line.containerNumbers,
    packages: line.packages,
    grossWeightKg: line.grossWeightKg,
  };
  if (outcome.kind === 'stored') {
    const document = {
      _id: line.blNumber,
      ...content,
      dischargedContainers: [],
      outbox: [],
      outboxPending: false,
    };
    return { insertOne: { document } };
  }
  return {
    updateOne: {
      filter: {
        _id: line.blNumber,
        vesselCallId,
        dischargedAt: { $exists: false },
        dischargedContainers: { $size: 0 },
      },
      update: { $set: content },
    },
  };
}

function raceLost(line: ManifestLine): FieldProblem {
  return {
    path: 'blNumber',
    code: 'CONCURRENT_CHANGE',
    message: `${line.blNumber} was changed by another request at the same time; send it again`,
  };
}
