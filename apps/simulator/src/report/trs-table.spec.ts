import { formatExportTrsTable, formatTrsTable, formatTrsTables, type ClearanceStats } from './trs-table';

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

  it('counts the tacit approvals per agency step and shows the limits the services applied', () => {
    const decisions = (deemed: Record<string, number>, licensing: number[]) => ({
      tacitApprovals: { total: Object.values(deemed).reduce((a, b) => a + b, 0), byStep: deemed },
      limitsApplied: {
        'licensing/licence-verification': { ordinary: licensing, green: [] },
        'inspection/document-check': { ordinary: [4], green: [2] },
      },
    });
    const whatIf = formatTrsTable([
      {
        label: 'single-window as is',
        stats: stats(),
        decisions: decisions({ 'inspection/document-check': 1 }, [16]),
      },
      {
        label: 'limits ×0.47',
        stats: stats(),
        decisions: decisions({ 'inspection/document-check': 2, 'licensing/licence-verification': 3 }, [7.52]),
      },
      { label: 'recorded', stats: stats() },
    ]).split('\n');
    const row = (label: string) => whatIf.find((l) => l.startsWith(label));
    expect(row('tacit approvals (deemed approved)')).toMatch(/\s1\s+5\s+n\/a$/);
    expect(row('  inspection/document-check')).toMatch(/\s1\s+2\s+n\/a$/);
    expect(row('  licensing/licence-verification')).toMatch(/\s0\s+3\s+n\/a$/);
    const limits = whatIf.slice(whatIf.findIndex((l) => l.startsWith('limits applied')));
    expect(limits.find((l) => l.startsWith('  licensing'))).toMatch(/16 \/ —\s+7\.52 \/ —\s+n\/a$/);
    expect(limits.find((l) => l.startsWith('  inspection'))).toMatch(/4 \/ 2\s+4 \/ 2\s+n\/a$/);
  });
});

describe('the TRS tables by direction', () => {
  const summary = (count: number, p50: number) => ({
    count,
    meanHours: p50 + 1,
    p50Hours: p50,
    p90Hours: p50 * 2,
    withinTargetRatio: 0.5,
  });
  const both = (exportsReleased: number) =>
    stats({
      count: 58 + exportsReleased,
      byDirection: {
        import: summary(58, 40),
        export: { ...summary(exportsReleased, 3), departure: summary(exportsReleased - 1, 20) },
      },
    });
  const columns = [
    { label: 'baseline', stats: both(30) },
    { label: 'single-window', stats: both(31) },
  ];

  it('reads the import table from the imports alone, and says the stages and channels are both directions', () => {
    const lines = formatTrsTable(columns).split('\n');
    expect(lines[0]).toMatch(
      /^Time Release Study: imports \(release − arrival\)\s+baseline\s+single-window$/,
    );
    expect(lines.find((l) => l.startsWith('shipments released'))).toMatch(/58\s+58$/);
    expect(lines.find((l) => l.startsWith('clearance p50 (h)'))).toMatch(/40\.0\s+40\.0$/);
    expect(lines.find((l) => l.startsWith('channels G/Y/R (both directions)'))).toBeDefined();
  });

  it('tables exports from gate-in to the release for loading and to departure', () => {
    const lines = formatExportTrsTable(columns).split('\n');
    expect(lines[0]).toMatch(
      /^Time Release Study: exports \(release for loading − gate-in\)\s+baseline\s+single-window$/,
    );
    expect(lines.find((l) => l.startsWith('released for loading'))).toMatch(/30\s+31$/);
    expect(lines.find((l) => l.startsWith('clearance p50 (h)'))).toMatch(/3\.0\s+3\.0$/);
    expect(lines.find((l) => l.startsWith('departed (goods exited)'))).toMatch(/29\s+30$/);
    expect(lines.find((l) => l.startsWith('gate-in → departure p90 (h)'))).toMatch(/40\.0\s+40\.0$/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('prints both tables when exports are in the traffic, the import table alone (as before) when not', () => {
    expect(formatTrsTables(columns).split('\n\n')).toEqual([
      formatTrsTable(columns),
      formatExportTrsTable(columns),
    ]);
    const importsOnly = [{ label: 'recorded', stats: stats() }];
    expect(formatTrsTables(importsOnly)).toBe(formatTrsTable(importsOnly));
    expect(formatTrsTable(importsOnly)).toMatch(/^Time Release Study \(release − arrival\)/);
  });
});
