import type { CloudEvent } from '@tongguan/contracts';
import type { EventFactory } from '@tongguan/messaging';
import type { RecordedDecision } from './approval-lifecycle';
import type { ApprovalTask } from './approval-task.schema';

/** An agency step's task as AgencyDecisionRecorded names it: the step, its limit, what opened it. */
export type DecidedStep = Pick<
  ApprovalTask,
  | '_id'
  | 'shipmentId'
  | 'declarationId'
  | 'agency'
  | 'step'
  | 'greenChannel'
  | 'openedAt'
  | 'dueAt'
  | 'limitHours'
  | 'correlationId'
  | 'causationId'
>;

/**
 * The decision of an agency step, as the scorecards count it (inspection's own tasks too). One ce_id
 * per task, so a repeated announcement is acted on once; it continues the shipment's flow (same
 * correlation, caused by the event that opened the task).
 */
export function agencyDecisionRecorded(
  events: EventFactory,
  step: DecidedStep,
  d: RecordedDecision,
): CloudEvent {
  return events.create(
    'AgencyDecisionRecorded',
    {
      shipmentId: step.shipmentId,
      declarationId: step.declarationId,
      taskId: step._id,
      agency: step.agency,
      step: step.step,
      outcome: d.outcome,
      decidedBy: d.decidedBy,
      openedAt: new Date(step.openedAt).toISOString(),
      dueAt: new Date(step.dueAt).toISOString(),
      limitHours: step.limitHours,
      decisionHours: d.decisionHours,
      traderWaitHours: d.traderWaitHours,
      withinLimit: d.withinLimit,
      greenChannel: step.greenChannel,
      reasons: d.reasons,
    },
    {
      causedBy: { id: step.causationId, correlationId: step.correlationId },
      decision: `AgencyDecisionRecorded:${step._id}`,
    },
  );
}
