import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay } from '@tongguan/messaging';
import { addedLongAgo } from '@tongguan/persistence';
import { PeriodicJob } from '@tongguan/platform';
import { escalation, type Verdict } from './complaint-lifecycle';
import { ComplaintRepository } from './complaint.repository';
import type { Complaint } from './complaint.schema';
import { ComplaintsConfig } from './complaints-config';
import type { OpenComplaint } from './open-complaint.schema';

/** Most complaints one sweep escalates; the soonest due first, the rest at the next sweep. */
const BATCH = 500;
/** Real ms after which an entry whose complaint never got stored (the filing crashed) is dropped. */
const ABANDONED_AFTER_MS = 10 * 60_000;

/**
 * Escalates complaints not answered by their dueAt. Every instance sweeps, every COMPLAINT_SWEEP_MS,
 * the open set of complaints that may still escalate (never every complaint), and escalates each one
 * due with a write guarded by the revision read that carries ComplaintEscalated in the complaint's
 * outbox, with a ce_id derived from the complaint: of instances racing on one complaint exactly one
 * escalates it, and a restart neither loses nor repeats an escalation. The first sweep of each
 * process rebuilds the open set from the complaints.
 */
@Injectable()
export class ComplaintEscalationSweeper
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(ComplaintEscalationSweeper.name);
  private readonly job: PeriodicJob;
  private rebuilt = false;

  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly clock: Clock,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly config: ComplaintsConfig,
  ) {
    this.job = new PeriodicJob(
      'complaint escalation sweep',
      () => this.sweep(),
      config.COMPLAINT_SWEEP_MS,
      this.logger,
    );
  }

  onModuleInit(): void {
    this.relay.watch(this.complaints.outboxModel);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** Escalates what is due now; returns the real ms to the next sweep. */
  async sweep(): Promise<number> {
    if (!this.rebuilt) {
      await this.complaints.rebuildOpenSet();
      this.rebuilt = true;
    }
    const now = this.clock.now();
    for (const entry of await this.complaints.dueBy(now, BATCH)) await this.escalate(entry, now);
    return this.config.COMPLAINT_SWEEP_MS;
  }

  private async escalate(entry: OpenComplaint, now: Date): Promise<void> {
    const rule = (c: Complaint): Verdict => {
      const change = escalation(c, now);
      return change ? { kind: 'change', change } : { kind: 'unchanged' };
    };
    const { after, verdict } = await this.complaints.move(entry._id, rule, (c) => [this.escalated(c)]);
    if (!after) {
      if (addedLongAgo(entry, ABANDONED_AFTER_MS)) await this.complaints.unwatch(entry);
      return;
    }
    if (verdict?.kind === 'change') {
      this.logger.log(
        `complaint ${after._id} about ${after.agency} on ${after.shipmentId} escalated: due ${after.dueAt.toISOString()}`,
      );
    }
    if (after.escalated || after.status === 'answered') await this.complaints.unwatch(entry);
    // the entry is older than the complaint's limit (a reopening whose entry was lost): watch the new one
    else if (new Date(after.dueAt).getTime() > now.getTime())
      await this.complaints.watch(after._id, after.dueAt);
  }

  private escalated(c: Complaint) {
    return this.events.create(
      'ComplaintEscalated',
      {
        shipmentId: c.shipmentId,
        complaintId: c._id,
        agency: c.agency,
        ...(c.step ? { step: c.step } : {}),
        importerId: c.importerId,
        filedAt: new Date(c.filedAt).toISOString(),
        dueAt: new Date(c.dueAt).toISOString(),
        ...(c.ownerId ? { ownerId: c.ownerId } : {}),
      },
      { decision: `complaint-escalated:${c._id}` },
    );
  }
}
