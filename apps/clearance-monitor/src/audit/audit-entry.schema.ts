import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Append-only: entries are inserted once (keyed by the event id) and never updated or deleted. */
@Schema({ collection: 'audit_entries', versionKey: false })
export class AuditRecord {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true, index: true }) shipmentId: string;
  @Prop({ required: true }) at: Date;
  @Prop({ required: true }) service: string;
  @Prop({ required: true }) type: string;
  @Prop({ required: true }) actor: string;
  @Prop({ required: true }) role: string;
  @Prop({ required: true }) action: string;
  @Prop({ type: [String], default: [] }) reasons: string[];
}

export const AuditRecordSchema = SchemaFactory.createForClass(AuditRecord);
