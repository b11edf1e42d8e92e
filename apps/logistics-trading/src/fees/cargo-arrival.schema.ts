import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The discharge of a shipment's cargo as port-exchange announced it (CargoArrived): when storage starts
 * and what it is counted on. Kept apart from payments because the two events come in any order: a
 * declaration is often lodged, assessed and billed before the vessel berths.
 */
@Schema({ collection: 'cargo_arrivals', versionKey: false })
export class CargoArrival {
  /** The shipmentId. */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) vesselCallId: string;
  /** Business time of the discharge (the event's ce_time). */
  @Prop({ required: true }) dischargedAt: Date;
  @Prop({ required: true }) containerCount: number;
  @Prop({ required: true }) grossWeightKg: number;
  @Prop() revision?: number;
}

export const CargoArrivalSchema = SchemaFactory.createForClass(CargoArrival);
