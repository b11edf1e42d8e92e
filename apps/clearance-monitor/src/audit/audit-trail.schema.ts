import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One decision on the record (see AuditEntry). */
@Schema({ _id: false, versionKey: false })
export class AuditRecord {
  @Prop({ required: true }) eventId: string;
  @Prop({ required: true }) at: Date;
  @Prop({ required: true }) service: string;
  @Prop({ required: true }) type: string;
  @Prop({ required: true }) actor: string;
  @Prop({ required: true }) role: string;
  @Prop({ required: true }) action: string;
  @Prop({ type: [String], default: [] }) reasons: string[];
}

const AuditRecordSchema = SchemaFactory.createForClass(AuditRecord);

/**
 * The audit trail of one shipment (_id = shipmentId), so a trail is read by _id. Append-only: each
 * decision is added once (keyed by its event id) and never updated or removed.
 */
@Schema({ collection: 'audit_trails', versionKey: false })
export class AuditTrail {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: [AuditRecordSchema], default: [] }) entries: AuditRecord[];
  @Prop() revision?: number;
}

export const AuditTrailSchema = SchemaFactory.createForClass(AuditTrail);
