import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import { AggregateRepository, upsert, WITHOUT_OUTBOX, type Unsaved } from '@tongguan/persistence';
import type { Model } from 'mongoose';
import { latestOf } from './assessment-lifecycle';
import { AssessmentShipment } from './assessment-shipment.schema';
import { RiskAssessment } from './risk-assessment.schema';

export type NewAssessment = Unsaved<RiskAssessment>;

/** Loads and saves risk assessments (_id = declarationId); finds a shipment's through the shipment index. */
@Injectable()
export class RiskAssessmentRepository extends AggregateRepository<RiskAssessment> {
  constructor(
    @InjectModel(RiskAssessment.name) assessments: Model<RiskAssessment>,
    @InjectModel(AssessmentShipment.name) private readonly shipments: Model<AssessmentShipment>,
  ) {
    super(assessments, 'risk assessment');
  }

  async findVisible(declarationId: string): Promise<RiskAssessment | null> {
    return this.findById(declarationId, WITHOUT_OUTBOX);
  }

  /**
   * Records the declaration's first assessment with its RiskAssessed in one insert; when another
   * writer recorded one first, theirs (and its event) is the one, and it is returned instead.
   */
  async record(assessment: NewAssessment, events: CloudEvent[]): Promise<NewAssessment> {
    await this.index(assessment.shipmentId, assessment._id);
    if (await this.insert(assessment, events)) return assessment;
    const stored = await this.findVisible(assessment._id);
    if (!stored) throw new Error(`risk assessment ${assessment._id} vanished after a duplicate insert`);
    return stored;
  }

  /**
   * Replaces the assessment with that of a newer declaration version, with its RiskAssessed (an older
   * one may still wait in the outbox), unless a version as new is stored already. Its task is to open.
   * `known`: an assessment of the declaration was stored when the amendment came.
   */
  async reassess(assessment: NewAssessment, events: CloudEvent[], known: boolean): Promise<void> {
    const { _id, ...fields } = assessment;
    if (!known) {
      await this.index(assessment.shipmentId, _id);
      if (await this.insert(assessment, events)) return;
    }
    await this.apply(
      { _id, $or: [{ version: { $exists: false } }, { version: { $lt: fields.version } }] },
      { change: { set: fields, unset: ['taskOpenedAt'] }, events },
    );
  }

  /** Marks the task opened, if it is still the assessment's task (an amendment may have named another). */
  async taskOpened(declarationId: string, taskId: string, at: Date): Promise<void> {
    await this.apply(
      { _id: declarationId, taskId, taskOpenedAt: { $exists: false } },
      { change: { set: { taskOpenedAt: at } } },
    );
  }

  async withdraw(declarationId: string, at: Date): Promise<void> {
    await this.apply(
      { _id: declarationId, withdrawnAt: { $exists: false } },
      { change: { set: { withdrawnAt: at } } },
    );
  }

  /** The shipment's latest assessment, read by _id through the shipment index. */
  async latestFor(shipmentId: string): Promise<RiskAssessment | null> {
    const shipment = await this.shipments.findById(shipmentId, { declarationIds: 1 }).lean();
    const assessments = await Promise.all((shipment?.declarationIds ?? []).map((id) => this.findVisible(id)));
    return latestOf(assessments.filter((a): a is RiskAssessment => a !== null));
  }

  /**
   * Assessments whose task is still to open: unindexed conditions that scan the collection, so only the
   * rare pending-task sweep asks.
   */
  async pendingTaskOpenings(limit: number): Promise<RiskAssessment[]> {
    return this.model
      .find(
        { taskId: { $ne: '' }, taskOpenedAt: { $exists: false }, withdrawnAt: { $exists: false } },
        WITHOUT_OUTBOX,
      )
      .limit(limit)
      .lean();
  }

  /** Adds the declaration to its shipment's index. */
  private async index(shipmentId: string, declarationId: string): Promise<void> {
    await upsert(this.shipments, { _id: shipmentId }, { $addToSet: { declarationIds: declarationId } });
  }
}
