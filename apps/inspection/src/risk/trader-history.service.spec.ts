import type { RiskAssessmentRepository } from './risk-assessment.repository';
import type { TraderHistoryRepository } from './trader-history.repository';
import type { TraderInspection } from './trader-history.schema';
import { TraderHistoryService, type DecidedInspection } from './trader-history.service';

/**
 * The join, the idempotence and the counting over in-memory stand-ins of the repositories (the count
 * guarded like the conditional write); the integration and end-to-end suites run the real ones.
 */
function service(importers: Record<string, string>) {
  const records = new Map<string, TraderInspection>();
  const tallies = new Map<string, { passed: number; failed: number; recent: string[] }>();
  const history = {
    recordDecision: jest.fn(async (inspection: TraderInspection) => {
      const stored = records.get(inspection._id);
      if (stored) return { ...stored };
      records.set(inspection._id, { ...inspection });
      return inspection;
    }),
    count: jest.fn(async (importerId: string, declarationId: string, counter: 'passed' | 'failed') => {
      const tally = tallies.get(importerId) ?? { passed: 0, failed: 0, recent: [] };
      if (tally.recent.includes(declarationId)) return;
      tally[counter] += 1;
      tally.recent.push(declarationId);
      tallies.set(importerId, tally);
    }),
    markCounted: jest.fn(async (declarationId: string) => {
      records.get(declarationId)!.counted = true;
    }),
    historyOf: async (importerId: string) => {
      const tally = tallies.get(importerId);
      return { passed: tally?.passed ?? 0, failed: tally?.failed ?? 0 };
    },
  };
  const assessments = {
    findById: async (id: string) => (importers[id] ? { importerId: importers[id] } : null),
  };
  const traders = new TraderHistoryService(
    history as unknown as TraderHistoryRepository,
    assessments as unknown as RiskAssessmentRepository,
  );
  return { traders, records, history };
}

let n = 0;
function decision(declarationId: string, outcome: DecidedInspection['outcome']): DecidedInspection {
  n += 1;
  return { declarationId, outcome, taskId: `T-${n}`, shipmentId: 'COSU1', decidedAt: new Date(0) };
}

describe('TraderHistoryService', () => {
  it("counts each importer's passed and failed inspections, found through the assessment", async () => {
    const { traders } = service({ D1: 'TRADER-1', D2: 'TRADER-1', D3: 'TRADER-1', D4: 'TRADER-2' });
    await traders.record(decision('D1', 'passed'));
    await traders.record(decision('D2', 'failed'));
    await traders.record(decision('D3', 'passed'));
    await traders.record(decision('D4', 'failed'));
    expect(await traders.historyOf('TRADER-1')).toEqual({ passed: 2, failed: 1 });
    expect(await traders.historyOf('TRADER-2')).toEqual({ passed: 0, failed: 1 });
    expect(await traders.historyOf('TRADER-3')).toEqual({ passed: 0, failed: 0 });
  });

  it('counts a redelivered decision, or a second decision of the same declaration, once', async () => {
    const { traders, history } = service({ D1: 'TRADER-1' });
    await traders.record(decision('D1', 'failed'));
    await traders.record(decision('D1', 'failed'));
    await traders.record(decision('D1', 'deemed-approved'));
    expect(await traders.historyOf('TRADER-1')).toEqual({ passed: 0, failed: 1 });
    expect(history.count).toHaveBeenCalledTimes(1);
  });

  it('finishes counting a decision recorded before a crash', async () => {
    const { traders, history, records } = service({ D1: 'TRADER-1' });
    history.markCounted.mockRejectedValueOnce(new Error('connection reset'));
    await expect(traders.record(decision('D1', 'passed'))).rejects.toThrow('connection reset');
    await traders.record(decision('D1', 'passed'));
    expect(records.get('D1')?.counted).toBe(true);
    expect(await traders.historyOf('TRADER-1')).toEqual({ passed: 1, failed: 0 });
  });

  it('keeps a tacit approval on record but counts it as neither passed nor failed', async () => {
    const { traders, records, history } = service({ D1: 'TRADER-1' });
    await traders.record(decision('D1', 'deemed-approved'));
    expect(records.get('D1')).toMatchObject({ importerId: 'TRADER-1', outcome: 'deemed-approved' });
    expect(history.count).not.toHaveBeenCalled();
    expect(await traders.historyOf('TRADER-1')).toEqual({ passed: 0, failed: 0 });
  });

  it('skips a decision without an assessment instead of retrying it forever', async () => {
    const { traders, history } = service({});
    await expect(traders.record(decision('D9', 'failed'))).resolves.toBeUndefined();
    expect(history.recordDecision).not.toHaveBeenCalled();
  });

  it('lets a storage failure through, so the message is retried', async () => {
    const { traders, history } = service({ D1: 'TRADER-1' });
    history.recordDecision.mockRejectedValueOnce(new Error('connection reset'));
    await expect(traders.record(decision('D1', 'passed'))).rejects.toThrow('connection reset');
  });
});
