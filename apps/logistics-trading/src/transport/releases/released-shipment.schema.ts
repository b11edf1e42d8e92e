import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Customs released this shipment's cargo (ShipmentReleased): only such cargo may be ordered out. */
@Schema({ collection: 'released_shipments', versionKey: false })
export class ReleasedShipment {
  /** the shipmentId */
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) importerId: string;
  @Prop({ required: true }) declarationId: string;
  @Prop({ required: true }) releasedAt: Date;
  @Prop() revision?: number;
}

export const ReleasedShipmentSchema = SchemaFactory.createForClass(ReleasedShipment);
