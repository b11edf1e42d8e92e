import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

export const GREEN_CHANNEL_KINDS = ['aeo', 'major-project'] as const;
export type GreenChannelKind = (typeof GREEN_CHANNEL_KINDS)[number];

/** The fields an entry's holder may change: an AEO certificate's, or a major project's. */
export interface AeoValues {
  partyId: string;
  certificate: string;
  level: 'advanced' | 'general';
  validFrom: string;
  validTo: string;
}
export interface MajorProjectValues {
  code: string;
  partyId: string;
  name: string;
  validFrom: string;
  validTo: string;
}
export type EntryValues = AeoValues | MajorProjectValues;

/** One change of an entry, kept for good: who, when, what it said afterwards. */
export interface RegisterChange {
  at: Date;
  by: string;
  role: string;
  action: 'seeded' | 'registered' | 'changed' | 'revoked';
  values: EntryValues;
}

/**
 * One entry of the green-channel register: an AEO certificate, keyed by the party that holds it
 * (`aeo:<partyId>`), or a major project, keyed by its code (`major-project:<code>`), so a lodgement
 * finds both by _id. A revoked entry stays (inactive) with its changes; `source` says whether the
 * register file seeded it last or an operator changed it over the API (then a reseed leaves it alone).
 */
@Schema({ collection: 'greenChannelRegister', timestamps: true, versionKey: false })
export class GreenChannelEntry {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ type: String, required: true }) kind: GreenChannelKind;
  @Prop({ required: true }) partyId: string;
  /** AEO certificate number (kind aeo). */
  @Prop() certificate?: string;
  @Prop({ type: String }) level?: 'advanced' | 'general';
  /** Project code and name (kind major-project). */
  @Prop() code?: string;
  @Prop() name?: string;
  /** Calendar dates in the customs time zone (YYYY-MM-DD), inclusive. */
  @Prop({ required: true }) validFrom: string;
  @Prop({ required: true }) validTo: string;
  @Prop({ required: true }) active: boolean;
  @Prop({ type: String, required: true }) source: 'seed' | 'api';
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] }) changes: RegisterChange[];
  @Prop() revision?: number;
  createdAt?: Date;
  updatedAt?: Date;
}

export const GreenChannelEntrySchema = SchemaFactory.createForClass(GreenChannelEntry);

export function entryId(kind: GreenChannelKind, key: string): string {
  return `${kind}:${key}`;
}
