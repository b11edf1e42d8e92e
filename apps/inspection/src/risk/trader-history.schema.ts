import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const INSPECTION_OUTCOMES = ['passed', 'failed', 'deemed-approved'] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

/**
 * One decided inspection of an importer (_id = declarationId: one assessment, so one task, per
 * declaration). The trader's history is counted from these rather than kept in $inc counters: an
 * insert keyed by the declaration is idempotent under redelivery (a second insert is E11000) and exact
 * across instances, where FerretDB 1.x loses concurrent $inc from other processes and a list of counted
 * ids inside one counter document would grow without bound.
 */
@Schema({ collection: 'trader_history', versionKey: false })
export class TraderInspection {
  @Prop({ type: String, required: true }) _id: string;
  @Prop({ required: true }) importerId: string;
  @Prop({ required: true }) taskId: string;
  @Prop({ required: true }) shipmentId: string;
  /** Tacit approvals are kept for the record but count as neither passed nor failed. */
  @Prop({ type: String, required: true, enum: INSPECTION_OUTCOMES }) outcome: InspectionOutcome;
  /** Business time of the decision (ce_time of its event). */
  @Prop({ required: true }) decidedAt: Date;
}

export const TraderInspectionSchema = SchemaFactory.createForClass(TraderInspection);
// the history of one importer is counted by outcome at every assessment
TraderInspectionSchema.index({ importerId: 1, outcome: 1 });
