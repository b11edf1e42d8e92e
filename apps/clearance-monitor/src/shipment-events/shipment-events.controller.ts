import { Controller } from '@nestjs/common';
import type { CloudEvent, EventName } from '@tongguan/contracts';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import { AuditService } from '../audit/audit.service';
import { TimelinesService } from '../timelines/timelines.service';

/** Every pipeline event the monitor records (clearance alerts are its own output, not an input). */
const PIPELINE_EVENTS = [
  'CargoArrived',
  'DeclarationLodged',
  'DeclarationAccepted',
  'DeclarationAmended',
  'DeclarationStatusChanged',
  'DutyAssessed',
  'DeclarationWithdrawn',
  'RiskAssessed',
  'DocumentsRequested',
  'DocumentsSubmitted',
  'InspectionCompleted',
  'InspectionDeemedApproved',
  'PaymentRequested',
  'PaymentSettled',
  'ShipmentReleased',
  'ReleaseRefused',
  'GateOutRecorded',
  'GateOutRefused',
] as const satisfies readonly EventName[];

/** Decisions on the record that do not move a TRS stamp: audited only. */
const AUDIT_ONLY_EVENTS = [
  'GateInRecorded',
  'CustomsHoldPlaced',
  'CustomsHoldLifted',
  'PickupBooked',
  'PickupCancelled',
] as const satisfies readonly EventName[];

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

  @OnEvent(...PIPELINE_EVENTS)
  async record(event: IncomingEvent<(typeof PIPELINE_EVENTS)[number]>): Promise<void> {
    const plain = event as CloudEvent<Record<string, any>>;
    await this.timelines.fold(plain);
    await this.audit.append(plain);
  }

  @OnEvent(...AUDIT_ONLY_EVENTS)
  async recordDecision(event: IncomingEvent<(typeof AUDIT_ONLY_EVENTS)[number]>): Promise<void> {
    await this.audit.append(event as CloudEvent<Record<string, any>>);
  }
}
