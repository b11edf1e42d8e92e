import { HOUR_MS } from '@tongguan/clock';
import type { Direction, EventName, RiskChannel } from '@tongguan/contracts';
import type { NamedEvent } from '@tongguan/contracts';
import { withWaitEnd, type TraderWait, type TraderWaitKind, type WaitEnd } from './trader-waits';

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
  // exports: the vessel left with the goods (loading list and departure); arrival is the export gate-in
  // and released the release for loading, so clearance hours mean the same TRS interval both ways
  'departed',
] as const;
export type Stamp = (typeof STAMPS)[number];
export type Stamps = Record<Stamp, string | null>;

export type SlaState = 'on-track' | 'at-risk' | 'breached' | 'met';

/** A container the loading list named that customs had not released for loading. */
export interface LoadingIncidentFact {
  containerNumber: string;
  vesselCallId: string;
  kind: string;
  reason: string;
  at: string;
}

export interface TimelineFacts {
  shipmentId: string;
  /** Import unless an export declaration or an export port event says otherwise. */
  direction: Direction;
  stamps: Stamps;
  channel: RiskChannel | null;
  greenChannel: boolean;
  declarationId: string | null;
  importerId: string | null;
  inspectionOutcome: 'passed' | 'failed' | 'deemed-approved' | null;
  refusedReasons: string[];
  /** The declaration was withdrawn: the shipment left the clearance flow (no SLA alerts). */
  withdrawn: boolean;
  /** Notices and payments the shipment waited on the trader for: the trader's time, not an agency's. */
  traderWaits: TraderWait[];
  loadingIncidents: LoadingIncidentFact[];
}

export function emptyTimeline(shipmentId: string): TimelineFacts {
  return {
    shipmentId,
    direction: 'import',
    stamps: Object.fromEntries(STAMPS.map((s) => [s, null])) as Stamps,
    channel: null,
    greenChannel: false,
    declarationId: null,
    importerId: null,
    inspectionOutcome: null,
    refusedReasons: [],
    withdrawn: false,
    traderWaits: [],
    loadingIncidents: [],
  };
}

/** The events a timeline folds: every pipeline event (the monitor's own alerts are its output). */
export const FOLDED_EVENTS = [
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
  'ExportGateInRecorded',
  'ReleasedForLoading',
  'LoadingIncident',
  'GoodsDeparted',
] as const satisfies readonly EventName[];
export type FoldedEvent = NamedEvent<(typeof FOLDED_EVENTS)[number]>;

/** What one event tells the timeline: the stamp it sets, if any, and the facts it carries. */
interface Told {
  stamp?: Stamp;
  direction?: Direction;
  incident?: Omit<LoadingIncidentFact, 'at'>;
  declarationId?: string;
  importerId?: string;
  greenChannel?: boolean;
  channel?: RiskChannel;
  inspectionOutcome?: 'passed' | 'failed' | 'deemed-approved';
  withdrawn?: true;
  refusedReasons?: string[];
  /** Ends of waits for the trader this event marks (at its business time). */
  waitEnds?: { kind: TraderWaitKind; id: string; end: WaitEnd }[];
}

