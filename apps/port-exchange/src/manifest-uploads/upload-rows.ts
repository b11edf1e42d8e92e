import type { FieldProblem } from '@tongguan/contracts';
import { parseCsv } from './csv';

/** One record of an uploaded file, turned into the shape of a JSON manifest line (or its problems). */
export interface UploadRow {
  /** 1-based number of the B/L in the file: the header and blank lines are not counted. */
  row: number;
  /** Line of the file where the record starts. */
  line: number;
  raw?: Record<string, unknown>;
  problems: FieldProblem[];
}

export interface ParsedUpload {
  rows: UploadRow[];
  /** Problems of the file as a whole (header): nothing is stored when there are any. */
  fileProblems: FieldProblem[];
}

export const CSV_COLUMNS = [
  'blNumber',
  'consignee',
  'consigneePartyId',
  'containerNumbers',
  'packages',
  'grossWeightKg',
] as const;
const NUMERIC_COLUMNS = new Set<string>(['packages', 'grossWeightKg']);
/** Containers of one B/L share one CSV field, separated by ';' or '|'. */
export const CONTAINER_SEPARATOR = /[;|]/;

/**
 * CSV with a header row naming the columns (any order): blNumber, consignee, consigneePartyId, containerNumbers
 * ("CSQU3054383;MSKU9070323"), packages, grossWeightKg. One record is one bill of lading.
 */
export function rowsFromCsv(text: string): ParsedUpload {
  const [header, ...records] = parseCsv(text);
  if (!header) return { rows: [], fileProblems: [emptyFile()] };
  const columns = header.fields.map((name) => name.trim());
  const fileProblems = headerProblems(columns);
  if (header.problem) fileProblems.unshift({ path: 'header', ...header.problem });
  if (fileProblems.length > 0) return { rows: [], fileProblems };
  if (records.length === 0) return { rows: [], fileProblems: [emptyFile()] };

  const rows = records.map((record, index): UploadRow => {
    const row = { row: index + 1, line: record.line };
    if (record.problem) return { ...row, problems: [{ path: '', ...record.problem }] };
    if (record.fields.length !== columns.length) {
      return {
        ...row,
        problems: [
          {
            path: '',
            code: 'CSV_FIELD_COUNT',
            message: `${record.fields.length} fields where the header names ${columns.length}`,
          },
        ],
      };
    }
    const raw: Record<string, unknown> = {};
    columns.forEach((column, i) => (raw[column] = cellValue(column, record.fields[i])));
    return { ...row, raw, problems: [] };
  });
  return { rows, fileProblems: [] };
}

function headerProblems(columns: string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  columns.forEach((column, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(column)) {
      problems.push({
        path: `header.${i}`,
        code: 'UNKNOWN_COLUMN',
        message: `column "${column}" is not one of ${CSV_COLUMNS.join(', ')}`,
      });
    } else if (columns.indexOf(column) !== i) {
      problems.push({
        path: `header.${i}`,
        code: 'DUPLICATE_COLUMN',
        message: `column ${column} appears twice`,
      });
    }
  });
  for (const column of CSV_COLUMNS) {
    if (!columns.includes(column)) {
      problems.push({
        path: 'header',
        code: 'MISSING_COLUMN',
        message: `the header has no ${column} column`,
      });
    }
  }
  return problems;
}

/** Text to the JSON type the field has; text that is no number stays text, so its check names it. */
function cellValue(column: string, cell: string): unknown {
  const value = cell.trim();
  if (column === 'containerNumbers') {
    return value
      .split(CONTAINER_SEPARATOR)
      .map((container) => container.trim())
      .filter((container) => container !== '');
  }
  if (NUMERIC_COLUMNS.has(column)) {
    if (value === '') return undefined;
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return value;
}

/** JSON lines: one bill of lading object per line, as in the JSON manifest; blank lines are skipped. */
export function rowsFromJsonLines(text: string): ParsedUpload {
  const rows: UploadRow[] = [];
  const lines = text.split('\n');
  lines.forEach((source, index) => {
    const content = (index === 0 ? source.replace(/^\uFEFF/, '') : source).trim();
    if (content === '') return;
    const row = { row: rows.length + 1, line: index + 1 };
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      rows.push({
        ...row,
        problems: [
          { path: '', code: 'MALFORMED_JSON', message: `not valid JSON: ${(error as Error).message}` },
        ],
      });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      rows.push({
        ...row,
        problems: [
          { path: '', code: 'NOT_AN_OBJECT', message: 'each line must be one bill of lading object' },
        ],
      });
      return;
    }
    rows.push({ ...row, raw: value as Record<string, unknown>, problems: [] });
  });
  return { rows, fileProblems: rows.length === 0 ? [emptyFile()] : [] };
}

function emptyFile(): FieldProblem {
  return { path: '', code: 'EMPTY_UPLOAD', message: 'the file holds no bill of lading' };
}
