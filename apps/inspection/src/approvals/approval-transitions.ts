import { HttpStatus, Injectable } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import { Clock } from '@tongguan/clock';
import type { CloudEvent } from '@tongguan/contracts';
import { EventFactory } from '@tongguan/messaging';
import type { Decision } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import {
  decide,
  stillWatched,
  type ApprovalFact,
  type ApprovalTransition,
  type RecordedDecision,
} from './approval-lifecycle';
import type { ApprovalTask } from './approval-task.schema';
import { ApprovalTaskRepository } from './approval-task.repository';

export interface AppliedApproval {
  /** The task as read before the transition; null when there is no such task. */
  task: ApprovalTask | null;
  /** What was stored, or null when the fact changed nothing. */
  transition: ApprovalTransition | null;
}

/**
 * Applies a fact to an approval task: load, decide (approval-lifecycle) on the agency's calendar, save
 * the transition with its AgencyDecisionRecorded in one write guarded by the revision read (a lost race
 * reads and decides again); then the deadline open set follows. Officers, the deadline watcher and the
 * declaration's withdrawal all go through here.
 */
@Injectable()
export class ApprovalTransitions {
  constructor(
    private readonly tasks: ApprovalTaskRepository,
    private readonly registry: AgencyRegistry,
    private readonly events: EventFactory,
    private readonly clock: Clock,
  ) {}

  /** A refusal is thrown as a DomainError (409; 422 for a refusal without reasons). */
  async apply(taskId: string, fact: ApprovalFact, at?: Date): Promise<AppliedApproval> {
    let applied: ApprovalTransition | null = null;
    const { current } = await this.tasks.modify(taskId, (task) => {
      applied = null;
      const when = at ?? this.clock.now();
      const hours = (from: Date, to: Date) => this.registry.workingHoursBetween(task.agency, from, to);
      const verdict = decide(task, fact, when, hours);
      if (!verdict) return null;
      if ('refusal' in verdict) {
        const { code, message } = verdict.refusal;
        const status =
          code === 'APPROVAL.REASONS_REQUIRED' ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.CONFLICT;
        throw new DomainError(code, message, status);
      }
      applied = verdict.transition;
      return this.decision(task, verdict.transition, when);
    });
    const stored = applied as ApprovalTransition | null;
    // after the write: a crash in between leaves an entry that the sweep drops when it comes due
    if (stored && !stillWatched(stored)) await this.tasks.unwatchDeadline(taskId);
    return { task: current, transition: stored };
  }

  private decision(task: ApprovalTask, t: ApprovalTransition, at: Date): Decision {
    return { change: { set: t.set }, events: t.announce ? [this.recorded(task, t.announce, at)] : [] };
  }

  /** Dated at the decision; one ce_id per task, so a repeated announcement is acted on once. */
  private recorded(task: ApprovalTask, d: RecordedDecision, at: Date): CloudEvent {
    const event = this.events.create(
      'AgencyDecisionRecorded',
      {
        shipmentId: task.shipmentId,
        declarationId: task.declarationId,
        taskId: task._id,
        agency: task.agency,
        step: task.step,
        outcome: d.outcome,
        decidedBy: d.decidedBy,
        openedAt: new Date(task.openedAt).toISOString(),
        dueAt: new Date(task.dueAt).toISOString(),
        limitHours: task.limitHours,
        decisionHours: d.decisionHours,
        traderWaitHours: d.traderWaitHours,
        withinLimit: d.withinLimit,
        greenChannel: task.greenChannel,
        reasons: d.reasons,
      },
      {
        causedBy: { id: task.causationId, correlationId: task.correlationId },
        decision: `AgencyDecisionRecorded:${task._id}`,
      },
    );
    return { ...event, time: at.toISOString() };
  }
}
