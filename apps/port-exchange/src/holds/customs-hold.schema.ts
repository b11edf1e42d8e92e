import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';

export const HOLD_STATUSES = ['active', 'lifted'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

/** Customs keeps cargo at the terminal until it lifts the hold; CustomsHoldPlaced/Lifted ride in its outbox. */
@Schema({ collection: 'customs_holds', versionKey: false })
export class CustomsHold implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop({ type: String, required: true, enum: HOLD_STATUSES, index: true }) status: HoldStatus;
  /** The customs officer's party, or 'customs' for a hold the platform placed itself. */
  @Prop({ required: true }) placedBy: string;
  @Prop({ required: true }) reason: string;
  @Prop({ required: true }) placedAt: Date;
  /** The registry's customs/hold limit (working hours of customs' calendar) and when it ends; absent on older holds. */
  @Prop() reviewLimitHours?: number;
  @Prop() reviewDueAt?: Date;
  @Prop() liftedBy?: string;
  @Prop() liftReason?: string;
  @Prop() liftedAt?: Date;
  /** Customs working hours from placing to lifting, and whether the lift came by reviewDueAt. */
  @Prop() reviewHours?: number;
  @Prop() liftedWithinLimit?: boolean;
  @Prop() revision?: number;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const CustomsHoldSchema = withOutbox(SchemaFactory.createForClass(CustomsHold));
// the list of overdue holds: active ones by how long ago their review fell due
CustomsHoldSchema.index({ status: 1, reviewDueAt: 1 });
