import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { withOutbox, type OutboxFields } from '@tongguan/persistence';

/** A truck that entered the terminal to collect a shipment's cargo, with its GateInRecorded. */
@Schema({ collection: 'gate_ins', versionKey: false })
export class GateIn implements OutboxFields {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop({ required: true }) truckPlate: string;
  @Prop() bookingId?: string;
  @Prop({ required: true }) at: Date;
  outbox: OutboxFields['outbox'];
  outboxPending: boolean;
}

export const GateInSchema = withOutbox(SchemaFactory.createForClass(GateIn));
