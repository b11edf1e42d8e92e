import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '@tongguan/clock';
import type { CloudEvent } from '@tongguan/contracts';
import { EventFactory, OutboxRelay, stableEventId, type IncomingEvent } from '@tongguan/messaging';
import { addedLongAgo } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import { InspectionConfig } from '../config/inspection-config';
import { TasksService } from '../tasks/tasks.service';
import { assessesAgain, pendingOpening, taskToOpen } from './assessment-lifecycle';
import { RiskAssessmentView } from './risk-assessment.dto';
import { RiskAssessmentRepository, type NewAssessment } from './risk-assessment.repository';
import { evaluateRisk, type RandomSelection } from './risk-evaluation';
import { RiskRules } from './risk-rules';
import { TraderHistoryService } from './trader-history.service';

const SWEEP_BATCH = 1_000;
/**
 * Real ms after which an entry whose assessment never came is dropped: its handler was retried for
 * longer than this and gave up (dead-lettered); a redrive writes the entry again.
 */
const ABANDONED_AFTER_MS = 60 * 60_000;

@Injectable()
export class RiskService implements OnModuleInit {
  private readonly selection: RandomSelection;

  constructor(
    private readonly assessments: RiskAssessmentRepository,
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
    this.relay.watch(this.assessments.outboxModel);
  }

  /**
   * Assesses an accepted declaration once: the task is opened first, so an officer who acts on
   * RiskAssessed finds it; then the assessment, its task id and RiskAssessed go in one insert. A
   * redelivery finds the stored assessment and only finishes what a crash may have left undone.
   */
  async assess(event: IncomingEvent<'DeclarationAccepted'>): Promise<void> {
    const { declarationId } = event.payload;
    const stored = await this.assessments.findVisible(declarationId);
    if (stored) return this.openTaskOf(stored);
    const { assessment, riskAssessed } = await this.evaluate(event, `RiskAssessed:${declarationId}`, 1);
    await this.openTask(assessment);
    await this.openTaskOf(await this.assessments.record(assessment, [riskAssessed]));
  }

  /**
   * An amendment changed the data set: the previous version's undecided task is closed and the risk is
   * assessed again (a new channel, task and RiskAssessed), once per version.
   */
  async reassess(event: IncomingEvent<'DeclarationAmended'>): Promise<void> {
    const { declarationId, version } = event.payload;
    const stored = await this.assessments.findVisible(declarationId);
    if (stored && !assessesAgain(stored, version)) return this.openTaskOf(stored);
    const decision = `RiskAssessed:${declarationId}:v${version}`;
    const { assessment, riskAssessed } = await this.evaluate(event, decision, version);
    const superseded = { status: 'superseded', reason: `superseded by version ${version}` } as const;
    await this.tasks.close(declarationId, superseded, new Date(event.time));
    await this.openTask(assessment);
    await this.assessments.reassess(assessment, [riskAssessed], stored !== null);
    const current = await this.assessments.findVisible(declarationId);
    if (current) await this.openTaskOf(current);
  }

  /**
   * The declaration ended (withdrawn; or refused release: 'closed'): no task will be opened for it, and
   * an open one is closed with the reason, so that no officer works on it and no tacit approval is
   * recorded for it. Idempotent.
   */
  async closeDeclaration(
    declarationId: string,
    ending: { status: 'withdrawn' | 'closed'; reason: string },
    at: Date,
  ): Promise<void> {
    await this.assessments.markEnded(declarationId, ending.status, at);
    await this.tasks.close(declarationId, ending, at);
  }

  /**
   * Opens the tasks that a crash (or a dead-lettered handler) left unopened, from the open set of
   * pending openings; returns how many entries it saw.
   */
  async openPendingTasks(): Promise<number> {
    const pending = await this.assessments.pendingOpenings(SWEEP_BATCH);
    const assessments = await this.assessments.findVisibleMany(pending.map((e) => e.declarationId));
    for (const entry of pending) {
      const assessment = assessments.get(entry.declarationId) ?? null;
      const verdict = pendingOpening(entry, assessment);
      if (verdict === 'open' && assessment) await this.openTaskOf(assessment);
      else if (verdict === 'done') await this.assessments.openingDone(entry);
      else if (verdict === 'unwritten' && addedLongAgo(entry, ABANDONED_AFTER_MS))
        await this.assessments.openingAbandoned(entry);
    }
    return pending.length;
  }

  /** Adds an entry to the open set for every task still to open; once per process (it scans). */
  async recoverPendingOpenings(): Promise<number> {
    return this.assessments.recoverPendingOpenings();
  }

  async latestFor(shipmentId: string): Promise<RiskAssessmentView> {
    const latest = await this.assessments.latestFor(shipmentId);
    if (!latest) {
      throw new DomainError(
        'INSPECTION.ASSESSMENT_NOT_FOUND',
        `no risk assessment for shipment ${shipmentId}`,
        HttpStatus.NOT_FOUND,
      );
    }
    return RiskAssessmentView.of(latest);
  }

  /** Opens the assessment's task and records on the assessment that it is open. Idempotent. */
  private async openTaskOf(assessment: NewAssessment): Promise<void> {
    if (await this.openTask(assessment))
      await this.assessments.taskOpened(assessment._id, assessment.taskId, this.clock.now());
  }

  /** Idempotent: the task is keyed by the task id the assessment holds. False when it has none to open. */
  private async openTask(assessment: NewAssessment): Promise<boolean> {
    const task = taskToOpen(assessment);
    if (!task) return false;
    const { taskId, channel } = task;
    await this.tasks.open({
      taskId,
      assessmentId: assessment.assessmentId,
      declarationId: assessment._id,
      shipmentId: assessment.shipmentId,
      channel,
      greenChannel: assessment.greenChannel,
      openedAt: new Date(assessment.assessedAt),
      correlationId: assessment.correlationId,
      causationId: assessment.riskAssessedEventId,
    });
    return true;
  }

  /**
   * The assessment of one version of a declaration, with its RiskAssessed (not yet stored). The
   * importer's history is what this service has heard of its decided inspections so far, and is stored
   * with the assessment so the outcome can be explained (and re-evaluated) later.
   */
  private async evaluate(
    event: IncomingEvent<'DeclarationAccepted' | 'DeclarationAmended'>,
    decision: string,
    version: number,
  ): Promise<{ assessment: NewAssessment; riskAssessed: CloudEvent }> {
    const declaration = event.payload;
    const history = await this.traderHistory.historyOf(declaration.importerId);
    const outcome = evaluateRisk(declaration, this.rules, this.selection, history);
    // named after the decision, so that a redelivery after a crash opens the same task, not a second
    const assessmentId = stableEventId(`assessment:${decision}`);
    const taskId = outcome.channel === 'GREEN' ? '' : stableEventId(`task:${decision}`);
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
    const assessment: NewAssessment = {
      _id: declaration.declarationId,
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
      version,
    };
    return { assessment, riskAssessed };
  }
}
