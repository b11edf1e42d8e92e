/**
 * RFC 4180 CSV: comma-separated fields, records ended by CRLF (LF and a lone CR are accepted too),
 * fields in double quotes may hold commas, line breaks and doubled quotes (""). A malformed record is
 * returned with its problem instead of failing the whole file, so one bad row stays one row error.
 */
export type CsvProblemCode = 'CSV_UNTERMINATED_QUOTE' | 'CSV_STRAY_QUOTE' | 'CSV_TEXT_AFTER_QUOTE';

export interface CsvRecord {
  /** Line of the file on which the record starts (1-based). */
  line: number;
  fields: string[];
  problem?: { code: CsvProblemCode; message: string };
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const end = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte order mark is not part of the first field
  let line = 1;

  /** Consumes a record terminator at i (CRLF, LF or CR); true when there was one. */
  const newline = (): boolean => {
    const c = text.charCodeAt(i);
    if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
    else if (c === LF) i += 1;
    else return false;
    line += 1;
    return true;
  };

  while (i < end) {
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) {
            value += text.slice(from);
            record.problem ??= {
              code: 'CSV_UNTERMINATED_QUOTE',
              message: 'a quoted field is never closed: it runs to the end of the file',
            };
            i = end;
            break;
          }
          value += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += '"';
            from = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        line += countLineFeeds(value);
        record.fields.push(value);
        if (i >= end || newline()) break;
        if (text.charCodeAt(i) === COMMA) {
          i += 1;
          if (i < end) continue;
          record.fields.push('');
          break;
        }
        record.problem ??= {
          code: 'CSV_TEXT_AFTER_QUOTE',
          message: `text after the closing quote of field ${record.fields.length}: quote the whole field`,
        };
        skipRestOfLine();
        break;
      }

      let stop = i;
      while (stop < end) {
        const c = text.charCodeAt(stop);
        if (c === COMMA || c === LF || c === CR) break;
        stop += 1;
      }
      const value = text.slice(i, stop);
      if (value.includes('"')) {
        record.problem ??= {
          code: 'CSV_STRAY_QUOTE',
          message: `field ${record.fields.length + 1} holds a quote but is not quoted: quote it and double the inner quote`,
        };
      }
      record.fields.push(value);
      i = stop;
      if (i >= end || newline()) break;
      i += 1; // the comma
      if (i >= end) {
        record.fields.push('');
        break;
      }
    }
    const blank = record.fields.length === 1 && record.fields[0] === '' && !record.problem;
    if (!blank) records.push(record);
  }
  return records;

  function skipRestOfLine(): void {
    while (i < end && !newline()) i += 1;
  }
}

function countLineFeeds(value: string): number {
  let count = 0;
  for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) count += 1;
  return count;
}
