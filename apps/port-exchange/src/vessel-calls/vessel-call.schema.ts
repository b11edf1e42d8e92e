import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

@Schema({ collection: 'vessel_calls', timestamps: true, versionKey: false })
export class VesselCall {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) vesselName: string;
  /** The carrier or terminal party that announced the call: it alone changes the call's manifest. */
  @Prop() ownerPartyId?: string;
  @Prop({ required: true }) voyage: string;
  @Prop() imoNumber?: string;
  @Prop({ required: true, index: true }) eta: Date;
  /** Actual time of arrival: reported by the port, else the first discharge of the call. */
  @Prop() ata?: Date;
  @Prop({ type: String, enum: ['reported', 'first-discharge'] }) ataSource?: 'reported' | 'first-discharge';
  @Prop() revision?: number;
  createdAt: Date;
  updatedAt: Date;
}

export type VesselCallDocument = HydratedDocument<VesselCall>;
export const VesselCallSchema = SchemaFactory.createForClass(VesselCall);
