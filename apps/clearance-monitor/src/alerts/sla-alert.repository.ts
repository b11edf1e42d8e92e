import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { AggregateRepository, type Unsaved } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import type { afterAttempt } from './sla-alert-rules';
import { SlaAlert } from './sla-alert.schema';

export type NewAlert = Unsaved<SlaAlert>;

/** Loads and saves SLA alerts; every write goes by _id, guarded by the state it was decided on. */
@Injectable()
export class SlaAlertRepository extends AggregateRepository<SlaAlert> {
  constructor(@InjectModel(SlaAlert.name) alerts: Model<SlaAlert>) {
    super(alerts, 'SLA alert');
  }

  /** Raises the alert with its event; false when it was raised already (by any instance). */
  async raise(alert: NewAlert, event: CloudEvent): Promise<boolean> {
    return this.insert(alert, [event]);
  }

  /**
   * Alerts whose webhook POST is due. The poll reads a range of times, which scans the alerts (at most
   * two per late shipment); it runs in the background, never on an event or a request.
   */
  async dueForWebhook(now: Date, limit: number): Promise<SlaAlert[]> {
    return this.model
      .find({ webhookStatus: 'pending', webhookNextAt: { $lte: now } })
      .sort({ webhookNextAt: 1 })
      .limit(limit)
      .lean<SlaAlert[]>();
  }

  /**
   * Claims the next POST attempt, leasing it until `leaseUntil`: one conditional write on the attempt
   * count read, so of two instances polling at once only one POSTs. A lease that runs out (its instance
   * stopped) lets the next attempt be claimed.
   */
  async claimAttempt(alert: SlaAlert, leaseUntil: Date): Promise<boolean> {
    return this.apply(
      { _id: alert._id, webhookStatus: 'pending', webhookAttempts: alert.webhookAttempts },
      { change: { set: { webhookNextAt: leaseUntil }, inc: { webhookAttempts: 1 } } },
    );
  }

  /** Records the outcome of an attempt, unless a later attempt was claimed meanwhile. */
  async recordAttempt(id: string, attempt: number, outcome: ReturnType<typeof afterAttempt>): Promise<void> {
    await this.apply(
      { _id: id, webhookStatus: 'pending', webhookAttempts: attempt },
      { change: { set: outcome } },
    );
  }
}
