import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import type { CloudEvent, FieldProblem } from '@tongguan/contracts';
import { EventFactory } from '@tongguan/messaging';
import {
  decideManifestLine,
  sameContent,
  type LineOutcome,
  type ManifestFiler,
} from './bill-of-lading-rules';
import { BillOfLadingRepository, type Amendment, type NewLine } from './bill-of-lading.repository';
import { ManifestConflictRepository } from './manifest-conflict.repository';
import { manifestConflicts } from './manifest-metrics';
import type { ManifestLine } from './manifest-line';

export type { LineOutcome, ManifestFiler } from './bill-of-lading-rules';

/** Operations per bulk write: a 5,000-line manifest is five round trips, not 5,000. */
const WRITE_BATCH = 1000;

/**
 * Writes checked manifest lines, each as decideManifestLine says, with the event that tells the
 * declaration service who owns the line and which consignee it names (BillOfLadingManifested, or
 * BillOfLadingAmended) in the same write. A B/L and its containers are one document, so a line is
 * written whole or not at all. Another party's filing of a number already manifested is refused and
 * recorded as a conflict for operations.
 */
@Injectable()
export class ManifestStore {
  private readonly logger = new Logger(ManifestStore.name);

  constructor(
    private readonly bills: BillOfLadingRepository,
    private readonly conflicts: ManifestConflictRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  /** What writing the lines would do, line by line, without writing (for all-or-nothing callers). */
  async plan(filer: ManifestFiler, lines: ManifestLine[]): Promise<LineOutcome[]> {
    const onRecord = await this.bills.onRecord(lines.map((line) => line.blNumber));
    const outcomes = lines.map((line) => decideManifestLine(filer, line, onRecord.get(line.blNumber)));
    await this.recordConflicts(outcomes);
    return outcomes;
  }

  /**
   * Writes the lines and returns each one's outcome. Without a plan every line is first tried as new:
   * a fresh manifest then costs only its inserts, and only the B/Ls the unique _id turns away are read
   * back to tell an unchanged line from an amendment or a B/L of another call.
   */
  async write(filer: ManifestFiler, lines: ManifestLine[], planned?: LineOutcome[]): Promise<LineOutcome[]> {
    const outcomes: LineOutcome[] = planned ? [...planned] : lines.map(() => ({ kind: 'stored' }));
    const inserts = outcomes.flatMap((o, index) =>
      o.kind === 'stored' && o.over === undefined ? [index] : [],
    );
    const turnedAway: number[] = [];
    for (let from = 0; from < inserts.length; from += WRITE_BATCH) {
      const batch = inserts.slice(from, from + WRITE_BATCH);
      const refused = await this.bills.insertLines(
        batch.map((index) => ({
          line: newLine(filer, lines[index]),
          event: this.announce('BillOfLadingManifested', filer, lines[index], 1),
        })),
      );
      turnedAway.push(...refused.map((position) => batch[position]));
    }
    if (turnedAway.length > 0) {
      const onRecord = await this.bills.onRecord(turnedAway.map((index) => lines[index].blNumber));
      for (const index of turnedAway) {
        const record = onRecord.get(lines[index].blNumber);
        const outcome = record ? decideManifestLine(filer, lines[index], record) : undefined;
        outcomes[index] = outcome ?? { kind: 'refused', problem: raceLost(lines[index]) };
      }
    }

    // amendments, and withdrawn lines filed again: guarded writes over the revision read
    const rewrites = outcomes.flatMap((o, index) =>
      o.kind === 'amended' || (o.kind === 'stored' && o.over !== undefined) ? [index] : [],
    );
    let matched = 0;
    for (let from = 0; from < rewrites.length; from += WRITE_BATCH) {
      const batch = rewrites.slice(from, from + WRITE_BATCH);
      matched += await this.bills.amendLines(
        batch.map((index) => this.rewrite(filer, lines[index], outcomes[index])),
      );
    }
    if (matched < rewrites.length) {
      // the B/L moved on since it was read (a discharge began, another amendment): those lines are
      // refused, the others were written; the bulk write counts, it does not say which missed
      const onRecord = await this.bills.onRecord(rewrites.map((index) => lines[index].blNumber));
      for (const index of rewrites) {
        const record = onRecord.get(lines[index].blNumber);
        if (
          record &&
          !record.withdrawnAt &&
          record.carrierPartyId === filer.partyId &&
          record.vesselCallId === filer.vesselCallId &&
          sameContent(record, lines[index])
        )
          continue;
        const again = decideManifestLine(filer, lines[index], record);
        outcomes[index] =
          again.kind === 'refused' ? again : { kind: 'refused', problem: raceLost(lines[index]) };
      }
    }
    await this.recordConflicts(outcomes);
    return outcomes;
  }

  private async recordConflicts(outcomes: LineOutcome[]): Promise<void> {
    const at = this.clock.now();
    for (const outcome of outcomes) {
      if (outcome.kind !== 'refused' || !outcome.conflict) continue;
      const { blNumber, claimantPartyId, holderPartyId } = outcome.conflict;
      this.logger.warn(
        `manifest conflict: ${claimantPartyId} filed ${blNumber}, which ${holderPartyId ?? 'an unowned line'} holds`,
      );
      await this.conflicts.record(outcome.conflict, at);
      manifestConflicts.inc();
    }
  }

  private rewrite(filer: ManifestFiler, line: ManifestLine, outcome: LineOutcome): Amendment {
    const refiled = outcome.kind === 'stored';
    const revision =
      outcome.kind === 'amended' ? outcome.revision : outcome.kind === 'stored' ? outcome.over : undefined;
    return {
      _id: line.blNumber,
      revision,
      set: {
        ...content(filer, line),
        ...(refiled ? { dischargedContainers: [] } : {}),
      },
      ...(refiled ? { unset: ['withdrawnAt', 'withdrawnBy', 'withdrawalReason'] } : {}),
      event: this.announce(
        refiled ? 'BillOfLadingManifested' : 'BillOfLadingAmended',
        filer,
        line,
        (revision ?? 0) + 1,
      ),
    };
  }

  /** The line as it stands after the write, for the declaration service; one id per line revision. */
  private announce(
    name: 'BillOfLadingManifested' | 'BillOfLadingAmended',
    filer: ManifestFiler,
    line: ManifestLine,
    revision: number,
  ): CloudEvent<object> {
    return this.events.create(
      name,
      {
        shipmentId: line.blNumber,
        blNumber: line.blNumber,
        vesselCallId: filer.vesselCallId,
        carrierPartyId: filer.partyId,
        consigneePartyId: line.consigneePartyId,
        revision,
      },
      { decision: `manifest-line:${line.blNumber}:${revision}` },
    );
  }
}

function content(filer: ManifestFiler, line: ManifestLine) {
  return {
    blNumber: line.blNumber,
    vesselCallId: filer.vesselCallId,
    carrierPartyId: filer.partyId,
    consignee: line.consignee,
    consigneePartyId: line.consigneePartyId,
    containerNumbers: line.containerNumbers,
    packages: line.packages,
    grossWeightKg: line.grossWeightKg,
  };
}

function newLine(filer: ManifestFiler, line: ManifestLine): NewLine {
  return { _id: line.blNumber, ...content(filer, line), dischargedContainers: [] };
}

function raceLost(line: ManifestLine): FieldProblem {
  return {
    path: 'blNumber',
    code: 'CONCURRENT_CHANGE',
    message: `${line.blNumber} was changed by another request at the same time; send it again`,
  };
}
