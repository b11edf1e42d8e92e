import { parseCsv } from './csv';

const fieldsOf = (text: string) => parseCsv(text).map((record) => record.fields);

describe('parseCsv (RFC 4180)', () => {
  it('splits records on CRLF, LF or a lone CR and fields on commas', () => {
    expect(fieldsOf('a,b,c\r\n1,2,3\n4,5,6\r7,8,9')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
      ['4', '5', '6'],
      ['7', '8', '9'],
    ]);
  });

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    const records = parseCsv('name,note\r\n"ACME, Inc.","line one\r\nline ""two"""\r\nnext,row\r\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['name', 'note'],
      ['ACME, Inc.', 'line one\r\nline "two"'],
      ['next', 'row'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records.every((r) => r.problem === undefined)).toBe(true);
  });

  it('keeps empty fields, including a trailing one and an empty quoted one', () => {
    expect(fieldsOf('a,,c\n,"",\nx,')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
      ['x', ''],
    ]);
  });

  it('ignores a final line break, blank lines and a byte order mark', () => {
    expect(fieldsOf('\uFEFFa,b\n\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a\n\n\nb').map((r) => r.line)).toEqual([1, 4]);
  });

  it('does not trim spaces: they belong to the field', () => {
    expect(fieldsOf(' a , b ')).toEqual([[' a ', ' b ']]);
  });

  it('reports a quote inside an unquoted field on that record only', () => {
    const records = parseCsv('a,b"c\n1,2');
    expect(records[0].problem?.code).toBe('CSV_STRAY_QUOTE');
    expect(records[1]).toEqual({ line: 2, fields: ['1', '2'] });
  });

  it('reports text after a closing quote and resumes at the next line', () => {
    const records = parseCsv('"a"b,c\n1,2');
    expect(records[0].problem?.code).toBe('CSV_TEXT_AFTER_QUOTE');
    expect(records[1]).toEqual({ line: 2, fields: ['1', '2'] });
  });

  it('reports a quote that is never closed', () => {
    const records = parseCsv('a,b\n1,"open\n2,3\n');
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ line: 2, problem: { code: 'CSV_UNTERMINATED_QUOTE' } });
  });

  it('parses a large file quickly', () => {
    const row = 'COSU0000000001,"SHENZHEN TRADING CO, LTD",CSQU3054383;MSKU9070323,12,3100.5\r\n';
    const text = 'blNumber,consignee,containerNumbers,packages,grossWeightKg\r\n' + row.repeat(50_000);
    const started = performance.now();
    const records = parseCsv(text);
    expect(records).toHaveLength(50_001);
    expect(records[50_000].fields[1]).toBe('SHENZHEN TRADING CO, LTD');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
