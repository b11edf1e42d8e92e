import { Injectable } from '@nestjs/common';
import type {
  AgencyDecisionRecordedPayload,
  CloudEventMeta,
  PaymentSettledPayload,
  RiskChannel,
} from '@tongguan/contracts';
import { INSPECTION_AGENCY } from '../declarations/approvals';
import { DeclarationRepository } from '../declarations/declaration.repository';
import { DeclarationTransitions } from '../declarations/declaration-transitions';

/**
 * The customs release decision. Facts (risk channel, inspection outcome, agency decisions, payment,
 * gate-out) arrive as events in any order; each is applied by the declaration's lifecycle, which releases
 * in the same write once accepted, cleared, approved by every agency its routing requires and paid, so
 * deciding twice never releases twice.
 */
@Injectable()
export class ReleaseService {
  constructor(
    private readonly declarations: DeclarationRepository,
    private readonly transitions: DeclarationTransitions,
  ) {}

  async recordRisk(declarationId: string, channel: RiskChannel, taskId: string, cause: CloudEventMeta) {
    await this.transitions.apply(declarationId, { kind: 'risk-assessed', channel, taskId }, cause);
  }

  /** A result for the current version's task clears inspection; one for a task an amendment replaced is stale. */
  async recordInspectionCleared(
    declarationId: string,
    taskId: string,
    cause: CloudEventMeta,
    reason: string,
  ) {
    await this.transitions.apply(declarationId, { kind: 'inspection-cleared', taskId, reason }, cause);
  }

  async refuse(declarationId: string, taskId: string, reasons: string[], cause: CloudEventMeta) {
    await this.transitions.apply(declarationId, { kind: 'inspection-failed', taskId, reasons }, cause);
  }

  /**
   * An agency's decision on an approval the declaration's routing requires: the acceptance review
   * accepts or rejects, any other grants one approval towards release or refuses it. Inspection's own
   * steps are left out: its results already clear inspection (InspectionCompleted,
   * InspectionDeemedApproved).
   */
  async recordAgencyDecision(decision: AgencyDecisionRecordedPayload, cause: CloudEventMeta): Promise<void> {
    if (decision.agency === INSPECTION_AGENCY) return;
    const { declarationId, shipmentId } = decision;
    const declaration = await this.declarations.findById(declarationId, { shipmentId: 1 });
    if (!declaration || declaration.shipmentId !== shipmentId) {
      // thrown, so that the consumer retries and then parks it on the dead-letter topic, in view
      throw new Error(
        `AgencyDecisionRecorded of task ${decision.taskId} names declaration ${declarationId} of ${shipmentId}: no such declaration`,
      );
    }
    const fact = {
      kind: 'agency-decided' as const,
      agency: decision.agency,
      step: decision.step,
      outcome: decision.outcome,
      decidedBy: decision.decidedBy,
      reasons: decision.reasons,
      openedAt: new Date(decision.openedAt),
      at: new Date(cause.time),
    };
    await this.transitions.apply(declarationId, fact, cause);
  }

  /**
   * A settlement counts for the declaration it names, never for whichever declaration holds the B/L,
   * and for the duties and taxes it collected, checked against the current version's assessment.
   */
  async recordPayment(settled: PaymentSettledPayload, cause: CloudEventMeta): Promise<void> {
    const { declarationId, shipmentId } = settled;
    const declaration = await this.declarations.findById(declarationId, { shipmentId: 1 });
    if (!declaration || declaration.shipmentId !== shipmentId) {
      // thrown, so that the consumer retries and then parks it on the dead-letter topic, in view
      throw new Error(
        `PaymentSettled ${settled.paymentId} names declaration ${declarationId} of ${shipmentId}: no such declaration`,
      );
    }
    const settlement = {
      paymentId: settled.paymentId,
      receiptNumber: settled.receiptNumber,
      declarationVersion: settled.declarationVersion,
      currency: settled.currency,
      coveredMinor: settled.dutiesAndTaxesMinor,
      method: settled.method,
      settledAt: new Date(cause.time),
    };
    await this.transitions.apply(declarationId, { kind: 'settled', settlement }, cause);
  }

  async recordGateOut(shipmentId: string, cause: CloudEventMeta): Promise<void> {
    const declaration = await this.declarations.activeFor(shipmentId, { _id: 1 });
    if (declaration) {
      await this.transitions.apply(declaration._id, { kind: 'goods-exited', via: 'gate-out' }, cause);
    }
  }

  /** The terminal let the export goods in against this declaration: release for loading may follow. */
  async recordExportGateIn(declarationId: string, shipmentId: string, cause: CloudEventMeta): Promise<void> {
    const declaration = await this.declarations.findById(declarationId, { shipmentId: 1 });
    // the terminal checked an accepted declaration: one it names but this service lacks is a fault in view
    if (!declaration || declaration.shipmentId !== shipmentId) {
      throw new Error(
        `ExportGateInRecorded names declaration ${declarationId} of ${shipmentId}: no such declaration`,
      );
    }
    await this.transitions.apply(declarationId, { kind: 'goods-at-port' }, cause);
  }

  /** The vessel left with the export goods on board: goods exited. */
  async recordDeparture(shipmentId: string, cause: CloudEventMeta): Promise<void> {
    const declaration = await this.declarations.activeFor(shipmentId, { _id: 1 });
    if (declaration) {
      await this.transitions.apply(declaration._id, { kind: 'goods-exited', via: 'departure' }, cause);
    }
  }
}
