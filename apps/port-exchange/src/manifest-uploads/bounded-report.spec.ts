import { boundedErrors, type RowProblems } from './bounded-report';

const problem = (n: number) => ({
  path: `containerNumbers.${n}`,
  code: 'CONTAINER_CHECK_DIGIT',
  message: 'bad',
});
const rowWith = (row: number, problems: number): RowProblems => ({
  row,
  line: row + 1,
  blNumber: `COSU${row}`,
  problems: Array.from({ length: problems }, (_, i) => problem(i)),
});

describe('boundedErrors', () => {
  it('lists every problem when they fit', () => {
    const { errors, problemCount, truncated } = boundedErrors([rowWith(1, 2), rowWith(2, 1)], 10);
    expect(errors.map((e) => [e.row, e.errors.length])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(problemCount).toBe(3);
    expect(truncated).toBe(false);
  });

  it('lists the first problems up to the limit, splitting a row, and counts them all', () => {
    const rows = Array.from({ length: 1_000 }, (_, i) => rowWith(i + 1, 3));
    const { errors, problemCount, truncated } = boundedErrors(rows, 10);
    expect(errors.map((e) => [e.row, e.errors.length])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
      [4, 1],
    ]);
    expect(problemCount).toBe(3_000);
    expect(truncated).toBe(true);
  });

  it('cuts long texts the file put into messages, paths and B/L numbers', () => {
    const long = 'X'.repeat(100_000);
    const [row] = boundedErrors(
      [{ row: 1, line: 2, blNumber: long, problems: [{ path: long, code: 'C', message: long }] }],
      10,
    ).errors;
    expect(row.blNumber!.length).toBeLessThanOrEqual(64);
    expect(row.errors[0].path.length).toBeLessThanOrEqual(300);
    expect(row.errors[0].message.length).toBeLessThanOrEqual(300);
  });
});
