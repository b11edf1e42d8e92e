import { rowsFromCsv, rowsFromJsonLines } from './upload-rows';

const HEADER = 'blNumber,consignee,consigneePartyId,containerNumbers,packages,grossWeightKg';

describe('rows of an uploaded manifest', () => {
  it('turns CSV records into manifest lines, containers split on ";" or "|", numbers as numbers', () => {
    const { rows, fileProblems } = rowsFromCsv(
      `${HEADER}\r\nCOSU1,"ACME, Ltd",TRADER-1,CSQU3054383; MSKU9070323|ZEPU0037255,12,3100.5\r\nCOSU2,B,TRADER-2,,1,7\r\n`,
    );
    expect(fileProblems).toEqual([]);
    expect(rows).toEqual([
      {
        row: 1,
        line: 2,
        problems: [],
        raw: {
          blNumber: 'COSU1',
          consignee: 'ACME, Ltd',
          consigneePartyId: 'TRADER-1',
          containerNumbers: ['CSQU3054383', 'MSKU9070323', 'ZEPU0037255'],
          packages: 12,
          grossWeightKg: 3100.5,
        },
      },
      {
        row: 2,
        line: 3,
        problems: [],
        raw: {
          blNumber: 'COSU2',
          consignee: 'B',
          consigneePartyId: 'TRADER-2',
          containerNumbers: [],
          packages: 1,
          grossWeightKg: 7,
        },
      },
    ]);
  });

  it('takes the columns in the order the header names them', () => {
    const { rows } = rowsFromCsv(
      'packages,grossWeightKg,consigneePartyId,blNumber,containerNumbers,consignee\n3,4.5,T-9,COSU9,,X\n',
    );
    expect(rows[0].raw).toMatchObject({
      blNumber: 'COSU9',
      packages: 3,
      grossWeightKg: 4.5,
      consignee: 'X',
      consigneePartyId: 'T-9',
    });
  });

  it('leaves text where a number belongs as text and an empty number as missing, for the checks to name', () => {
    const { rows } = rowsFromCsv(`${HEADER}\nCOSU1,A,T-1,,many,\n`);
    expect(rows[0].raw).toMatchObject({ packages: 'many', grossWeightKg: undefined });
  });

  it('reports a header with unknown, repeated or missing columns as a problem of the file', () => {
    const { rows, fileProblems } = rowsFromCsv('blNumber,consignee,colour,consignee,packages\nA,B,C,D,E\n');
    expect(rows).toEqual([]);
    expect(fileProblems.map((p) => p.code).sort()).toEqual([
      'DUPLICATE_COLUMN',
      'MISSING_COLUMN',
      'MISSING_COLUMN',
      'MISSING_COLUMN',
      'UNKNOWN_COLUMN',
    ]);
  });

  it('reports a record with the wrong number of fields or broken quoting on its own row', () => {
    const { rows } = rowsFromCsv(`${HEADER}\nCOSU1,A,T,,1\nCOSU2,"A"x,T,,1,2\nCOSU3,A,T,,1,2\n`);
    expect(rows.map((r) => [r.row, r.problems.map((p) => p.code)])).toEqual([
      [1, ['CSV_FIELD_COUNT']],
      [2, ['CSV_TEXT_AFTER_QUOTE']],
      [3, []],
    ]);
  });

  it('refuses a file without rows', () => {
    expect(rowsFromCsv('').fileProblems[0].code).toBe('EMPTY_UPLOAD');
    expect(rowsFromCsv(`${HEADER}\r\n`).fileProblems[0].code).toBe('EMPTY_UPLOAD');
    expect(rowsFromJsonLines('\n\n').fileProblems[0].code).toBe('EMPTY_UPLOAD');
  });

  it('reads JSON lines, skipping blank lines, and reports a broken line on its own row', () => {
    const { rows } = rowsFromJsonLines('{"blNumber":"COSU1"}\r\n\n{"blNumber":\n[1]\n');
    expect(rows.map((r) => ({ row: r.row, line: r.line, codes: r.problems.map((p) => p.code) }))).toEqual([
      { row: 1, line: 1, codes: [] },
      { row: 2, line: 3, codes: ['MALFORMED_JSON'] },
      { row: 3, line: 4, codes: ['NOT_AN_OBJECT'] },
    ]);
    expect(rows[0].raw).toEqual({ blNumber: 'COSU1' });
  });
});
