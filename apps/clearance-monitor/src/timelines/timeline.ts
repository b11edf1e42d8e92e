import type { CloudEvent, RiskChannel } from '@tongguan/contracts';
import { HOUR_MS } from '@tongguan/clock';

/** The Time Release Study stamps of one shipment. */
export const STAMPS = [
  'arrival',
  'lodged',
  'accepted',
  'riskAssessed',
  'inspected',
  'paid',
  'released',
  'gateOut',
] as const;
export type Stamp = (typeof STAMPS)[number];
export type Stamps = Record<Stamp, string | null>;

export type SlaState = 'on-track' | 'at-risk' | 'breached' | 'met';

export interface TimelineFacts {
  shipmentId: string;
  stamps: Stamps;
  channel: RiskChannel | null;
  greenChannel: boolean;
  declarationId: string | null;
  importerId: string | null;
  inspectionOutcome: 'passed' | 'failed' | 'deemed-approved' | null;
  refusedReasons: string[];
  /** The declaration was withdrawn: the shipment left the clearance flow (no SLA alerts). */
  withdrawn: boolean;
}

export function emptyTimeline(shipmentId: string): TimelineFacts {
  return {
    shipmentId,
    stamps: Object.fromEntries(STAMPS.map((s) => [s, null])) as Stamps,
    channel: null,
    greenChannel: false,
    declarationId: null,
    importerId: null,
    inspectionOutcome: null,
    refusedReasons: [],
    withdrawn: false,
  };
}

const STAMP_OF_TYPE: Record<string, Stamp> = {
  'tongguan.port.CargoArrived.v1': 'arrival',
  'tongguan.declaration.DeclarationLodged.v1': 'lodged',
  'tongguan.declaration.DeclarationAccepted.v1': 'accepted',
  'tongguan.inspection.RiskAssessed.v1': 'riskAssessed',
  'tongguan.inspection.InspectionCompleted.v1': 'inspected',
  'tongguan.inspection.InspectionDeemedApproved.v1': 'inspected',
  'tongguan.logistics.PaymentSettled.v1': 'paid',
  'tongguan.declaration.ShipmentReleased.v1': 'released',
  'tongguan.port.GateOutRecorded.v1': 'gateOut',
};

/**
 * Folds one event into a timeline. Each stamp keeps the earliest business time seen for its stage, and
 * every other fact is set, never toggled, so the result is the same whatever order events arrive in
 * and however often one is redelivered.
 */
export function applyEvent(timeline: TimelineFacts, event: CloudEvent<Record<string, any>>): TimelineFacts {
  const next: TimelineFacts = {
    ...timeline,
    stamps: { ...timeline.stamps },
    refusedReasons: [...timeline.refusedReasons],
  };
  const stamp = STAMP_OF_TYPE[event.type];
  if (stamp) {
    const current = next.stamps[stamp];
    const at = new Date(event.time).toISOString();
    if (current === null || at < current) next.stamps[stamp] = at;
  }
  const p = event.payload;
  if (typeof p.declarationId === 'string') next.declarationId ??= p.declarationId;
  if (typeof p.importerId === 'string') next.importerId ??= p.importerId;
  if (typeof p.greenChannel === 'boolean') next.greenChannel ||= p.greenChannel;
  switch (event.type) {
    case 'tongguan.inspection.RiskAssessed.v1':
      next.channel = p.channel as RiskChannel;
      break;
    case 'tongguan.inspection.InspectionCompleted.v1':
      next.inspectionOutcome = p.result as 'passed' | 'failed';
      break;
    case 'tongguan.inspection.InspectionDeemedApproved.v1':
      next.inspectionOutcome ??= 'deemed-approved';
      break;
    case 'tongguan.declaration.DeclarationWithdrawn.v1':
      next.withdrawn = true;
      break;
    case 'tongguan.declaration.ReleaseRefused.v1':
      for (const reason of p.reasons as string[])
        if (!next.refusedReasons.includes(reason)) next.refusedReasons.push(reason);
      break;
    default:
      break;
  }
  return next;
}

/** Hours as the monitor reports them: to the thousandth (a few seconds), null staying null. */
export function roundHours<T extends number | null>(value: T): T {
  return (value === null ? null : Math.round(value * 1000) / 1000) as T;
}

/** Clearance time = release − arrival; a release before arrival (pre-arrival processing) counts as zero. */
export function clearanceHours(stamps: Stamps): number | null {
  if (!stamps.arrival || !stamps.released) return null;
  return Math.max(0, (Date.parse(stamps.released) - Date.parse(stamps.arrival)) / HOUR_MS);
}

/** Dwell = gate-out − arrival. */
export function dwellHours(stamps: Stamps): number | null {
  if (!stamps.arrival || !stamps.gateOut) return null;
  return Math.max(0, (Date.parse(stamps.gateOut) - Date.parse(stamps.arrival)) / HOUR_MS);
}
