import type { FieldProblem } from '@tongguan/contracts';
import type { RejectedRow } from './manifest-upload.report';

/** Longest text of a row's problem as reported; a message may quote what the file held. */
const MAX_TEXT = 300;
/** Longest B/L number echoed back (a valid one has at most 35 characters). */
const MAX_BL = 64;

export interface RowProblems {
  row: number;
  line: number;
  blNumber: string | null;
  problems: FieldProblem[];
}

/**
 * The rejected rows of an upload as the report lists them: the first `maxProblems` problems in row
 * order (a row whose problems straddle the limit lists those that fit), every text cut to a bounded
 * length, and the totals of all of them. What the caller gets back stays bounded whatever the file holds.
 */
export function boundedErrors(
  rows: readonly RowProblems[],
  maxProblems: number,
): { errors: RejectedRow[]; problemCount: number; truncated: boolean } {
  const errors: RejectedRow[] = [];
  let listed = 0;
  let problemCount = 0;
  for (const row of rows) {
    problemCount += row.problems.length;
    const room = maxProblems - listed;
    if (room <= 0) continue;
    const shown = row.problems.slice(0, room).map((p) => ({
      path: cut(p.path),
      code: cut(p.code),
      message: cut(p.message),
    }));
    listed += shown.length;
    errors.push({
      row: row.row,
      line: row.line,
      blNumber: row.blNumber === null ? null : cut(row.blNumber, MAX_BL),
      errors: shown,
    });
  }
  return { errors, problemCount, truncated: listed < problemCount };
}

function cut(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
