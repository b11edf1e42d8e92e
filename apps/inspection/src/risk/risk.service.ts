import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Clock } from '@tongguan/clock';
import { EventFactory, OutboxRelay, type IncomingEvent } from '@tongguan/messaging';
import { stageEvents, withState, type OutboxModel } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { isDuplicateKey } from '@tongguan/persistence';
import { InspectionConfig } from '../config/inspection-config';
import { TasksService } from '../tasks/tasks.service';
import { RiskAssessmentView } from './risk-assessment.dto';
import { RiskAssessment } from './risk-assessment.schema';
import { evaluateRisk, type RandomSelection } from './risk-evaluation';
import { RiskRules } from './risk-rules';
import { TraderHistoryService } from './trader-history.service';

const SWEEP_BATCH = 100;

@Injectable()
export class RiskService implements OnModuleInit {
  private readonly selection: RandomSelection;

  constructor(
    @InjectModel(RiskAssessment.name) private readonly assessments: Model<RiskAssessment>,
    private readonly tasks: TasksService,
    private readonly events: EventFactory,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
    private readonly rules: RiskRules,
    private readonly traderHistory: TraderHistoryService,
    config: InspectionConfig,
  ) {
    this.selection = { rate: config.RISK_RANDOM_RATE, seed: config.RISK_SEED };
  }

  onModuleInit(): void {
    this.relay.watch(this.assessments as unknown as OutboxModel);
  }

  /**
   * Assesses an accepted declaration once. A redelivery finds the stored assessment and only finishes
   * what a crash may have left undone: opening its task.
   */
  async assess(event: IncomingEvent<'DeclarationAccepted'>): Promise<void> {
    const stored = await this.assessments.findById(event.payload.declarationId, { outbox: 0 }).lean();
    await this.openTaskOf(stored ?? (await this.record(event)));
  }

  /** Opens the tasks that a crash (or a dead-lettered handler) left unopened; returns how many it saw. */
  async openPendingTasks(): Promise<number> {
    const pending = await this.assessments
      .find(
        { taskId: { $ne: '' }, taskOpenedAt: { $exists: false }, withdrawnAt: { $exists: false } },
        { outbox: 0 },
      )
      .limit(SWEEP_BATCH)
      .lean();
    for (const assessment of pending) await this.openTaskOf(assessment);
    return pending.length;
  }

  async latestFor(shipmentId: string): Promise<RiskAssessmentView> {
    const latest = await this.assessments
      .findOne({ shipmentId }, { outbox: 0 })
      .sort({ assessedAt: -1 })
      .lean();
    if (!latest) {
      throw new DomainError(
        'INSPECTION.ASSESSMENT_NOT_FOUND',
        `no risk assessment for shipment ${shipmentId}`,
        HttpStatus.NOT_FOUND,
      );
    }
    return RiskAssessmentView.of(latest);
  }

