import { HttpStatus, Injectable } from '@nestjs/common';
import type { Principal } from '@tongguan/auth';
import type { FieldProblem } from '@tongguan/contracts';
import { DomainError } from '@tongguan/platform';
import { blNumberOf, checkManifestLine, type ManifestLine } from '../bills-of-lading/manifest-line';
import { ManifestStore } from '../bills-of-lading/manifest-store';
import { VesselCallsService } from '../vessel-calls/vessel-calls.service';
import type { ManifestUploadReport } from './manifest-upload.report';
import { boundedErrors } from './bounded-report';
import { UploadLimits } from './upload-limits';
import { rowsFromCsv, rowsFromJsonLines, type ParsedUpload } from './upload-rows';

export type UploadFormat = 'csv' | 'json-lines';

/**
 * A manifest as a file of thousands of B/Ls: every row is checked like a line of the JSON manifest, the
 * good rows are stored in a few unordered bulk writes and the bad ones reported with their row number.
 * A row is one document (the B/L with its containers), so it is stored whole or not at all; rows
 * already on record unchanged are not written again, which makes sending the same file twice harmless.
 */
@Injectable()
export class ManifestUploadsService {
  constructor(
    private readonly calls: VesselCallsService,
    private readonly store: ManifestStore,
    private readonly limits: UploadLimits,
  ) {}

  async upload(
    vesselCallId: string,
    format: UploadFormat,
    text: string,
    filer: Principal,
  ): Promise<ManifestUploadReport> {
    await this.calls.owned(vesselCallId, filer);
    const parsed: ParsedUpload = format === 'csv' ? rowsFromCsv(text) : rowsFromJsonLines(text);
    if (parsed.fileProblems.length > 0) {
      throw new DomainError(
        'MANIFEST_UPLOAD.REJECTED',
        'the file cannot be read as a manifest; nothing was stored',
        HttpStatus.UNPROCESSABLE_ENTITY,
        parsed.fileProblems,
      );
    }
    if (parsed.rows.length > this.limits.MANIFEST_UPLOAD_MAX_ROWS) {
      throw new DomainError(
        'MANIFEST_UPLOAD.TOO_MANY_ROWS',
        `the file holds ${parsed.rows.length} bills of lading, more than ${this.limits.MANIFEST_UPLOAD_MAX_ROWS}: split it; nothing was stored`,
        HttpStatus.PAYLOAD_TOO_LARGE,
      );
    }

    const problemsOf = new Map<number, FieldProblem[]>();
    const accepted: { index: number; line: ManifestLine }[] = [];
    const firstRowOf = new Map<string, number>();
    parsed.rows.forEach((row, index) => {
      const problems = [...row.problems];
      if (row.raw) {
        const checked = checkManifestLine(row.raw);
        problems.push(...checked.problems);
        const blNumber = blNumberOf(row.raw);
        const first = blNumber === undefined ? undefined : firstRowOf.get(blNumber);
        if (blNumber !== undefined && first === undefined) firstRowOf.set(blNumber, row.row);
        if (first !== undefined) {
          problems.push({
            path: 'blNumber',
            code: 'DUPLICATE_IN_FILE',
            message: `${blNumber} is already on row ${first} of this file`,
          });
        }
        if (problems.length === 0 && checked.line) accepted.push({ index, line: checked.line });
      }
      if (problems.length > 0) problemsOf.set(index, problems);
    });

    const outcomes = await this.store.write(
      { vesselCallId, partyId: filer.party },
      accepted.map(({ line }) => line),
    );
    const counts = { stored: 0, amended: 0, unchanged: 0 };
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'refused') problemsOf.set(accepted[i].index, [outcome.problem]);
      else counts[outcome.kind] += 1;
    });

    const rejected = [...problemsOf.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, problems]) => {
        const row = parsed.rows[index];
        return { row: row.row, line: row.line, blNumber: blNumberOf(row.raw) ?? null, problems };
      });
    const { errors, problemCount, truncated } = boundedErrors(
      rejected,
      this.limits.MANIFEST_UPLOAD_MAX_REPORTED_PROBLEMS,
    );
    return {
      vesselCallId,
      received: parsed.rows.length,
      ...counts,
      rejected: rejected.length,
      problemCount,
      errorsTruncated: truncated,
      errors,
    };
  }
}
