import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { ReleaseService } from './release.service';

/** Facts from inspection, the approving agencies, payments and the port that move a declaration towards release. */
@Controller()
export class ClearanceEventsController {
  constructor(private readonly release: ReleaseService) {}

  @OnEvent('RiskAssessed')
  async onRiskAssessed(event: IncomingEvent<'RiskAssessed'>): Promise<void> {
    await this.release.recordRisk(
      event.payload.declarationId,
      event.payload.channel,
      event.payload.taskId,
      event,
    );
  }

  @OnEvent('InspectionCompleted')
  async onInspectionCompleted(event: IncomingEvent<'InspectionCompleted'>): Promise<void> {
    const { declarationId, taskId, result, findings, officerId } = event.payload;
    if (result === 'passed') {
      await this.release.recordInspectionCleared(
        declarationId,
        taskId,
        event,
        `inspection passed (officer ${officerId})`,
      );
    } else {
      await this.release.refuse(
        declarationId,
        taskId,
        [`inspection failed: ${findings.join('; ') || 'no findings given'}`],
        event,
      );
    }
  }

  @OnEvent('InspectionDeemedApproved')
  async onInspectionDeemedApproved(event: IncomingEvent<'InspectionDeemedApproved'>): Promise<void> {
    await this.release.recordInspectionCleared(
      event.payload.declarationId,
      event.payload.taskId,
      event,
      `tacit approval: ${event.payload.reason}`,
    );
  }

  /** An approving agency's decision (an officer's, or tacit approval at the limit) on one of its steps. */
  @OnEvent('AgencyDecisionRecorded')
  async onAgencyDecisionRecorded(event: IncomingEvent<'AgencyDecisionRecorded'>): Promise<void> {
    await this.release.recordAgencyDecision(event.payload, event);
  }

  @OnEvent('PaymentSettled')
  async onPaymentSettled(event: IncomingEvent<'PaymentSettled'>): Promise<void> {
    await this.release.recordPayment(event.payload, event);
  }

  @OnEvent('ExportGateInRecorded')
  async onExportGateInRecorded(event: IncomingEvent<'ExportGateInRecorded'>): Promise<void> {
    await this.release.recordExportGateIn(event.payload.declarationId, event.payload.shipmentId, event);
  }

  @OnEvent('GoodsDeparted')
  async onGoodsDeparted(event: IncomingEvent<'GoodsDeparted'>): Promise<void> {
    await this.release.recordDeparture(event.payload.shipmentId, event);
  }

  @OnEvent('GateOutRecorded')
  async onGateOutRecorded(event: IncomingEvent<'GateOutRecorded'>): Promise<void> {
    await this.release.recordGateOut(event.payload.shipmentId, event);
  }
}
