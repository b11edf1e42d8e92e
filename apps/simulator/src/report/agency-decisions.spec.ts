import type { ObservedEvent } from '../platform/event-observer';
import { LimitsSeen, summariseAgencyDecisions } from './agency-decisions';

const event = (name: string, shipmentId: string, payload: Record<string, unknown>): ObservedEvent => ({
  name,
  shipmentId,
  time: '2026-03-02T08:00:00Z',
  payload,
});

const decision = (
  taskId: string,
  agency: string,
  step: string,
  outcome: string,
  limitHours: number,
  green = false,
) =>
  event('AgencyDecisionRecorded', `BL-${taskId}`, {
    taskId,
    agency,
    step,
    outcome,
    limitHours,
    greenChannel: green,
  });

describe('summariseAgencyDecisions', () => {
  it('counts each deemed approval once per task, by agency step, and only deemed ones', () => {
    const summary = summariseAgencyDecisions([
      decision('t1', 'licensing', 'licence-verification', 'deemed-approved', 7.52),
      decision('t2', 'licensing', 'licence-verification', 'approved', 7.52),
      decision('t3', 'customs', 'acceptance-review', 'deemed-approved', 0.94),
      decision('t3', 'customs', 'acceptance-review', 'deemed-approved', 0.94),
      decision('t4', 'licensing', 'licence-verification', 'deemed-approved', 3.76, true),
    ]);
    expect(summary.tacitApprovals).toEqual({
      total: 3,
      byStep: { 'customs/acceptance-review': 1, 'licensing/licence-verification': 2 },
    });
    expect(summary.limitsApplied['licensing/licence-verification']).toEqual({
      ordinary: [7.52],
      green: [3.76],
    });
  });

  it("counts an inspection task's InspectionDeemedApproved under its channel's step, not twice", () => {
    const summary = summariseAgencyDecisions([
      event('RiskAssessed', 'BL-1', { taskId: 'y1', channel: 'YELLOW' }),
      event('RiskAssessed', 'BL-2', { taskId: 'r1', channel: 'RED' }),
      event('InspectionDeemedApproved', 'BL-1', { taskId: 'y1' }),
      event('InspectionDeemedApproved', 'BL-2', { taskId: 'r1' }),
      decision('r1', 'inspection', 'physical-inspection', 'deemed-approved', 3.76),
    ]);
    expect(summary.tacitApprovals).toEqual({
      total: 2,
      byStep: { 'inspection/document-check': 1, 'inspection/physical-inspection': 1 },
    });
  });

  it('joins the limits the officers saw on the tasks, rounded as the registry writes them', () => {
    const seen = new LimitsSeen();
    seen.record('inspection', 'document-check', false, 4 * 0.47);
    seen.record('inspection', 'document-check', true, 0.94);
    seen.record('inspection', 'document-check', false, 1.88);
    seen.record('health', 'registration-check', false, undefined);
    expect(summariseAgencyDecisions([], seen)).toEqual({
      tacitApprovals: { total: 0, byStep: {} },
      limitsApplied: { 'inspection/document-check': { ordinary: [1.88], green: [0.94] } },
    });
  });
});
