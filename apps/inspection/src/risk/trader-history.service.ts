import { Injectable, Logger } from '@nestjs/common';
import { RiskAssessmentRepository } from './risk-assessment.repository';
import type { TraderHistory } from './risk-evaluation';
import { TraderHistoryRepository } from './trader-history.repository';
import { countedAs, type InspectionOutcome } from './trader-history.schema';

export interface DecidedInspection {
  declarationId: string;
  taskId: string;
  shipmentId: string;
  outcome: InspectionOutcome;
  decidedAt: Date;
}

/** Each importer's inspection record, fed by the task decisions and read by the risk assessment. */
@Injectable()
export class TraderHistoryService {
  private readonly logger = new Logger(TraderHistoryService.name);

  constructor(
    private readonly history: TraderHistoryRepository,
    private readonly assessments: RiskAssessmentRepository,
  ) {}

  /**
   * Records a decided inspection against the importer of its declaration, found through the stored risk
   * assessment (the task events do not name the importer), and counts it in the importer's tally.
   * Idempotent: a redelivered decision, or a second decision of the same declaration, finds the first
   * one recorded and counts nothing twice.
   */
  async record(decision: DecidedInspection): Promise<void> {
    const { declarationId, ...fields } = decision;
    const assessment = await this.assessments.findById(declarationId, { importerId: 1 });
    if (!assessment) {
      // every task is opened from an assessment of this database: nothing to join, and retrying won't help
      this.logger.warn(`no risk assessment for declaration ${declarationId}: not counted`);
      return;
    }
    const inspection = await this.history.recordDecision({
      _id: declarationId,
      importerId: assessment.importerId,
      ...fields,
    });
    if (inspection.counted) return;
    const counter = countedAs(inspection.outcome);
    if (counter) await this.history.count(inspection.importerId, declarationId, counter);
    await this.history.markCounted(declarationId);
  }

  /** Passed and failed inspections of the importer so far; tacit approvals count as neither. */
  async historyOf(importerId: string): Promise<TraderHistory> {
    return this.history.historyOf(importerId);
  }
}
