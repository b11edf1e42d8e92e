import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Where an agency stood at the last supervision check over the rolling window (_id = agency id). Its
 * belowTarget flag changes by one revision-guarded write, so of the instances checking at once only one
 * sees a crossing and logs it.
 */
@Schema({ collection: 'agency_standings', versionKey: false })
export class AgencyStanding {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) decisions: number;
  @Prop({ required: true }) withinLimit: number;
  @Prop({ type: Number, default: null }) withinLimitRatio: number | null;
  @Prop({ required: true }) target: number;
  @Prop({ required: true }) belowTarget: boolean;
  /** When belowTarget took its current value (business time). */
  @Prop({ required: true }) since: Date;
  @Prop({ required: true }) checkedAt: Date;
  @Prop({ required: true }) windowHours: number;
  @Prop() revision?: number;
}

export const AgencyStandingSchema = SchemaFactory.createForClass(AgencyStanding);
