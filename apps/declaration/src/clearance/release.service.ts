import { Injectable } from '@nestjs/common';
import type { CloudEventMeta, PaymentSettledPayload, RiskChannel } from '@tongguan/contracts';
import { DeclarationRepository } from '../declarations/declaration.repository';
import { DeclarationTransitions } from '../declarations/declaration-transitions';

/**
 * The customs release decision. Facts (risk channel, inspection outcome, payment, gate-out) arrive as
 * events in any order; each is applied by the declaration's lifecycle, which releases in the same write
 * once accepted, cleared and paid, so deciding twice never releases twice.
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
    if (declaration) await this.transitions.apply(declaration._id, { kind: 'goods-exited' }, cause);
  }
}
