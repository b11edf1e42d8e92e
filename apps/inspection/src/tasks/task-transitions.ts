import { Injectable } from '@nestjs/common';
import { Clock, WorkingCalendar } from '@tongguan/clock';
import type { CloudEvent, CloudEventMeta } from '@tongguan/contracts';
import { EventFactory } from '@tongguan/messaging';
import type { Decision } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import type { InspectionTask } from './inspection-task.schema';
import { InspectionTaskRepository } from './inspection-task.repository';
import {
  deadlineWatch,
  decide,
  type TaskAnnouncement,
  type TaskFact,
  type TaskTransition,
} from './task-lifecycle';

export interface Applied {
  /** The task as read before the transition; null when there is no such task. */
  task: InspectionTask | null;
  /** What was stored, or null when the fact changed nothing. */
  transition: TaskTransition | null;
}

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
    let applied: TaskTransition | null = null;
    const { current } = await this.tasks.modify(taskId, (task) => {
      applied = null;
      const when = at ?? this.clock.now();
      const decision = decide(task, fact, when, this.calendar);
      if (!decision) return null;
      if ('refusal' in decision) throw new DomainError(decision.refusal.code, decision.refusal.message);
      applied = decision.transition;
      return this.decision(task, decision.transition, when);
    });
    const stored = applied as TaskTransition | null;
    if (stored) await this.followDeadline(taskId, stored);
    return { task: current, transition: stored };
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
    const event = t.announce ? this.announcement(task, t.announce, at) : null;
    return {
      change: {
        set: t.set,
        push: t.push ?? {},
        unset: t.unset ?? [],
      },
      events: event ? [event] : [],
    };
  }

  /** The event is dated at the decision: ce_time equals the decidedAt (or requestedAt) stored with it. */
  private announcement(task: InspectionTask, announce: TaskAnnouncement, at: Date): CloudEvent {
    const subject = { shipmentId: task.shipmentId, declarationId: task.declarationId, taskId: task._id };
    const causedBy = causeOf(task);
    const event = (() => {
      switch (announce.event) {
        case 'InspectionCompleted': {
          const { result, findings, officerId } = announce;
          return this.events.create(
            'InspectionCompleted',
            { ...subject, result, findings, officerId },
            { causedBy, decision: `InspectionCompleted:${task._id}` },
          );
        }
        case 'DocumentsRequested': {
          const { requestId, officerId, documents } = announce.request;
          return this.events.create(
            'DocumentsRequested',
            { ...subject, requestId, officerId, documents },
            { causedBy },
          );
        }
        case 'InspectionDeemedApproved':
          return this.events.create(
            'InspectionDeemedApproved',
            {
              ...subject,
              deadline: new Date(task.deadline).toISOString(),
              reason: `no decision within the ${task.limitHours}-hour time limit`,
            },
            { causedBy, decision: `InspectionDeemedApproved:${task._id}` },
          );
      }
    })();
    return { ...event, time: at.toISOString() };
  }
}

/** The task's events continue the shipment's flow: same correlation, caused by its RiskAssessed. */
function causeOf(task: InspectionTask): Pick<CloudEventMeta, 'id' | 'correlationId'> {
  return { id: task.causationId, correlationId: task.correlationId };
}
