import type { EventName } from '@tongguan/contracts';
import type { NamedEvent } from '@tongguan/contracts';

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
  /** The declaration the decision was about, when its event names one (whose trail it is: audit-ownership). */
  declarationId?: string;
  /** The importer the decision concerned, when its event names one. */
  importerId?: string;
}

/**
 * The monitor's own output: an SLA alert is not a decision on the record, and the complaint centre
 * audits its complaints' moves itself.
 */
export const NOT_AUDITED = [
  'ClearanceSlaAtRisk',
  'ClearanceSlaBreached',
  'ComplaintEscalated',
] as const satisfies readonly EventName[];
export type AuditedEventName = Exclude<EventName, (typeof NOT_AUDITED)[number]>;
export type AuditedEvent = NamedEvent<AuditedEventName>;

type Decision = Pick<AuditEntry, 'actor' | 'role' | 'action' | 'reasons'>;

const SYSTEM = { customs: 'customs', inspection: 'inspection', port: 'port', logistics: 'logistics-trading' };

const by = (actor: string, role: string, action: string, reasons: string[] = []): Decision => ({
  actor,
  role,
  action,
  reasons,
});

/** Who decided what, and why, as each event of the catalog says it. */
export function decisionOf({ name, payload: p }: AuditedEvent): Decision {
  switch (name) {
    case 'BillOfLadingManifested':
      return by(p.carrierPartyId, 'carrier', `manifested on vessel call ${p.vesselCallId}`, [
        `consignee ${p.consigneePartyId}`,
      ]);
    case 'BillOfLadingAmended':
      return by(p.carrierPartyId, 'carrier', `manifest line amended (revision ${p.revision})`, [
        `consignee ${p.consigneePartyId}`,
      ]);
    case 'BillOfLadingWithdrawn':
      return by(
        p.withdrawnBy,
        p.withdrawnByRole,
        `manifest line withdrawn from vessel call ${p.vesselCallId}`,
        [p.reason],
      );
    case 'CargoArrived':
      return by(SYSTEM.port, 'port', `cargo discharged from ${p.vesselName} voyage ${p.voyage}`);
    case 'DeclarationLodged':
      return by(
        p.filerId,
        p.direction === 'export' && p.filerId === p.importerId ? 'exporter' : 'importer',
        `${p.direction === 'export' ? 'export ' : ''}declaration ${p.declarationId} lodged${p.greenChannel ? ' (green channel)' : ''}`,
        p.filerId === p.importerId
          ? []
          : [
              `broker authorised by the ${p.direction === 'export' ? 'exporter' : 'consignee'} ${p.importerId}`,
            ],
      );
    case 'DeclarationAccepted':
      return by(SYSTEM.customs, 'customs', `declaration ${p.declarationId} accepted`, ['complete filing']);
    case 'DeclarationAmended':
      return by(p.importerId, 'importer', `declaration ${p.declarationId} amended to version ${p.version}`, [
        p.reason,
      ]);
    case 'DeclarationStatusChanged':
      return by(SYSTEM.customs, 'customs', `declaration ${p.declarationId} now ${p.status}`, [p.reason]);
    case 'DeclarationWithdrawn':
      return by(p.importerId, 'importer', `declaration ${p.declarationId} withdrawn`, [p.reason]);
    case 'DutyAssessed':
      return by(
        SYSTEM.customs,
        'customs',
        `duty ${p.dutyMinor} and VAT ${p.vatMinor} ${p.currency} (minor units) assessed`,
      );
    case 'RiskAssessed':
      return by(SYSTEM.inspection, 'inspection', `risk channel ${p.channel} (score ${p.score})`, p.reasons);
    case 'DocumentsRequested':
      return by(
        p.officerId,
        'inspection',
        'documents requested from the importer',
        p.documents.map((d) => `${d.code}: ${d.description}`),
      );
    case 'DocumentsSubmitted':
      return by(
        p.importerId,
        'importer',
        `documents submitted in one resubmission (notice ${p.noticeId})`,
        p.documents.map((d) => `${d.agency} ${d.code}: ${d.documentRef}`),
      );
    case 'InspectionCompleted':
      return by(p.officerId, 'inspection', `inspection ${p.result}`, p.findings);
    case 'InspectionDeemedApproved':
      return by(SYSTEM.inspection, 'inspection', 'deemed approved (tacit approval)', [p.reason]);
    case 'PaymentRequested':
      return by(
        SYSTEM.logistics,
        'logistics',
        `payment of ${p.totalMinor} ${p.currency} (minor units) requested`,
      );
    case 'PaymentSettled':
      return by(p.importerId, 'importer', `payment settled by ${p.method}, receipt ${p.receiptNumber}`);
    case 'ApprovalsRequested':
      return by(
        SYSTEM.customs,
        'customs',
        p.approvals.length === 0
          ? `declaration ${p.declarationId} version ${p.declarationVersion}: no agency approval to request`
          : `declaration ${p.declarationId} version ${p.declarationVersion} sent to ${p.approvals.map((a) => `${a.agency}/${a.step}`).join(', ')}`,
        p.approvals.map((a) => `${a.agency}/${a.step}: rules ${a.ruleIds.join(', ')}`),
      );
    case 'AgencyDecisionRecorded':
      return by(
        p.decidedBy,
        p.agency,
        `${p.agency}/${p.step} ${p.outcome === 'deemed-approved' ? 'deemed approved (tacit approval)' : p.outcome}`,
        [
          `${p.decisionHours} of ${p.limitHours} working hours${p.withinLimit ? '' : ', over the limit'}`,
          ...p.reasons,
        ],
      );
    case 'ShipmentReleased':
      return by(SYSTEM.customs, 'customs', 'released', [
        'accepted, inspection cleared, every required agency approval given, and paid',
      ]);
    case 'ReleaseRefused':
      return by(SYSTEM.customs, 'customs', 'release refused', p.reasons);
    case 'PickupBooked':
      return by(
        p.carrierId,
        'carrier',
        `pickup booked at ${p.terminal} for ${p.slotStart}, truck ${p.truckPlate}`,
      );
    case 'PickupCancelled':
      return by(p.cancelledBy, 'logistics', `pickup booking ${p.bookingId} cancelled`, [p.reason]);
    case 'CustomsHoldPlaced':
      return by(p.placedBy, 'customs', 'customs hold placed at the terminal', [p.reason]);
    case 'CustomsHoldLifted':
      return by(p.liftedBy, 'customs', 'customs hold lifted', [p.reason]);
    case 'GateInRecorded':
      return by(SYSTEM.port, 'port', `gate-in by truck ${p.truckPlate}`);
    case 'GateOutRecorded':
      return by(SYSTEM.port, 'port', `gate-out by truck ${p.truckPlate}`);
    case 'GateOutRefused':
      return by(SYSTEM.port, 'port', `gate-out refused to truck ${p.truckPlate}`, p.reasons);
    case 'ExportGateInRecorded':
      return by(SYSTEM.port, 'port', `export gate-in by truck ${p.truckPlate}`, [
        `containers ${p.containerNumbers.join(', ')} against declaration ${p.declarationId}`,
      ]);
    case 'ExportGateInRefused':
      return by(SYSTEM.port, 'port', `export gate-in refused to truck ${p.truckPlate}`, p.reasons);
    case 'ReleasedForLoading':
      return by(SYSTEM.customs, 'customs', 'released for loading', [
        'accepted, checks cleared, every required agency approval given, paid, and the goods at the port',
      ]);
    case 'LoadingIncident':
      return by(SYSTEM.port, 'port', `loading incident on vessel call ${p.vesselCallId}`, [
        `${p.containerNumber}: ${p.reason}`,
      ]);
    case 'GoodsDeparted':
      return by(SYSTEM.port, 'port', `goods departed on ${p.vesselName} voyage ${p.voyage}`, [
        `containers ${p.containerNumbers.join(', ')}`,
      ]);
  }
}

export function auditEntryOf(event: AuditedEvent): AuditEntry {
  const { declarationId, importerId } = event.payload as { declarationId?: unknown; importerId?: unknown };
  return {
    eventId: event.id,
    shipmentId: event.subject,
    at: new Date(event.time).toISOString(),
    service: event.source,
    type: event.type,
    ...decisionOf(event),
    ...(typeof declarationId === 'string' ? { declarationId } : {}),
    ...(typeof importerId === 'string' ? { importerId } : {}),
  };
}
