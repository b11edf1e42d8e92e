import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';

/** A truck turned away at the gate, kept on record with the reasons and the event announcing it. */
@Schema({ collection: 'gate_refusals', timestamps: true, versionKey: false })
export class GateRefusal implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop({ required: true }) truckPlate: string;
  @Prop({ type: [String], required: true }) reasons: string[];
  @Prop({ required: true }) at: Date;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const GateRefusalSchema = withOutbox(SchemaFactory.createForClass(GateRefusal));
