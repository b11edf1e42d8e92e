import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** An agency's standing order: POST every event of these types to this URL, signed with its secret. */
@Schema({ collection: 'feed_subscriptions', versionKey: false })
export class Subscription {
  @Prop({ type: String, required: true }) _id: string;
  /** The owning party (the token's party claim) and the role it subscribed with. */
  @Prop({ required: true }) party: string;
  @Prop({ required: true }) role: string;
  @Prop({ required: true }) url: string;
  /** CloudEvents types. */
  @Prop({ type: [String], required: true }) eventTypes: string[];
  @Prop({ type: String, default: null }) description: string | null;
  @Prop({ required: true }) active: boolean;
  /**
   * Kept readable because every delivery is signed with it; it is shown to the agency only once.
   * The previous secret keeps signing beside the new one until previousSecretExpiresAt.
   */
  @Prop({ required: true }) secret: string;
  @Prop({ type: String, default: null }) previousSecret: string | null;
  @Prop({ type: Date, default: null }) previousSecretExpiresAt: Date | null;
  /** Event log cursor up to which deliveries have been planned; a new subscription starts at the head. */
  @Prop({ required: true }) plannedThrough: number;
  @Prop({ required: true }) createdAt: Date;
  @Prop() revision?: number;
  @Prop({ type: Date, default: null }) deactivatedAt: Date | null;
  @Prop({ type: Date, default: null }) secretRotatedAt: Date | null;
}

export const SubscriptionSchema = SchemaFactory.createForClass(Subscription);
SubscriptionSchema.index({ party: 1, createdAt: -1 });
SubscriptionSchema.index({ active: 1 });
