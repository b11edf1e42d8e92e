import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const DELIVERY_STATES = ['pending', 'delivered', 'dead', 'cancelled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * One event owed to one subscription. `pending` ones are claimed by a dispatcher for FEED_LEASE_MS
 * (leaseUntil, leaseToken): an instance that crashes mid-send loses nothing, the delivery is simply
 * claimable again when the lease runs out (at least once; receivers deduplicate on ce-id).
 */
@Schema({ collection: 'feed_deliveries', versionKey: false })
export class Delivery {
  /** A name-based uuid of (subscription, event): planning the same pair twice writes one record. */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) subscriptionId: string;
  @Prop({ required: true }) eventId: string;
  @Prop({ required: true }) eventType: string;
  @Prop({ required: true }) shipmentId: string;
  /** The event's log cursor. */
  @Prop({ required: true }) seq: number;
  @Prop({ type: String, required: true }) state: DeliveryState;
  @Prop({ required: true }) attempts: number;
  /** Real time (not business time): transport retries follow the wall clock. */
  @Prop({ required: true }) nextAttemptAt: Date;
  @Prop({ required: true }) leaseUntil: Date;
  @Prop({ type: String, default: null }) leaseToken: string | null;
  @Prop({ type: Date, default: null }) lastAttemptAt: Date | null;
  @Prop({ type: Number, default: null }) lastStatus: number | null;
  @Prop({ type: String, default: null }) lastError: string | null;
  @Prop({ type: Date, default: null }) deliveredAt: Date | null;
  @Prop({ required: true }) createdAt: Date;
  @Prop() revision?: number;
}

export const DeliverySchema = SchemaFactory.createForClass(Delivery);
DeliverySchema.index({ state: 1, nextAttemptAt: 1 });
DeliverySchema.index({ subscriptionId: 1, state: 1, seq: -1 });