function told(event: FoldedEvent): Told {
  switch (event.name) {
    case 'CargoArrived':
      return { stamp: 'arrival' };
    case 'DeclarationLodged': {
      const { declarationId, importerId, greenChannel, direction } = event.payload;
      return { stamp: 'lodged', declarationId, importerId, greenChannel, direction };
    }
    case 'DeclarationAccepted': {
      const { declarationId, importerId, greenChannel, direction } = event.payload;
      return { stamp: 'accepted', declarationId, importerId, greenChannel, direction };
    }
    case 'DeclarationAmended': {
      const { declarationId, importerId, greenChannel } = event.payload;
      return { declarationId, importerId, greenChannel };
    }
    case 'DeclarationStatusChanged':
    case 'DutyAssessed':
      return { declarationId: event.payload.declarationId, importerId: event.payload.importerId };
    case 'DocumentsSubmitted': {
      const { declarationId, importerId, documents } = event.payload;
      // one resubmission answers every request it names (a consolidated notice)
      const requests = [...new Set(documents.map((d) => d.requestId))];
      const waitEnds = requests.map((id) => ({ kind: 'notice' as const, id, end: 'answeredAt' as const }));
      return { declarationId, importerId, waitEnds };
    }
    case 'DeclarationWithdrawn': {
      const { declarationId, importerId } = event.payload;
      return { declarationId, importerId, withdrawn: true };
    }
    case 'RiskAssessed':
      return {
        stamp: 'riskAssessed',
        declarationId: event.payload.declarationId,
        channel: event.payload.channel,
      };
    case 'DocumentsRequested': {
      const { declarationId, requestId } = event.payload;
      return { declarationId, waitEnds: [{ kind: 'notice', id: requestId, end: 'requestedAt' }] };
    }
    case 'InspectionCompleted':
      return {
        stamp: 'inspected',
        declarationId: event.payload.declarationId,
        inspectionOutcome: event.payload.result,
      };
    case 'InspectionDeemedApproved':
      return {
        stamp: 'inspected',
        declarationId: event.payload.declarationId,
        inspectionOutcome: 'deemed-approved',
      };
    case 'PaymentRequested': {
      const { importerId, paymentId } = event.payload;
      return { importerId, waitEnds: [{ kind: 'payment', id: paymentId, end: 'requestedAt' }] };
    }
    case 'PaymentSettled': {
      const { importerId, paymentId } = event.payload;
      return {
        stamp: 'paid',
        importerId,
        waitEnds: [{ kind: 'payment', id: paymentId, end: 'answeredAt' }],
      };
    }
    case 'ShipmentReleased': {
      const { declarationId, importerId } = event.payload;
      return { stamp: 'released', declarationId, importerId };
    }
    case 'ReleaseRefused': {
      const { declarationId, importerId, reasons } = event.payload;
      return { declarationId, importerId, refusedReasons: reasons };
    }
    case 'GateOutRecorded':
      return { stamp: 'gateOut' };
    case 'GateOutRefused':
      return {};
    case 'ExportGateInRecorded':
      return { stamp: 'arrival', direction: 'export', declarationId: event.payload.declarationId };
    case 'ReleasedForLoading': {
      const { declarationId, exporterId } = event.payload;
      return { stamp: 'released', direction: 'export', declarationId, importerId: exporterId };
    }
    case 'LoadingIncident': {
      const { containerNumber, vesselCallId, kind, reason } = event.payload;
      return { direction: 'export', incident: { containerNumber, vesselCallId, kind, reason } };
    }
    case 'GoodsDeparted':
      return { stamp: 'departed', direction: 'export' };
  }
}

/**
 * Folds one event into a timeline. Each stamp keeps the earliest business time seen for its stage, and
 * every other fact is set, never toggled, so the result is the same whatever order events arrive in
 * and however often one is redelivered.
 */
export function applyEvent(timeline: TimelineFacts, event: FoldedEvent): TimelineFacts {
  const next: TimelineFacts = {
    ...timeline,
    stamps: { ...timeline.stamps },
    refusedReasons: [...timeline.refusedReasons],
    loadingIncidents: [...(timeline.loadingIncidents ?? [])],
  };
  const facts = told(event);
  const at = new Date(event.time).toISOString();
  if (facts.stamp) {
    const current = next.stamps[facts.stamp];
    if (current === null || at < current) next.stamps[facts.stamp] = at;
  }
  for (const { kind, id, end } of facts.waitEnds ?? []) {
    next.traderWaits = withWaitEnd(next.traderWaits, kind, id, end, at);
  }
  if (facts.declarationId !== undefined) next.declarationId ??= facts.declarationId;
  if (facts.importerId !== undefined) next.importerId ??= facts.importerId;
  if (facts.greenChannel !== undefined) next.greenChannel ||= facts.greenChannel;
  if (facts.channel) next.channel = facts.channel;
  // a result recorded by an officer stands over a tacit approval, whichever is folded first
  if (facts.inspectionOutcome === 'deemed-approved') next.inspectionOutcome ??= 'deemed-approved';
  else if (facts.inspectionOutcome) next.inspectionOutcome = facts.inspectionOutcome;
  if (facts.withdrawn) next.withdrawn = true;
  // only ever set to export: an import is the default, and no event of an export says import
  if (facts.direction === 'export') next.direction = 'export';
  const incident = facts.incident;
  if (
    incident &&
    !next.loadingIncidents.some(
      (i) => i.containerNumber === incident.containerNumber && i.vesselCallId === incident.vesselCallId,
    )
  ) {
    next.loadingIncidents.push({ ...incident, at });
  }
  for (const reason of facts.refusedReasons ?? [])
    if (!next.refusedReasons.includes(reason)) next.refusedReasons.push(reason);
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

/** Exports: departure − arrival at the port (the export gate-in), the TRS interval to the goods' exit. */
export function departureHours(stamps: Stamps): number | null {
  if (!stamps.arrival || !stamps.departed) return null;
  return Math.max(0, (Date.parse(stamps.departed) - Date.parse(stamps.arrival)) / HOUR_MS);
}

/** Dwell = gate-out − arrival. */
export function dwellHours(stamps: Stamps): number | null {
  if (!stamps.arrival || !stamps.gateOut) return null;
  return Math.max(0, (Date.parse(stamps.gateOut) - Date.parse(stamps.arrival)) / HOUR_MS);
}
