import { HttpStatus, Injectable } from '@nestjs/common';
import { AgencyRegistry } from '@tongguan/agencies';
import { Clock } from '@tongguan/clock';
import { EventFactory } from '@tongguan/messaging';
import type { Decision } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import type { AppliedTransition } from '../deadlines/timed-task.repository';
import { decide, stillWatched, type ApprovalFact, type ApprovalTransition } from './approval-lifecycle';
import { agencyDecisionRecorded } from './agency-decision-recorded';
import type { ApprovalTask } from './approval-task.schema';
import { ApprovalTaskRepository } from './approval-task.repository';

export type AppliedApproval = AppliedTransition<ApprovalTask, ApprovalTransition>;

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
    const applied = await this.tasks.transition(taskId, (task) => {
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
      return { transition: verdict.transition, decision: this.decision(task, verdict.transition, when) };
    });
    // after the write: a crash in between leaves an entry that the sweep drops when it comes due
    if (applied.transition && !stillWatched(applied.transition)) await this.tasks.unwatchDeadline(taskId);
    return applied;
  }

  /** The decision's event is dated at the decision. */
  private decision(task: ApprovalTask, t: ApprovalTransition, at: Date): Decision {
    const events = t.announce
      ? [{ ...agencyDecisionRecorded(this.events, task, t.announce), time: at.toISOString() }]
      : [];
    return { change: { set: t.set }, events };
  }
}
