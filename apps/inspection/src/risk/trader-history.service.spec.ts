import type { Model } from 'mongoose';
import type { RiskAssessment } from './risk-assessment.schema';
import type { TraderInspection } from './trader-history.schema';
import { TraderHistoryService, type DecidedInspection } from './trader-history.service';

/**
 * The join and the counting over in-memory stand-ins of the two collections; the integration and
 * end-to-end suites run the same code against FerretDB.
 */
function service(importers: Record<string, string>) {
  const stored = new Map<string, TraderInspection>();
  const inspections = {
    create: jest.fn(async (doc: TraderInspection) => {
      if (stored.has(doc._id)) throw Object.assign(new Error('E11000 duplicate key'), { code: 11000 });
      stored.set(doc._id, doc);
    }),
    aggregate: jest.fn(async ([{ $match }]: [{ $match: { importerId: string } }]) => {
      const counts = new Map<string, number>();
      for (const d of stored.values()) {
        if (d.importerId === $match.importerId) counts.set(d.outcome, (counts.get(d.outcome) ?? 0) + 1);
      }
      return [...counts].map(([_id, n]) => ({ _id, n }));
    }),
  };
  const assessments = {
    findById: (id: string) => ({
      lean: async () => (importers[id] ? { importerId: importers[id] } : null),
    }),
  };
  const history = new TraderHistoryService(
    inspections as unknown as Model<TraderInspection>,
    assessments as unknown as Model<RiskAssessment>,
  );
  return { history, stored, inspections };
}

let n = 0;
function decision(declarationId: string, outcome: DecidedInspection['outcome']): DecidedInspection {
  n += 1;
  return { declarationId, outcome, taskId: `T-${n}`, shipmentId: 'COSU1', decidedAt: new Date(0) };
}

describe('TraderHistoryService', () => {
  it("counts each importer's passed and failed inspections, found through the assessment", async () => {
    const { history } = service({ D1: 'TRADER-1', D2: 'TRADER-1', D3: 'TRADER-1', D4: 'TRADER-2' });
    await history.record(decision('D1', 'passed'));
    await history.record(decision('D2', 'failed'));
    await history.record(decision('D3', 'passed'));
    await history.record(decision('D4', 'failed'));
    expect(await history.historyOf('TRADER-1')).toEqual({ passed: 2, failed: 1 });
    expect(await history.historyOf('TRADER-2')).toEqual({ passed: 0, failed: 1 });
    expect(await history.historyOf('TRADER-3')).toEqual({ passed: 0, failed: 0 });
  });

  it('counts a redelivered decision, or a second decision of the same declaration, once', async () => {
    const { history } = service({ D1: 'TRADER-1' });
    await history.record(decision('D1', 'failed'));
    await history.record(decision('D1', 'failed'));
    await history.record(decision('D1', 'deemed-approved'));
    expect(await history.historyOf('TRADER-1')).toEqual({ passed: 0, failed: 1 });
  });

  it('keeps a tacit approval on record but counts it as neither passed nor failed', async () => {
    const { history, stored } = service({ D1: 'TRADER-1' });
    await history.record(decision('D1', 'deemed-approved'));
    expect(stored.get('D1')).toMatchObject({ importerId: 'TRADER-1', outcome: 'deemed-approved' });
    expect(await history.historyOf('TRADER-1')).toEqual({ passed: 0, failed: 0 });
  });

  it('skips a decision without an assessment instead of retrying it forever', async () => {
    const { history, inspections } = service({});
    await expect(history.record(decision('D9', 'failed'))).resolves.toBeUndefined();
    expect(inspections.create).not.toHaveBeenCalled();
  });

  it('lets a storage failure other than a duplicate through, so the message is retried', async () => {
    const { history, inspections } = service({ D1: 'TRADER-1' });
    inspections.create.mockRejectedValueOnce(new Error('connection reset'));
    await expect(history.record(decision('D1', 'passed'))).rejects.toThrow('connection reset');
  });
});
