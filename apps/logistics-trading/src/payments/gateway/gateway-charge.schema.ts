import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One charge taken by the local (development) gateway, keyed by the idempotency key. */
@Schema({ collection: 'gateway_charges', versionKey: false })
export class GatewayCharge {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) paymentId: string;
  @Prop({ required: true }) amountMinor: number;
  @Prop({ required: true }) currency: string;
  @Prop({ required: true }) receiptNumber: string;
  @Prop({ required: true }) chargedAt: Date;
  @Prop() revision?: number;
}

export const GatewayChargeSchema = SchemaFactory.createForClass(GatewayCharge);
