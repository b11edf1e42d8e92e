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

/** Operations per bulk write: a 5,000-line manifest is five round trips, not 5,000. */
const WRITE_BATCH = 1000;
/** Ids per read; FerretDB answers an $in by scanning the collection, so fewer, larger reads are cheaper. */
const READ_BATCH = 10_000;

/**
 * Writes checked manifest lines: a new B/L is inserted, one already on this call is left alone when
 * identical (so sending the same manifest twice stores nothing twice) or amended until its discharge
 * begins, and one on another call is refused. A B/L and its containers are one document, so a line is
 * written whole or not at all.
 */
@Injectable()
export class ManifestStore {
  constructor(@InjectModel(BillOfLading.name) private readonly bills: Model<BillOfLading>) {}

  /** What writing the lines would do, line by line, without writing (for all-or-nothing callers). */
  async plan(vesselCallId: string, lines: ManifestLine[]): Promise<LineOutcome[]> {
    const onRecord = await this.onRecord(lines.map((line) => line.blNumber));
    return lines.map((line) => decide(vesselCallId, line, onRecord.get(line.blNumber)));
  }

  /**
   * Writes the lines and returns each one's outcome. Without a plan every line is first tried as new:
   * a fresh manifest then costs only its inserts, and only the B/Ls the unique _id turns away are read
   * back to tell an unchanged line from an amendment or a B/L of another call.
   */
  async write(vesselCallId: string, lines: ManifestLine[], planned?: LineOutcome[]): Promise<LineOutcome[]> {
    const outcomes: LineOutcome[] = planned ? [...planned] : lines.map(() => ({ kind: 'stored' }));
    const inserts = indexesOf(outcomes, 'stored');
    const turnedAway: number[] = [];
    for (let from = 0; from < inserts.length; from += WRITE_BATCH) {
      const batch = inserts.slice(from, from + WRITE_BATCH);
      const refused = await this.bulkWrite(batch.map((index) => insertion(vesselCallId, lines[index])));
      turnedAway.push(...refused.map((position) => batch[position]));
    }
    if (turnedAway.length > 0) {
      const onRecord = await this.onRecord(turnedAway.map((index) => lines[index].blNumber));
      for (const index of turnedAway) {
        const record = onRecord.get(lines[index].blNumber);
        const outcome = record ? decide(vesselCallId, lines[index], record) : undefined;
        outcomes[index] = outcome ?? { kind: 'refused', problem: raceLost(lines[index]) };
      }
    }

    const amendments = indexesOf(outcomes, 'amended');
    let matched = 0;
    for (let from = 0; from < amendments.length; from += WRITE_BATCH) {
      const batch = amendments.slice(from, from + WRITE_BATCH);
      matched += await this.amend(batch.map((index) => amendment(vesselCallId, lines[index])));
    }
    if (matched < amendments.length) {
      // a discharge began meanwhile: the lines it guarded are refused, the others were amended
      const onRecord = await this.onRecord(amendments.map((index) => lines[index].blNumber));
      for (const index of amendments) {
        const record = onRecord.get(lines[index].blNumber);
        if (record && record.vesselCallId === vesselCallId && sameContent(record, lines[index])) continue;
        const again = decide(vesselCallId, lines[index], record);
        outcomes[index] =
          again.kind === 'refused' ? again : { kind: 'refused', problem: raceLost(lines[index]) };
      }
    }
    return outcomes;
  }

  /** Positions (within the operations) of the inserts the server refused, e.g. for a taken _id. */
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

  private async amend(operations: AnyBulkWriteOperation<BillOfLading>[]): Promise<number> {
    const result = await this.bills.bulkWrite(operations, { ordered: false });
    return result.matchedCount;
  }

  private async onRecord(ids: string[]): Promise<Map<string, OnRecord>> {
    const found = new Map<string, OnRecord>();
    for (let from = 0; from < ids.length; from += READ_BATCH) {
      const records = await this.bills
        .find(
          { _id: { $in: ids.slice(from, from + READ_BATCH) } },
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

function indexesOf(outcomes: LineOutcome[], kind: LineOutcome['kind']): number[] {
  return outcomes.flatMap((outcome, index) => (outcome.kind === kind ? [index] : []));
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

function content(vesselCallId: string, line: ManifestLine) {
  return {
    blNumber: line.blNumber,
    vesselCallId,
    consignee: line.consignee,
    containerNumbers: line.containerNumbers,
    packages: line.packages,
    grossWeightKg: line.grossWeightKg,
  };
}

function insertion(vesselCallId: string, line: ManifestLine): AnyBulkWriteOperation<BillOfLading> {
  const document = {
    _id: line.blNumber,
    ...content(vesselCallId, line),
    dischargedContainers: [],
    outbox: [],
    outboxPending: false,
  };
  return { insertOne: { document } };
}

/** Guarded: a line whose discharge has begun no longer changes. */
function amendment(vesselCallId: string, line: ManifestLine): AnyBulkWriteOperation<BillOfLading> {
  return {
    updateOne: {
      filter: {
        _id: line.blNumber,
        vesselCallId,
        dischargedAt: { $exists: false },
        dischargedContainers: { $size: 0 },
      },
      update: { $set: content(vesselCallId, line) },
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
