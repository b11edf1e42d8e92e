import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { CloudEvent } from '@tongguan/contracts';
import {
  AggregateRepository,
  OpenSet,
  upsert,
  WITHOUT_OUTBOX,
  type OpenEntryBase,
  type Unsaved,
} from '@tongguan/persistence';
import type { FilterQuery, Model } from 'mongoose';
import { latestOf } from './assessment-lifecycle';
import { AssessmentShipment } from './assessment-shipment.schema';
import { PENDING_TASK_OPENING, type PendingTaskOpening } from './pending-task-opening.schema';
import { RiskAssessment } from './risk-assessment.schema';

export type NewAssessment = Unsaved<RiskAssessment>;

/** Assessments whose task is still to open: conditions no index serves on mongo-java-server. */
const TASK_TO_OPEN: FilterQuery<RiskAssessment> = {
  taskId: { $ne: '' },
  taskOpenedAt: { $exists: false },
  withdrawnAt: { $exists: false },
  closedAt: { $exists: false },
};

/**
 * Loads and saves risk assessments (_id = declarationId); finds a shipment's through the shipment
 * index. Keeps the open set of tasks still to open: an entry is added before the write that makes an
 * assessment name its task, and removed once the task is opened or the declaration ended.
 */
@Injectable()
export class RiskAssessmentRepository extends AggregateRepository<RiskAssessment> {
  private readonly pending: OpenSet<Omit<PendingTaskOpening, keyof OpenEntryBase>>;

  constructor(
    @InjectModel(RiskAssessment.name) assessments: Model<RiskAssessment>,
    @InjectModel(AssessmentShipment.name) private readonly shipments: Model<AssessmentShipment>,
    @InjectModel(PENDING_TASK_OPENING) pending: Model<OpenEntryBase>,
  ) {
    super(assessments, 'risk assessment');
    this.pending = new OpenSet(pending);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    await this.pending.ensureIndexes();
  }

  async findVisible(declarationId: string): Promise<RiskAssessment | null> {
    return this.findById(declarationId, WITHOUT_OUTBOX);
  }

  /**
   * Records the declaration's first assessment with its RiskAssessed in one insert; when another
   * writer recorded one first, theirs (and its event) is the one, and it is returned instead.
   */
  async record(assessment: NewAssessment, events: CloudEvent[]): Promise<NewAssessment> {
    await this.pendingOpening(assessment);
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
    await this.pendingOpening(assessment);
    if (!known) {
      await this.index(assessment.shipmentId, _id);
      if (await this.insert(assessment, events)) return;
    }
    await this.apply(
      { _id, $or: [{ version: { $exists: false } }, { version: { $lt: fields.version } }] },
      { change: { set: fields, unset: ['taskOpenedAt'] }, events },
    );
  }

  /**
   * Marks the task opened, if it is still the assessment's task (an amendment may have named another);
   * either way that task has nothing left to open, so its pending entry goes.
   */
  async taskOpened(declarationId: string, taskId: string, at: Date): Promise<void> {
    await this.apply(
      { _id: declarationId, taskId, taskOpenedAt: { $exists: false } },
      { change: { set: { taskOpenedAt: at } } },
    );
    await this.pending.remove(taskId);
  }

  /**
   * A declaration that ended (withdrawn, or refused release: 'closed') opens no task again: its pending
   * entry goes with it.
   */
  async markEnded(declarationId: string, how: 'withdrawn' | 'closed', at: Date): Promise<void> {
    const field = how === 'withdrawn' ? 'withdrawnAt' : 'closedAt';
    const { current } = await this.modify(declarationId, (assessment) =>
      assessment[field] ? null : { change: { set: { [field]: at } } },
    );
    if (current?.taskId) await this.pending.remove(current.taskId);
  }

  /** The shipment's latest assessment, read by _id through the shipment index. */
  async latestFor(shipmentId: string): Promise<RiskAssessment | null> {
    const shipment = await this.shipments.findById(shipmentId, { declarationIds: 1 }).lean();
    const assessments = await Promise.all((shipment?.declarationIds ?? []).map((id) => this.findVisible(id)));
    return latestOf(assessments.filter((a): a is RiskAssessment => a !== null));
  }

  /** The tasks still to open, oldest entry first: the open set, as large as the openings in flight. */
  async pendingOpenings(limit: number): Promise<PendingTaskOpening[]> {
    return this.pending.entries({}, { sort: { at: 1 }, limit }) as Promise<PendingTaskOpening[]>;
  }

  /** The assessments of these declarations, by declarationId: one read the _id index serves. */
  async findVisibleMany(declarationIds: readonly string[]): Promise<Map<string, RiskAssessment>> {
    if (declarationIds.length === 0) return new Map();
    const found = await this.model
      .find({ _id: { $in: declarationIds } }, WITHOUT_OUTBOX)
      .lean<RiskAssessment[]>();
    return new Map(found.map((a) => [a._id, a]));
  }

  /** The sweep found the entry's task opened, ended or superseded: nothing will reopen it. */
  async openingDone(entry: PendingTaskOpening): Promise<void> {
    await this.pending.remove(entry._id);
  }

  /** The sweep gave up on an entry whose assessment never came, unless it was added again meanwhile. */
  async openingAbandoned(entry: PendingTaskOpening): Promise<void> {
    await this.pending.removeIfUnchanged(entry);
  }

  /**
   * Rebuilds the open set from the assessments: adds an entry for every task still to open. It scans
   * the collection, so each process runs it once, at start: it finds what a store edit or data written
   * before the open set existed left without an entry (the writes themselves add theirs first).
   */
  async recoverPendingOpenings(): Promise<number> {
    const found = await this.model
      .find(TASK_TO_OPEN, { taskId: 1, version: 1 })
      .lean<Pick<RiskAssessment, '_id' | 'taskId' | 'version'>[]>();
    await this.pending.addMany(
      found.map((a) => ({ id: a.taskId, fields: { declarationId: a._id, version: a.version ?? 1 } })),
    );
    return found.length;
  }

  /** The intent to open the assessment's task, written before the assessment that names it. */
  private async pendingOpening(assessment: NewAssessment): Promise<void> {
    if (!assessment.taskId) return;
    await this.pending.add(assessment.taskId, {
      declarationId: assessment._id,
      version: assessment.version ?? 1,
    });
  }

  /** Adds the declaration to its shipment's index. */
  private async index(shipmentId: string, declarationId: string): Promise<void> {
    await upsert(this.shipments, { _id: shipmentId }, { $addToSet: { declarationIds: declarationId } });
  }
}
