import { Events, type EventName, type PayloadOf } from '@tongguan/contracts';
import { exporterParty } from '../parties/event-claims';

/**
 * What each feed role receives: the event types its work needs and, of each, the payload fields.
 * One table, applied alike to the pull feed, the stream and webhooks (a type that is not listed is
 * not delivered; a field that is not listed is left out of `data`). README "What each role receives"
 * is this table in words. The compiler checks every field name against the event's payload.
 */
type Fields<N extends EventName> = readonly (keyof PayloadOf<N> & string)[] | 'all';
export type RoleScope = { readonly [N in EventName]?: Fields<N> };

const ALL_EVENTS = Object.fromEntries(Object.keys(Events).map((name) => [name, 'all'])) as RoleScope;

/** The facts of a shipment's cargo at the terminal, which every agency and the importer may know. */
const CARGO_AT_TERMINAL = {
  CargoArrived: 'all',
  GateInRecorded: 'all',
  GateOutRecorded: 'all',
  GateOutRefused: 'all',
} as const satisfies RoleScope;

/** Export containers at the terminal: the export gate, loading incidents, the vessel's departure. */
const EXPORTS_AT_TERMINAL = {
  ExportGateInRecorded: 'all',
  ExportGateInRefused: 'all',
  LoadingIncident: 'all',
  GoodsDeparted: 'all',
} as const satisfies RoleScope;

/** A hold as a fact (the gate stays shut), without customs' reason or the officer who placed it. */
const HOLD_FACTS = {
  CustomsHoldPlaced: ['shipmentId', 'holdId'],
  CustomsHoldLifted: ['shipmentId', 'holdId'],
} as const satisfies RoleScope;

/** The manifest line of a B/L: its vessel call, the carrier that filed it and the consignee it names. */
const MANIFEST_LINES = {
  BillOfLadingManifested: 'all',
  BillOfLadingAmended: 'all',
  BillOfLadingWithdrawn: 'all',
} as const satisfies RoleScope;

/**
 * A trader's own declaration (an importer's or an exporter's): its data, duty and payments in full; which
 * agencies must approve and each one's decision with its reasons; risk and inspection without the officer
 * and the risk score or reasons (targeting stays with the agencies); refusal of release with its reasons.
 */
const OWN_DECLARATION = {
  DeclarationLodged: 'all',
  DeclarationAccepted: 'all',
  DeclarationAmended: 'all',
  DutyAssessed: 'all',
  ReleaseRefused: 'all',
  DeclarationWithdrawn: 'all',
  DeclarationStatusChanged: 'all',
  DocumentsSubmitted: 'all',
  RiskAssessed: ['shipmentId', 'declarationId', 'channel', 'taskId'],
  DocumentsRequested: ['shipmentId', 'declarationId', 'taskId', 'requestId', 'documents'],
  InspectionCompleted: ['shipmentId', 'declarationId', 'taskId', 'result', 'findings'],
  InspectionDeemedApproved: 'all',
  PaymentRequested: 'all',
  PaymentSettled: 'all',
  ApprovalsRequested: ['shipmentId', 'declarationId', 'declarationVersion', 'importerId', 'approvals'],
  AgencyDecisionRecorded: ['shipmentId', 'declarationId', 'taskId', 'agency', 'step', 'outcome', 'reasons'],
} as const satisfies RoleScope;

const SLA_ALERTS = { ClearanceSlaAtRisk: 'all', ClearanceSlaBreached: 'all' } as const satisfies RoleScope;

