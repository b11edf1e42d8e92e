import { Controller } from '@nestjs/common';
import type { CloudEvent } from '@tongguan/contracts';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { AuditService } from '../audit/audit.service';
import { TimelinesService } from '../timelines/timelines.service';

type AnyEvent = CloudEvent<Record<string, any>>;

/**
 * Folds the four pipeline topics into one timeline per shipment and appends each decision to the
 * shipment's audit trail. Both are idempotent, so a redelivery changes nothing.
 */
@Controller()
export class ShipmentEventsController {
  constructor(
    private readonly timelines: TimelinesService,
    private readonly audit: AuditService,
  ) {}

  private async record(event: AnyEvent): Promise<void> {
    await this.timelines.fold(event);
    await this.audit.append(event);
  }

  @OnEvent('CargoArrived') async onCargoArrived(e: IncomingEvent<'CargoArrived'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('DeclarationLodged') async onLodged(e: IncomingEvent<'DeclarationLodged'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('DeclarationAccepted') async onAccepted(e: IncomingEvent<'DeclarationAccepted'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('DutyAssessed') async onDutyAssessed(e: IncomingEvent<'DutyAssessed'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('RiskAssessed') async onRiskAssessed(e: IncomingEvent<'RiskAssessed'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('InspectionCompleted') async onInspected(e: IncomingEvent<'InspectionCompleted'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('InspectionDeemedApproved') async onDeemed(e: IncomingEvent<'InspectionDeemedApproved'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('PaymentRequested') async onPaymentRequested(e: IncomingEvent<'PaymentRequested'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('PaymentSettled') async onPaid(e: IncomingEvent<'PaymentSettled'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('ShipmentReleased') async onReleased(e: IncomingEvent<'ShipmentReleased'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('ReleaseRefused') async onRefused(e: IncomingEvent<'ReleaseRefused'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('DeclarationWithdrawn')
  async onWithdrawn(e: IncomingEvent<'DeclarationWithdrawn'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('DocumentsRequested')
  async onDocumentsRequested(e: IncomingEvent<'DocumentsRequested'>) {
    await this.record(e as AnyEvent);
  }

  @OnEvent('DocumentsSubmitted')
  async onDocumentsSubmitted(e: IncomingEvent<'DocumentsSubmitted'>) {
    await this.record(e as AnyEvent);
  }

  @OnEvent('GateOutRecorded') async onGateOut(e: IncomingEvent<'GateOutRecorded'>) {
    await this.record(e as AnyEvent);
  }
  @OnEvent('GateOutRefused') async onGateOutRefused(e: IncomingEvent<'GateOutRefused'>) {
    await this.record(e as AnyEvent);
  }
}