  /**
   * The assessment, its task id and RiskAssessed go in one single-document insert: either all exist or
   * none does. The task itself is opened afterwards from this record (see openTaskOf). The importer's
   * history is what this service has heard of its decided inspections so far, and is stored with the
   * assessment so the outcome can be explained (and re-evaluated) later.
   */
  private async record(event: IncomingEvent<'DeclarationAccepted'>): Promise<RiskAssessment> {
    const declaration = event.payload;
    const fields = await this.evaluate(event, `RiskAssessed:${declaration.declarationId}`, 1);
    try {
      const created = await this.assessments.findOneAndUpdate(
        { _id: declaration.declarationId },
        { $setOnInsert: fields },
        { upsert: true, new: true, lean: true },
      );
      this.relay.nudge();
      if (created) return created;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // another writer inserted it at the same moment: its assessment (and its event) is the one
    const existing = await this.assessments.findById(declaration.declarationId, { outbox: 0 }).lean();
    if (!existing) throw new Error(`risk assessment ${declaration.declarationId} vanished after upsert`);
    return existing;
  }

  /**
   * The declaration was withdrawn: no task will be opened for it, and an open one is closed, so that no
   * officer works on it and no tacit approval is recorded for it. Idempotent.
   */
  async withdraw(declarationId: string, at: Date): Promise<void> {
    await this.assessments.updateOne(
      { _id: declarationId, withdrawnAt: { $exists: false } },
      { $set: { withdrawnAt: at } },
    );
    await this.tasks.close(declarationId, 'withdrawn', at);
  }

  /** Idempotent: the task upsert is keyed by the task id the assessment holds. */
  private async openTaskOf(assessment: RiskAssessment): Promise<void> {
    if (
      assessment.channel === 'GREEN' ||
      !assessment.taskId ||
      assessment.taskOpenedAt ||
      assessment.withdrawnAt
    )
      return;
    await this.tasks.open({
      taskId: assessment.taskId,
      assessmentId: assessment.assessmentId,
      declarationId: assessment._id,
      shipmentId: assessment.shipmentId,
      channel: assessment.channel,
      greenChannel: assessment.greenChannel,
      openedAt: new Date(assessment.assessedAt),
      correlationId: assessment.correlationId,
      causationId: assessment.riskAssessedEventId,
    });
    await this.assessments.updateOne(
      { _id: assessment._id, taskOpenedAt: { $exists: false } },
      { $set: { taskOpenedAt: this.clock.now() } },
    );
  }

  /**
   * An amendment changed the data set: the previous version's undecided task is closed and the risk is
   * assessed again (a new channel, task and RiskAssessed), once per version.
   */
  async reassess(event: IncomingEvent<'DeclarationAmended'>): Promise<void> {
    const { declarationId, version } = event.payload;
    const stored = await this.assessments.findById(declarationId, { outbox: 0 }).lean();
    if (stored && (stored.version ?? 1) >= version) return this.openTaskOf(stored);
    const fields = await this.evaluate(event, `RiskAssessed:${declarationId}:v${version}`, version);
    await this.tasks.close(declarationId, 'superseded', new Date(event.time));
    // the new RiskAssessed joins the outbox (an older one may still wait there to be relayed)
    const { outbox, outboxPending, ...assessment } = fields;
    await this.assessments.updateOne(
      { _id: declarationId, $or: [{ version: { $exists: false } }, { version: { $lt: version } }] },
      { ...withState(stageEvents(outbox), assessment), $unset: { taskOpenedAt: 1 } },
      { upsert: !stored },
    );
    this.relay.nudge();
    const current = await this.assessments.findById(declarationId, { outbox: 0 }).lean();
    if (current) await this.openTaskOf(current);
  }

  /** The assessment of one version of a declaration, with its RiskAssessed staged (not yet stored). */
  private async evaluate(
    event: IncomingEvent<'DeclarationAccepted' | 'DeclarationAmended'>,
    decision: string,
    version: number,
  ): Promise<Omit<RiskAssessment, '_id'>> {
    const declaration = event.payload;
    const history = await this.traderHistory.historyOf(declaration.importerId);
    const outcome = evaluateRisk(declaration, this.rules, this.selection, history);
    const assessmentId = randomUUID();
    const taskId = outcome.channel === 'GREEN' ? '' : randomUUID();
    const riskAssessed = this.events.create(
      'RiskAssessed',
      {
        shipmentId: declaration.shipmentId,
        declarationId: declaration.declarationId,
        assessmentId,
        channel: outcome.channel,
        score: outcome.score,
        reasons: outcome.reasons,
        taskId,
      },
      { causedBy: event, decision },
    );
    const fields: Omit<RiskAssessment, '_id'> = {
      assessmentId,
      shipmentId: declaration.shipmentId,
      importerId: declaration.importerId,
      channel: outcome.channel,
      score: outcome.score,
      reasons: outcome.reasons,
      matchedRules: outcome.matchedRules,
      randomlySelected: outcome.randomlySelected,
      greenChannel: declaration.greenChannel,
      traderHistory: history,
      assessedAt: new Date(riskAssessed.time),
      taskId,
      correlationId: riskAssessed.correlationId,
      riskAssessedEventId: riskAssessed.id,
      outbox: [riskAssessed],
      outboxPending: true,
      version,
    };
    return fields;
  }
}
