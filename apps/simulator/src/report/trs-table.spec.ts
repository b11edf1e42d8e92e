import { formatTrsTable, type ClearanceStats } from './trs-table';

const stats = (over: Partial<ClearanceStats> = {}): ClearanceStats => ({
  count: 58,
  targetHours: 20,
  meanHours: 52.34,
  p50Hours: 47.5,
  p90Hours: 88,
  withinTargetRatio: 0.1234,
  byStage: {
    payment: { count: 58, meanHours: 12, p50Hours: 11, p90Hours: 20 },
    filing: { count: 58, meanHours: 24.25, p50Hours: 22, p90Hours: 40 },
    arrivalToLodgement: { count: 58, meanHours: 24.25, p50Hours: 22, p90Hours: 40 },
  },
  byChannel: { GREEN: { count: 40 }, YELLOW: { count: 12 }, RED: { count: 6 } },
  ...over,
});

describe('formatTrsTable', () => {
  const table = formatTrsTable([
    { label: 'baseline', stats: stats() },
    {
      label: 'single-window',
      stats: stats({ count: 60, meanHours: 6, withinTargetRatio: 0.95, byStage: {} }),
    },
  ]);
  const lines = table.split('\n');

  it('puts one column per run under its label, figures rounded to a tenth of an hour', () => {
    expect(lines[0]).toMatch(/^Time Release Study \(release − arrival\)\s+baseline\s+single-window$/);
    expect(lines.find((l) => l.startsWith('shipments released'))).toMatch(/58\s+60$/);
    expect(lines.find((l) => l.startsWith('clearance mean (h)'))).toMatch(/52\.3\s+6\.0$/);
    expect(lines.find((l) => l.startsWith('within 20 h'))).toMatch(/12%\s+95%$/);
    expect(lines.find((l) => l.startsWith('channels G/Y/R'))).toMatch(/40\/12\/6\s+40\/12\/6$/);
  });

  it('lists the stages in pipeline order first, then any other stage the monitor reports', () => {
    const stageLines = lines.slice(lines.findIndex((l) => l.startsWith('stage:')) + 1);
    expect(stageLines.map((l) => l.trim().split(/\s+/)[0])).toEqual([
      'filing',
      'payment',
      'arrivalToLodgement',
    ]);
    expect(stageLines[0]).toMatch(/24\.3 \/ 22\.0 \/ 40\.0\s+—$/);
  });

  it('aligns every row to the same width', () => {
    const widths = new Set(lines.map((l) => l.length));
    expect(widths.size).toBe(1);
  });

  it('says n/a for a run whose monitor could not be read', () => {
    const partial = formatTrsTable([
      { label: 'recorded', stats: null },
      { label: 'replay', stats: stats({ byStage: undefined }) },
    ]);
    expect(partial.split('\n').find((l) => l.startsWith('shipments released'))).toMatch(/n\/a\s+58$/);
    expect(partial).not.toContain('stage:');
  });
});
