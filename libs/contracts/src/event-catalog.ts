import { ClearanceSlaAtRisk } from './clearance/clearance-sla-at-risk.event';
import { ClearanceSlaBreached } from './clearance/clearance-sla-breached.event';
import { ComplaintEscalated } from './clearance/complaint-escalated.event';
import { ApprovalsRequested } from './declaration/approvals-requested.event';
import { AgencyDecisionRecorded } from './inspection/agency-decision-recorded.event';
import { DeclarationAccepted } from './declaration/declaration-accepted.event';
import { DeclarationAmended } from './declaration/declaration-amended.event';
import { DeclarationLodged } from './declaration/declaration-lodged.event';
import { DeclarationStatusChanged } from './declaration/declaration-status-changed.event';
import { DeclarationWithdrawn } from './declaration/declaration-withdrawn.event';
import { DocumentsSubmitted } from './declaration/documents-submitted.event';
import { DutyAssessed } from './declaration/duty-assessed.event';
import { ReleaseRefused } from './declaration/release-refused.event';
import { ShipmentReleased } from './declaration/shipment-released.event';
import type { EventDefinition } from './event-definition';
import { DocumentsRequested } from './inspection/documents-requested.event';
import { InspectionCompleted } from './inspection/inspection-completed.event';
import { InspectionDeemedApproved } from './inspection/inspection-deemed-approved.event';
import { RiskAssessed } from './inspection/risk-assessed.event';
import { PaymentRequested } from './logistics/payment-requested.event';
import { PaymentSettled } from './logistics/payment-settled.event';
import { BillOfLadingAmended } from './port/bill-of-lading-amended.event';
import { BillOfLadingManifested } from './port/bill-of-lading-manifested.event';
import { BillOfLadingWithdrawn } from './port/bill-of-lading-withdrawn.event';
import { CargoArrived } from './port/cargo-arrived.event';
import { GateOutRecorded } from './port/gate-out-recorded.event';
import { GateOutRefused } from './port/gate-out-refused.event';
import { GateInRecorded } from './port/gate-in-recorded.event';
import { CustomsHoldPlaced } from './port/customs-hold-placed.event';
import { CustomsHoldLifted } from './port/customs-hold-lifted.event';
import { PickupBooked } from './logistics/pickup-booked.event';
import { PickupCancelled } from './logistics/pickup-cancelled.event';
import { ExportGateInRecorded } from './exports/export-gate-in-recorded.event';
import { ExportGateInRefused } from './exports/export-gate-in-refused.event';
import { GoodsDeparted } from './exports/goods-departed.event';
import { LoadingIncident } from './exports/loading-incident.event';
import { ReleasedForLoading } from './exports/released-for-loading.event';

/** Every event of the platform, by a short name; the compiler checks publishers and handlers against it. */
export const Events = {
  BillOfLadingManifested,
  BillOfLadingAmended,
  BillOfLadingWithdrawn,
  CargoArrived,
  GateInRecorded,
  GateOutRecorded,
  GateOutRefused,
  CustomsHoldPlaced,
  CustomsHoldLifted,
  ExportGateInRecorded,
  ExportGateInRefused,
  LoadingIncident,
  GoodsDeparted,
  DeclarationLodged,
  DeclarationAccepted,
  DeclarationAmended,
  DutyAssessed,
  ApprovalsRequested,
  ShipmentReleased,
  ReleasedForLoading,
  ReleaseRefused,
  DeclarationWithdrawn,
  DeclarationStatusChanged,
  DocumentsSubmitted,
  RiskAssessed,
  DocumentsRequested,
  InspectionCompleted,
  InspectionDeemedApproved,
  AgencyDecisionRecorded,
  PaymentRequested,
  PaymentSettled,
  PickupBooked,
  PickupCancelled,
  ClearanceSlaAtRisk,
  ClearanceSlaBreached,
  ComplaintEscalated,
} as const;

type Catalog = typeof Events;
export type EventName = keyof Catalog;
export type EventTypeOf<N extends EventName> = Catalog[N]['type'];
export type PayloadOf<N extends EventName> = InstanceType<Catalog[N]['payload']>;
/** The plain JSON shape a publisher passes (no class instance needed). */
export type PayloadInput<N extends EventName> = { [K in keyof PayloadOf<N>]: PayloadOf<N>[K] };

const byType = new Map<string, EventDefinition>(
  Object.values(Events).map((d) => [d.type, d as EventDefinition]),
);

export function definitionOfType(type: string): EventDefinition | undefined {
  return byType.get(type);
}

export function eventNameOfType(type: string): EventName | undefined {
  return (Object.keys(Events) as EventName[]).find((name) => Events[name].type === type);
}
