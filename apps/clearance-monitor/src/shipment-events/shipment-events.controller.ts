import { Controller } from '@nestjs/common';
import { OnEvent, type IncomingEvent } from '@tongguan/messaging';
import type { AuditedEventName } from '../audit/audit-entry';
import { AuditService } from '../audit/audit.service';
import { nameEvent } from '@tongguan/contracts';
import { AgencyDecisionsService } from '../scorecards/agency-decisions.service';
import { FOLDED_EVENTS } from '../timelines/timeline';
import { TimelinesService } from '../timelines/timelines.service';

type FoldedName = (typeof FOLDED_EVENTS)[number];

/** Decisions the scorecards count, besides their audit entry. */
const SCORED_EVENTS = ['AgencyDecisionRecorded'] as const satisfies readonly AuditedEventName[];
type ScoredName = (typeof SCORED_EVENTS)[number];

/** Decisions on the record that do not move a TRS stamp: audited only. */
const AUDIT_ONLY_EVENTS = [
  'BillOfLadingManifested',
  'BillOfLadingAmended',
  'BillOfLadingWithdrawn',
  'GateInRecorded',
  'CustomsHoldPlaced',
  'CustomsHoldLifted',
  'PickupBooked',
  'PickupCancelled',
  'ApprovalsRequested',
  'ExportGateInRefused',
] as const satisfies readonly Exclude<AuditedEventName, FoldedName | ScoredName>[];
type AuditOnlyName = (typeof AUDIT_ONLY_EVENTS)[number];

/** Compiles only while every audited event of the catalog is folded, scored or audited only (none forgotten). */
export const EVERY_DECISION_RECORDED: Exclude<
  AuditedEventName,
  FoldedName | ScoredName | AuditOnlyName
> extends never
  ? true
  : false = true;

/**
 * Folds the four pipeline topics into one timeline per shipment, keeps the agencies' decisions for
 * their scorecards, and appends each decision to the shipment's audit trail. All are idempotent, so a
 * redelivery changes nothing.
 */
@Controller()
export class ShipmentEventsController {
  constructor(
    private readonly timelines: TimelinesService,
    private readonly audit: AuditService,
    private readonly agencyDecisions: AgencyDecisionsService,
  ) {}

  @OnEvent(...FOLDED_EVENTS)
  async record(event: IncomingEvent<FoldedName>): Promise<void> {
    const named = nameEvent(event, FOLDED_EVENTS);
    await this.timelines.fold(named);
    await this.audit.append(named);
  }

  @OnEvent(...SCORED_EVENTS)
  async recordAgencyDecision(event: IncomingEvent<ScoredName>): Promise<void> {
    const named = nameEvent(event, SCORED_EVENTS);
    await this.agencyDecisions.record(named);
    await this.audit.append(named);
  }

  @OnEvent(...AUDIT_ONLY_EVENTS)
  async recordDecision(event: IncomingEvent<AuditOnlyName>): Promise<void> {
    await this.audit.append(nameEvent(event, AUDIT_ONLY_EVENTS));
  }
}
