import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';
import type { AlertKind, WebhookStatus } from './sla-alert-rules';

/**
 * One SLA alert, raised once per shipment and kind: _id is `<shipmentId>:<kind>`, so the insert that
 * raises it is the claim (a second instance, or a rescan after a restart, gets a duplicate key). The
 * same single-document write carries the Kafka event in its outbox and queues the webhook delivery,
 * whose state lives here, so a restart resumes the retries.
 */
@Schema({ collection: 'sla_alerts', versionKey: false })
export class SlaAlert implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) shipmentId: string;
  @Prop({ type: String, required: true }) kind: AlertKind;
  @Prop({ required: true }) raisedAt: Date;
  @Prop({ required: true }) elapsedHours: number;
  @Prop({ type: Number, default: null }) predictedHours: number | null;
  @Prop({ required: true }) targetHours: number;
  @Prop({ required: true }) stage: string;
  @Prop({ type: String, default: null }) agency: string | null;
  /** The event as sent to Kafka, kept for the webhook body. */
  @Prop({ type: Object, required: true }) event: Record<string, unknown>;
  @Prop({ type: String, required: true, index: true }) webhookStatus: WebhookStatus;
  @Prop({ default: 0 }) webhookAttempts: number;
  /** Real time of the next POST attempt (a lease while one is in progress). */
  @Prop({ type: Date, default: null }) webhookNextAt: Date | null;
  @Prop({ type: String, default: null }) webhookLastError: string | null;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const SlaAlertSchema = withOutbox(SchemaFactory.createForClass(SlaAlert));
