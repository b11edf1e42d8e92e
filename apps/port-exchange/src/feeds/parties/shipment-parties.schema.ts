import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { openSetSchema } from '@tongguan/persistence';
import { Schema as MongooseSchema } from 'mongoose';
import type { DeclarationParties } from './event-claims';
import type { HeardEvent, OwedReplay } from './shipment-parties';

/**
 * The parties of one shipment as the feeds learnt them (its consignee, each declaration's owner and
 * filer), the shipment's events logged for traders (so a party learnt later receives them too) and
 * the copies still owed. Keyed by shipmentId: every read and write is a point lookup.
 */
@Schema({ collection: 'feed_shipment_parties', versionKey: false })
export class ShipmentParties {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: String, default: null }) consignee: string | null;
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) declarations: DeclarationParties[];
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) heard: HeardEvent[];
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) owed: OwedReplay[];
  @Prop() revision?: number;
}

export const ShipmentPartiesSchema = SchemaFactory.createForClass(ShipmentParties);

/**
 * The shipments that owe replays (an open set, _id = shipmentId): the sweep reads these instead of
 * every shipment. Added before the write that owes them, dropped by the sweep once nothing is owed.
 */
export const OWED_REPLAYS = 'FeedOwedReplays';
export const OwedReplaysSchema = openSetSchema('feed_owed_replays', {});
