import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A party's refused filing of a B/L number that another party's manifest already holds, one document
 * per number, claimant and call (its _id), counted. Operations read these to resolve squatting: the
 * line of whichever party has no right to the number is withdrawn, which frees it.
 */
@Schema({ collection: 'manifest_conflicts', versionKey: false })
export class ManifestConflictRecord {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) blNumber: string;
  @Prop() holderPartyId?: string;
  @Prop({ required: true }) holderVesselCallId: string;
  @Prop({ required: true }) claimantPartyId: string;
  @Prop({ required: true }) claimantVesselCallId: string;
  @Prop({ required: true }) firstAt: Date;
  @Prop({ required: true }) lastAt: Date;
  @Prop({ required: true }) attempts: number;
}

export const ManifestConflictSchema = SchemaFactory.createForClass(ManifestConflictRecord);