export const FEED_SCOPES = {
  /** Customs decides on declarations: their data, duty, payments, inspection and the cargo's moves. */
  customs: {
    ...MANIFEST_LINES,
    ...CARGO_AT_TERMINAL,
    ...EXPORTS_AT_TERMINAL,
    ReleasedForLoading: 'all',
    CustomsHoldPlaced: 'all',
    CustomsHoldLifted: 'all',
    DeclarationLodged: 'all',
    DeclarationAccepted: 'all',
    DeclarationAmended: 'all',
    DutyAssessed: 'all',
    ShipmentReleased: 'all',
    ReleaseRefused: 'all',
    DeclarationWithdrawn: 'all',
    DeclarationStatusChanged: 'all',
    DocumentsSubmitted: 'all',
    RiskAssessed: 'all',
    DocumentsRequested: 'all',
    InspectionCompleted: 'all',
    InspectionDeemedApproved: 'all',
    PaymentRequested: 'all',
    PaymentSettled: 'all',
    ApprovalsRequested: 'all',
    AgencyDecisionRecorded: 'all',
    ComplaintEscalated: 'all',
    ...SLA_ALERTS,
  },
  /** Inspection checks the goods: declared goods (HS codes, origin, value), never duty or payments. */
  inspection: {
    CargoArrived: 'all',
    CustomsHoldPlaced: 'all',
    CustomsHoldLifted: 'all',
    DeclarationLodged: 'all',
    DeclarationAccepted: 'all',
    DeclarationAmended: [
      'shipmentId',
      'declarationId',
      'importerId',
      'currency',
      'items',
      'greenChannel',
      'aeoTraderId',
      'majorProjectCode',
      'version',
      'reason',
    ],
    ShipmentReleased: 'all',
    ReleaseRefused: 'all',
    DeclarationWithdrawn: 'all',
    DeclarationStatusChanged: 'all',
    DocumentsSubmitted: 'all',
    RiskAssessed: 'all',
    DocumentsRequested: 'all',
    InspectionCompleted: 'all',
    InspectionDeemedApproved: 'all',
    /** Which agencies the single window asked, inspection among them or not. */
    ApprovalsRequested: 'all',
    ...SLA_ALERTS,
  },
  /** The terminal lets cargo in and out: arrival, gates, holds, release or refusal, pickup bookings. */
  port: {
    ...MANIFEST_LINES,
    ...CARGO_AT_TERMINAL,
    ...HOLD_FACTS,
    ...EXPORTS_AT_TERMINAL,
    ShipmentReleased: ['shipmentId', 'declarationId'],
    ReleasedForLoading: ['shipmentId', 'declarationId'],
    ReleaseRefused: ['shipmentId', 'declarationId'],
    DeclarationWithdrawn: ['shipmentId', 'declarationId'],
    PickupBooked: 'all',
    PickupCancelled: ['shipmentId', 'bookingId'],
  },
  /**
   * A carrier moves the boxes: arrival, gates, holds and release, as facts. No declaration data, no
   * duty or payments, no manifest lines (they name other carriers' consignees) and no pickup bookings (they name other carriers' trucks and customers).
   */
  carrier: {
    ...CARGO_AT_TERMINAL,
    ...HOLD_FACTS,
    ...EXPORTS_AT_TERMINAL,
    ShipmentReleased: ['shipmentId'],
    ReleasedForLoading: ['shipmentId'],
  },
  /**
   * An importer sees its own shipments only (those it owns as consignee or filed as broker, see
   * READER_FILTERS): its declarations as a trader sees them (OWN_DECLARATION), the cargo's moves, holds as
   * facts, its bookings and its complaints' escalation without the supervisor who holds them. A broker
   * lodging an export for an exporter (role importer) follows the export's moves at the port too.
   */
  importer: {
    ...MANIFEST_LINES,
    ...CARGO_AT_TERMINAL,
    ...HOLD_FACTS,
    ...OWN_DECLARATION,
    ShipmentReleased: 'all',
    PickupBooked: 'all',
    PickupCancelled: 'all',
    ComplaintEscalated: ['shipmentId', 'complaintId', 'agency', 'step', 'importerId', 'filedAt', 'dueAt'],
    ...EXPORTS_AT_TERMINAL,
    ReleasedForLoading: 'all',
  },
  /**
   * An exporter sees its own export shipments only (those whose declaration it owns or filed, see
   * READER_FILTERS): its declarations as a trader sees them (OWN_DECLARATION, export duty's payment among
   * them), its containers at the export gate, the release for loading, loading incidents and the departure,
   * holds as facts. No manifest lines, import gates or pickups: those are the import side's.
   */
  exporter: {
    ...HOLD_FACTS,
    ...OWN_DECLARATION,
    ...EXPORTS_AT_TERMINAL,
    ReleasedForLoading: 'all',
  },
  /**
   * An officer of an agency without a role of its own (party = its agency id): the declarations the single
   * window sends it (the goods it must judge) and its agency's decisions, only those naming its agency.
   */
  agency: {
    ApprovalsRequested: 'all',
    AgencyDecisionRecorded: 'all',
  },
  /** A supervisor of one agency (party = its id): its agency's decisions and the complaints escalated about it. */
  supervisor: {
    AgencyDecisionRecorded: 'all',
    ComplaintEscalated: 'all',
  },
  /** Operations watch the whole platform. */
  ops: ALL_EVENTS,
} as const satisfies Record<string, RoleScope>;

