import { Injectable } from '@nestjs/common';
import { Clock, WorkingCalendar } from '@tongguan/clock';
import type { CloudEvent, CloudEventMeta } from '@tongguan/contracts';
import { EventFactory } from '@tongguan/messaging';
import type { Decision } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import type { InspectionTask } from './inspection-task.schema';
import { InspectionTaskRepository } from './inspection-task.repository';
import { agencyDecisionRecorded } from '../approvals/agency-decision-recorded';
import { TACIT_APPROVAL, type RecordedDecision } from '../approvals/approval-lifecycle';
import type { AppliedTransition } from '../deadlines/timed-task.repository';
import { INSPECTION_AGENCY } from './task-deadline';
import {
  deadlineWatch,
  decide,
  type TaskAnnouncement,
  type TaskFact,
  type TaskTransition,
} from './task-lifecycle';

export type Applied = AppliedTransition<InspectionTask, TaskTransition>;

/**
 * Applies a fact to a task: load, decide (task-lifecycle), save the transition with the event it
 * announces in one write guarded by the revision read; a lost race reads and decides again. Every
 * change of a task, by an officer, the importer's answer, a deadline or the declaration, goes here,
 * and so does the deadline watcher's open set follow each change once it is stored (deadlineWatch).
 */
@Injectable()
export class TaskTransitions {
  constructor(
    private readonly tasks: InspectionTaskRepository,
    private readonly events: EventFactory,
    private readonly clock: Clock,
    private readonly calendar: WorkingCalendar,
  ) {}

  /**
   * A refusal (the task is another officer's, decided, waiting or overdue) is thrown as a 409
   * DomainError. `at` is the business instant of the fact; the clock's now when not given.
   */
  async apply(taskId: string, fact: TaskFact, at?: Date): Promise<Applied> {
    const applied = await this.tasks.transition(taskId, (task) => {
      const when = at ?? this.clock.now();
      const decision = decide(task, fact, when, this.calendar);
      if (!decision) return null;
      if ('refusal' in decision) throw new DomainError(decision.refusal.code, decision.refusal.message);
      return { transition: decision.transition, decision: this.decision(task, decision.transition, when) };
    });
    if (applied.transition) await this.followDeadline(taskId, applied.transition);
    return applied;
  }

  /**
   * After the write, so a crash in between leaves the entry as it was: a decided task's entry is
   * dropped by the sweep when it comes due, a reopened task's is written by the redelivered answer.
   */
  private async followDeadline(taskId: string, transition: TaskTransition): Promise<void> {
    const watch = deadlineWatch(transition);
    if (watch === 'drop') await this.tasks.unwatchDeadline(taskId);
    else if (watch !== 'keep') await this.tasks.watchDeadline(taskId, watch.watch);
  }

  private decision(task: InspectionTask, t: TaskTransition, at: Date): Decision {
    return {
      change: {
        set: t.set,
        push: t.push ?? {},
        unset: t.unset ?? [],
      },
      events: t.announce ? this.announcements(task, t.announce, at) : [],
    };
  }

  /**
   * The events are dated at the decision: ce_time equals the decidedAt (or requestedAt) stored with
   * them. A decision is also AgencyDecisionRecorded (agency inspection, step = the task kind), so the
   * scorecards count inspection's steps as every other agency's.
   */
  private announcements(task: InspectionTask, announce: TaskAnnouncement, at: Date): CloudEvent[] {
    const subject = { shipmentId: task.shipmentId, declarationId: task.declarationId, taskId: task._id };
    const causedBy = causeOf(task);
    const events = ((): CloudEvent[] => {
      switch (announce.event) {
        case 'InspectionCompleted': {
          const { result, findings, officerId, timing } = announce;
          const outcome = result === 'passed' ? 'approved' : 'refused';
          return [
            this.events.create(
              'InspectionCompleted',
              { ...subject, result, findings, officerId },
              { causedBy, decision: `InspectionCompleted:${task._id}` },
            ),
            this.recorded(task, { outcome, decidedBy: officerId, reasons: findings, ...timing }),
          ];
        }
        case 'DocumentsRequested': {
          const { requestId, officerId, documents } = announce.request;
          return [
            this.events.create(
              'DocumentsRequested',
              { ...subject, requestId, officerId, documents },
              { causedBy },
            ),
          ];
        }
        case 'InspectionDeemedApproved': {
          const reason = `no decision within the ${task.limitHours}-hour time limit`;
          return [
            this.events.create(
              'InspectionDeemedApproved',
              { ...subject, deadline: new Date(task.deadline).toISOString(), reason },
              { causedBy, decision: `InspectionDeemedApproved:${task._id}` },
            ),
            this.recorded(task, {
              outcome: 'deemed-approved',
              decidedBy: TACIT_APPROVAL,
              reasons: [reason],
              ...announce.timing,
            }),
          ];
        }
      }
    })();
    return events.map((event) => ({ ...event, time: at.toISOString() }));
  }

  /** As AgencyDecisionRecorded names inspection's own step: agency inspection, step = the task kind. */
  private recorded(task: InspectionTask, d: RecordedDecision): CloudEvent {
    // the dueAt as the trader's waits moved it
    const step = { ...task, agency: INSPECTION_AGENCY, step: task.kind, dueAt: task.deadline };
    return agencyDecisionRecorded(this.events, step, { ...d, reasons: asReasons(d.reasons) });
  }
}

/** Findings as the contract's reasons: at most 20, each at most 500 characters. */
function asReasons(findings: readonly string[]): string[] {
  return findings.slice(0, 20).map((f) => (f.length > 500 ? `${f.slice(0, 499)}…` : f));
}

/** The task's events continue the shipment's flow: same correlation, caused by its RiskAssessed. */
function causeOf(task: InspectionTask): Pick<CloudEventMeta, 'id' | 'correlationId'> {
  return { id: task.causationId, correlationId: task.correlationId };
}
