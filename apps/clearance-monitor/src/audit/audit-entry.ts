import type { CloudEvent } from '@tongguan/contracts';

/** One decision on the record: who (party and role), what, when and why. */
export interface AuditEntry {
  eventId: string;
  shipmentId: string;
  at: string;
  service: string;
  type: string;
  actor: string;
  role: string;
  action: string;
  reasons: string[];
}

type Describe = (p: Record<string, any>) => Pick<AuditEntry, 'actor' | 'role' | 'action' | 'reasons'>;

const SYSTEM = { customs: 'customs', inspection: 'inspection', port: 'port', logistics: 'logistics-trading' };

/** What each event says about who decided what; events of the catalog that are not decisions are absent. */
const DESCRIPTIONS: Record<string, Describe> = {
  'tongguan.port.CargoArrived.v1': (p) => ({
    actor: SYSTEM.port,
    role: 'port',
    action: `cargo discharged from ${p.vesselName} voyage ${p.voyage}`,
    reasons: [],
  }),
  'tongguan.declaration.DeclarationLodged.v1': (p) => ({
    actor: p.importerId,
    role: 'importer',
    action: `declaration ${p.declarationId} lodged${p.greenChannel ? ' (green channel)' : ''}`,
    reasons: [],
  }),
  'tongguan.declaration.DeclarationAccepted.v1': (p) => ({
    actor: SYSTEM.customs,
    role: 'customs',
    action: `declaration ${p.declarationId} accepted`,
    reasons: ['complete filing'],
  }),
  'tongguan.declaration.DeclarationAmended.v1': (p) => ({
    actor: p.importerId,
    role: 'importer',
    action: `declaration ${p.declarationId} amended to version ${p.version}`,
    reasons: [p.reason],
  }),
  'tongguan.declaration.DeclarationStatusChanged.v1': (p) => ({
    actor: SYSTEM.customs,
    role: 'customs',
    action: `declaration ${p.declarationId} now ${p.status}`,
    reasons: [p.reason],
  }),
  'tongguan.declaration.DeclarationWithdrawn.v1': (p) => ({
    actor: p.importerId,
    role: 'importer',
    action: `declaration ${p.declarationId} withdrawn`,
    reasons: [p.reason],
  }),
  'tongguan.declaration.DutyAssessed.v1': (p) => ({
    actor: SYSTEM.customs,
    role: 'customs',
    action: `duty ${p.dutyMinor} and VAT ${p.vatMinor} ${p.currency} (minor units) assessed`,
    reasons: [],
  }),
  'tongguan.inspection.RiskAssessed.v1': (p) => ({
    actor: SYSTEM.inspection,
    role: 'inspection',
    action: `risk channel ${p.channel} (score ${p.score})`,
    reasons: p.reasons,
  }),
  'tongguan.inspection.DocumentsRequested.v1': (p) => ({
    actor: p.officerId,
    role: 'inspection',
    action: 'documents requested from the importer',
    reasons: (p.documents as { code: string; description: string }[]).map(
      (d) => `${d.code}: ${d.description}`,
    ),
  }),
  'tongguan.declaration.DocumentsSubmitted.v1': (p) => ({
    actor: p.importerId,
    role: 'importer',
    action: `documents submitted in one resubmission (notice ${p.noticeId})`,
    reasons: (p.documents as { agency: string; code: string; documentRef: string }[]).map(
      (d) => `${d.agency} ${d.code}: ${d.documentRef}`,
    ),
  }),
  'tongguan.inspection.InspectionCompleted.v1': (p) => ({
    actor: p.officerId,
    role: 'inspection',
    action: `inspection ${p.result}`,
    reasons: p.findings,
  }),
  'tongguan.inspection.InspectionDeemedApproved.v1': (p) => ({
    actor: SYSTEM.inspection,
    role: 'inspection',
    action: 'deemed approved (tacit approval)',
    reasons: [p.reason],
  }),
  'tongguan.logistics.PaymentRequested.v1': (p) => ({
    actor: SYSTEM.logistics,
    role: 'logistics',
    action: `payment of ${p.totalMinor} ${p.currency} (minor units) requested`,
    reasons: [],
  }),
  'tongguan.logistics.PaymentSettled.v1': (p) => ({
    actor: p.importerId,
    role: 'importer',
    action: `payment settled by ${p.method}, receipt ${p.receiptNumber}`,
    reasons: [],
  }),
  'tongguan.declaration.ShipmentReleased.v1': () => ({
    actor: SYSTEM.customs,
    role: 'customs',
    action: 'released',
    reasons: ['accepted, inspection cleared and paid'],
  }),
  'tongguan.declaration.ReleaseRefused.v1': (p) => ({
    actor: SYSTEM.customs,
    role: 'customs',
    action: 'release refused',
    reasons: p.reasons,
  }),
  'tongguan.logistics.PickupBooked.v1': (p) => ({
    actor: p.carrierId,
    role: 'carrier',
    action: `pickup booked at ${p.terminal} for ${p.slotStart}, truck ${p.truckPlate}`,
    reasons: [],
  }),
  'tongguan.logistics.PickupCancelled.v1': (p) => ({
    actor: p.cancelledBy,
    role: 'logistics',
    action: `pickup booking ${p.bookingId} cancelled`,
    reasons: [p.reason],
  }),
  'tongguan.port.CustomsHoldPlaced.v1': (p) => ({
    actor: p.placedBy,
    role: 'customs',
    action: 'customs hold placed at the terminal',
    reasons: [p.reason],
  }),
  'tongguan.port.CustomsHoldLifted.v1': (p) => ({
    actor: p.liftedBy,
    role: 'customs',
    action: 'customs hold lifted',
    reasons: [p.reason],
  }),
  'tongguan.port.GateInRecorded.v1': (p) => ({
    actor: SYSTEM.port,
    role: 'port',
    action: `gate-in by truck ${p.truckPlate}`,
    reasons: [],
  }),
  'tongguan.port.GateOutRecorded.v1': (p) => ({
    actor: SYSTEM.port,
    role: 'port',
    action: `gate-out by truck ${p.truckPlate}`,
    reasons: [],
  }),
  'tongguan.port.GateOutRefused.v1': (p) => ({
    actor: SYSTEM.port,
    role: 'port',
    action: `gate-out refused to truck ${p.truckPlate}`,
    reasons: p.reasons,
  }),
};

export const AUDITED_TYPES = Object.keys(DESCRIPTIONS);

export function auditEntryOf(event: CloudEvent<Record<string, any>>): AuditEntry | null {
  const describe = DESCRIPTIONS[event.type];
  if (!describe) return null;
  return {
    eventId: event.id,
    shipmentId: event.subject,
    at: new Date(event.time).toISOString(),
    service: event.source,
    type: event.type,
    ...describe(event.payload),
  };
}
