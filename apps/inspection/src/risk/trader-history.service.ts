import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKey } from '@tongguan/persistence';
import { RiskAssessment } from './risk-assessment.schema';
import type { TraderHistory } from './risk-evaluation';
import { TraderInspection, type InspectionOutcome } from './trader-history.schema';

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
    @InjectModel(TraderInspection.name) private readonly inspections: Model<TraderInspection>,
    @InjectModel(RiskAssessment.name) private readonly assessments: Model<RiskAssessment>,
  ) {}

  /**
   * Records a decided inspection against the importer of its declaration, found through the stored risk
   * assessment (the task events do not name the importer). Idempotent: a redelivered decision, or a
   * second decision of the same declaration, finds the first one recorded and changes nothing.
   */
  async record(decision: DecidedInspection): Promise<void> {
    const assessment = await this.assessments
      .findById(decision.declarationId, { importerId: 1 })
      .lean<Pick<RiskAssessment, 'importerId'>>();
    if (!assessment) {
      // every task is opened from an assessment of this database: nothing to join, and retrying won't help
      this.logger.warn(`no risk assessment for declaration ${decision.declarationId}: not counted`);
      return;
    }
    const { declarationId, ...fields } = decision;
    try {
      await this.inspections.create({ _id: declarationId, importerId: assessment.importerId, ...fields });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Passed and failed inspections of the importer so far; tacit approvals count as neither. */
  async historyOf(importerId: string): Promise<TraderHistory> {
    const counts = await this.inspections.aggregate<{ _id: InspectionOutcome; n: number }>([
      { $match: { importerId } },
      // one accumulator per $group: FerretDB 1.x computes only the first
      { $group: { _id: '$outcome', n: { $sum: 1 } } },
    ]);
    const count = (outcome: InspectionOutcome) => counts.find((c) => c._id === outcome)?.n ?? 0;
    return { passed: count('passed'), failed: count('failed') };
  }
}