export type FeedRole = keyof typeof FEED_SCOPES;
export const FEED_ROLES = Object.keys(FEED_SCOPES) as FeedRole[];

/**
 * Which events of its types a reader of the role gets: every one; those logged for its party (a trader's
 * own shipments, decided when each is logged, see ShipmentAudience; an exporter's as `exporterParty`, so a
 * trader's exporter feed holds its exports and its importer feed the rest); or those naming its agency (the
 * token's party is the agency id).
 */
const READER_FILTERS = {
  customs: 'every',
  inspection: 'every',
  port: 'every',
  carrier: 'every',
  importer: 'own-shipments',
  exporter: 'own-exports',
  agency: 'own-agency',
  supervisor: 'own-agency',
  ops: 'every',
} as const satisfies Record<FeedRole, 'every' | 'own-shipments' | 'own-exports' | 'own-agency'>;

/** What the reader filter looks at of a logged event. */
export interface FilteredEvent {
  data: Record<string, unknown>;
  /** The traders it was logged for (owners of the shipment's declarations, their brokers, the consignee). */
  parties?: readonly string[];
  /** Set on a copy logged for a party learnt after the original. */
  replayOf?: string;
}

export function isFeedRole(role: string): role is FeedRole {
  return Object.prototype.hasOwnProperty.call(FEED_SCOPES, role);
}

/**
 * The filter a reader applies beyond its types, or null when it reads every event of them (replay
 * copies are then not for it: it has the originals).
 */
export function readerFilter(role: string, party: string): ((event: FilteredEvent) => boolean) | null {
  if (!isFeedRole(role)) return () => false;
  switch (READER_FILTERS[role]) {
    case 'every':
      return null;
    case 'own-shipments':
      return (event) => event.parties?.includes(party) === true;
    case 'own-exports':
      return (event) => event.parties?.includes(exporterParty(party)) === true;
    case 'own-agency':
      return (event) => event.replayOf === undefined && namesAgency(event.data, party);
  }
}

/** Whether the payload names the agency: the one that decided, or one of those asked to approve. */
export function namesAgency(data: Record<string, unknown>, agency: string): boolean {
  if (data.agency === agency) return true;
  const approvals: unknown = data.approvals;
  return (
    Array.isArray(approvals) &&
    approvals.some(
      (a: unknown) => typeof a === 'object' && a !== null && (a as { agency?: unknown }).agency === agency,
    )
  );
}

const fieldsByType = new Map<string, ReadonlyMap<string, readonly string[] | 'all'>>(
  FEED_ROLES.map((role) => [
    role,
    new Map(
      Object.entries(FEED_SCOPES[role] as RoleScope).map(([name, fields]) => [
        Events[name as EventName].type,
        fields as readonly string[] | 'all',
      ]),
    ),
  ]),
);

/** The CloudEvents types the role receives (none for a role outside the table). */
export function typesInScope(role: string): string[] {
  return [...(fieldsByType.get(role)?.keys() ?? [])];
}

/** Of the types asked for, those the role may not receive. */
export function typesOutOfScope(role: string, types: readonly string[]): string[] {
  const scope = fieldsByType.get(role);
  return types.filter((type) => !scope?.has(type));
}

/** The types to read: what was asked (all when nothing was) that the role receives. */
export function effectiveTypes(role: string, asked: readonly string[] | undefined): string[] {
  const inScope = typesInScope(role);
  return asked?.length ? inScope.filter((type) => asked.includes(type)) : inScope;
}

/** The payload as the role may see it, or null when the role does not receive the type at all. */
export function projectPayload(
  role: string,
  type: string,
  data: Record<string, unknown>,
): Record<string, unknown> | null {
  const fields = fieldsByType.get(role)?.get(type);
  if (!fields) return null;
  if (fields === 'all') return data;
  const projected: Record<string, unknown> = {};
  for (const field of fields) if (field in data) projected[field] = data[field];
  return projected;
}
