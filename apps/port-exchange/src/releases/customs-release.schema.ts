import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** What the port knows of customs' decision, keyed by shipmentId (it may come before the manifest). */
@Schema({ collection: 'customs_releases', versionKey: false })
export class CustomsRelease {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) declarationId: string;
  @Prop({ required: true }) releasedAt: Date;
}

export const CustomsReleaseSchema = SchemaFactory.createForClass(CustomsRelease);
