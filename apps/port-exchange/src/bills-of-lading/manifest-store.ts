import { Injectable } from '@nestjs/common';
import type { FieldProblem } from '@tongguan/contracts';
import { decideManifestLine, sameContent, type LineOutcome } from './bill-of-lading-rules';
import { BillOfLadingRepository, type Amendment, type NewLine } from './bill-of-lading.repository';
import type { ManifestLine } from './manifest-line';

export type { LineOutcome } from './bill-of-lading-rules';

/** Operations per bulk write: a 5,000-line manifest is five round trips, not 5,000. */
const WRITE_BATCH = 1000;

/**
 * Writes checked manifest lines, each as decideManifestLine says. A B/L and its containers are one
 * document, so a line is written whole or not at all.
 */
@Injectable()
export class ManifestStore {
  constructor(private readonly bills: BillOfLadingRepository) {}

  /** What writing the lines would do, line by line, without writing (for all-or-nothing callers). */
  async plan(vesselCallId: string, lines: ManifestLine[]): Promise<LineOutcome[]> {
    const onRecord = await this.bills.onRecord(lines.map((line) => line.blNumber));
    return lines.map((line) => decideManifestLine(vesselCallId, line, onRecord.get(line.blNumber)));
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
      const refused = await this.bills.insertLines(batch.map((index) => newLine(vesselCallId, lines[index])));
      turnedAway.push(...refused.map((position) => batch[position]));
    }
    if (turnedAway.length > 0) {
      const onRecord = await this.bills.onRecord(turnedAway.map((index) => lines[index].blNumber));
      for (const index of turnedAway) {
        const record = onRecord.get(lines[index].blNumber);
        const outcome = record ? decideManifestLine(vesselCallId, lines[index], record) : undefined;
        outcomes[index] = outcome ?? { kind: 'refused', problem: raceLost(lines[index]) };
      }
    }

    const amendments = indexesOf(outcomes, 'amended');
    let matched = 0;
    for (let from = 0; from < amendments.length; from += WRITE_BATCH) {
      const batch = amendments.slice(from, from + WRITE_BATCH);
      matched += await this.bills.amendLines(
        batch.map((index) => amendment(vesselCallId, lines[index], outcomes[index])),
      );
    }
    if (matched < amendments.length) {
      // the B/L moved on since it was read (a discharge began, another amendment): those lines are
      // refused, the others were amended; the bulk write counts, it does not say which missed
      const onRecord = await this.bills.onRecord(amendments.map((index) => lines[index].blNumber));
      for (const index of amendments) {
        const record = onRecord.get(lines[index].blNumber);
        if (record && record.vesselCallId === vesselCallId && sameContent(record, lines[index])) continue;
        const again = decideManifestLine(vesselCallId, lines[index], record);
        outcomes[index] =
          again.kind === 'refused' ? again : { kind: 'refused', problem: raceLost(lines[index]) };
      }
    }
    return outcomes;
  }
}

function indexesOf(outcomes: LineOutcome[], kind: LineOutcome['kind']): number[] {
  return outcomes.flatMap((outcome, index) => (outcome.kind === kind ? [index] : []));
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

function newLine(vesselCallId: string, line: ManifestLine): NewLine {
  return { _id: line.blNumber, ...content(vesselCallId, line), dischargedContainers: [] };
}

function amendment(vesselCallId: string, line: ManifestLine, outcome: LineOutcome): Amendment {
  const revision = outcome.kind === 'amended' ? outcome.revision : undefined;
  return { _id: line.blNumber, revision, set: content(vesselCallId, line) };
}

function raceLost(line: ManifestLine): FieldProblem {
  return {
    path: 'blNumber',
    code: 'CONCURRENT_CHANGE',
    message: `${line.blNumber} was changed by another request at the same time; send it again`,
  };
}
