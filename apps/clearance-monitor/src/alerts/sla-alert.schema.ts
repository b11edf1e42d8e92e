import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';

export type AlertKind = 'at-risk' | 'breached';

/**
 * One SLA alert, raised once per shipment and kind: _id is `<shipmentId>:<kind>`, so the insert that
 * raises it is the claim (a second instance, or a rescan after a restart, gets a duplicate key) and it
 * carries the Kafka event in its own outbox, in the same single-document write. Nothing else writes it
 * but the outbox relay: FerretDB rewrites whole documents without isolation between processes, so
 * state that other writers change (the webhook delivery) lives in its own document.
 */
@Schema({ collection: 'sla_alerts', versionKey: false })
export class SlaAlert implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop({ type: String, required: true }) kind: AlertKind;
  @Prop({ required: true }) raisedAt: Date;
  @Prop({ required: true }) elapsedHours: number;
  @Prop({ type: Number, default: null }) predictedHours: number | null;
  @Prop({ required: true }) targetHours: number;
  @Prop({ required: true }) stage: string;
  @Prop({ type: String, default: null }) agency: string | null;
  /** The event as sent to Kafka, kept for the webhook. */
  @Prop({ type: Object, required: true }) event: Record<string, unknown>;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const SlaAlertSchema = withOutbox(SchemaFactory.createForClass(SlaAlert));

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** The webhook delivery of one alert (_id = the alert's id): stored, so a restart resumes the retries. */
@Schema({ collection: 'sla_alert_deliveries', versionKey: false })
export class AlertDelivery {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: Object, required: true }) event: Record<string, unknown>;
  @Prop({ type: String, required: true, index: true }) status: DeliveryStatus;
  @Prop({ default: 0 }) attempts: number;
  /** Real time of the next POST attempt (a lease while one is in progress). */
  @Prop({ type: Date, default: null }) nextAt: Date | null;
  @Prop({ type: String, default: null }) lastError: string | null;
}

export const AlertDeliverySchema = SchemaFactory.createForClass(AlertDelivery);

/**
 * The claim on one POST attempt of one alert (_id `<alertId>#<attempt>`). A unique insert is the one
 * write FerretDB isolates between processes, so two instances polling at once never both POST.
 */
@Schema({ collection: 'sla_alert_webhook_attempts', versionKey: false })
export class WebhookAttempt {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) at: Date;
}

export const WebhookAttemptSchema = SchemaFactory.createForClass(WebhookAttempt);
