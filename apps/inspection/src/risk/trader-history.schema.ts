import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const INSPECTION_OUTCOMES = ['passed', 'failed', 'deemed-approved'] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

/** The counter a decided inspection moves; tacit approvals are kept on record but count as neither. */
export function countedAs(outcome: InspectionOutcome): 'passed' | 'failed' | null {
  return outcome === 'deemed-approved' ? null : outcome;
}

/**
 * One decided inspection of an importer (_id = declarationId: one assessment, so one task, per
 * declaration). The insert keyed by the declaration makes recording idempotent under redelivery, and
 * the first decision of a declaration the one that counts; `counted` says it is in the importer's tally.
 */
@Schema({ collection: 'trader_history', versionKey: false })
export class TraderInspection {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) importerId: string;
  @Prop({ required: true }) taskId: string;
  @Prop({ required: true }) shipmentId: string;
  @Prop({ type: String, required: true, enum: INSPECTION_OUTCOMES }) outcome: InspectionOutcome;
  /** Business time of the decision (ce_time of its event). */
  @Prop({ required: true }) decidedAt: Date;
  @Prop() counted?: boolean;
}

export const TraderInspectionSchema = SchemaFactory.createForClass(TraderInspection);

/**
 * An importer's passed and failed inspections (_id = importerId), read by _id at every assessment.
 * `recent` holds the last declarations counted, so a decision counted by one instance while another
 * was still recording it is not counted twice (the record's `counted` covers later redeliveries).
 */
@Schema({ collection: 'trader_tallies', versionKey: false })
export class TraderTally {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ default: 0 }) passed: number;
  @Prop({ default: 0 }) failed: number;
  @Prop({ type: [String], default: [] }) recent: string[];
  @Prop() revision?: number;
}

export const TraderTallySchema = SchemaFactory.createForClass(TraderTally);
