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
  @Prop() declarationId?: string;
  @Prop() importerId?: string;
  /** The hash of the entry appended before this one on the shipment's trail (GENESIS_HASH for the first). */
  @Prop({ required: true }) prevHash: string;
  /** SHA-256 over this entry's canonical form, prevHash included (audit-chain). */
  @Prop({ required: true }) hash: string;
}

const AuditRecordSchema = SchemaFactory.createForClass(AuditRecord);

/**
 * The audit trail of one shipment (_id = shipmentId), so a trail is read by _id. Append-only: each
 * decision is added once (keyed by its event id) and never updated or removed. Entries are kept in the
 * order they were appended, each chained to the one before by its hash (audit-chain), so that a change
 * made to the store behind the service's back shows (npm run audit:verify).
 */
@Schema({ collection: 'audit_trails', versionKey: false })
export class AuditTrail {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: [AuditRecordSchema], default: [] }) entries: AuditRecord[];
  @Prop() revision?: number;
}

export const AuditTrailSchema = SchemaFactory.createForClass(AuditTrail);
