import { Events, type EventName, type PayloadOf } from '@tongguan/contracts';

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

const SLA_ALERTS = { ClearanceSlaAtRisk: 'all', ClearanceSlaBreached: 'all' } as const satisfies RoleScope;

export const FEED_SCOPES = {
  /** Customs decides on declarations: their data, duty, payments, inspection and the cargo's moves. */
  customs: {
    ...MANIFEST_LINES,
    ...CARGO_AT_TERMINAL,
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
    ...SLA_ALERTS,
  },
  /** The terminal lets cargo in and out: arrival, gates, holds, release or refusal, pickup bookings. */
  port: {
    ...MANIFEST_LINES,
    ...CARGO_AT_TERMINAL,
    ...HOLD_FACTS,
    ShipmentReleased: ['shipmentId', 'declarationId'],
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
    ShipmentReleased: ['shipmentId'],
  },
  /**
   * An importer sees its own shipments only (see ownScope): its declarations, duty, payments and
   * bookings in full; risk and inspection without the officer and the risk score or reasons (targeting
   * stays with the agencies); the cargo's moves; holds as facts.
   */
  importer: {
    ...MANIFEST_LINES,
    ...CARGO_AT_TERMINAL,
    ...HOLD_FACTS,
    DeclarationLodged: 'all',
    DeclarationAccepted: 'all',
    DeclarationAmended: 'all',
    DutyAssessed: 'all',
    ShipmentReleased: 'all',
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
    PickupBooked: 'all',
    PickupCancelled: 'all',
  },
  /** Operations watch the whole platform. */
  ops: ALL_EVENTS,
} as const satisfies Record<string, RoleScope>;

export type FeedRole = keyof typeof FEED_SCOPES;
export const FEED_ROLES = Object.keys(FEED_SCOPES) as FeedRole[];

/** Roles whose feed holds only their own shipments (the token's party is the importer id). */
const OWN_SHIPMENTS_ONLY: ReadonlySet<string> = new Set<FeedRole>(['importer']);

export function isFeedRole(role: string): role is FeedRole {
  return Object.prototype.hasOwnProperty.call(FEED_SCOPES, role);
}

export function ownShipmentsOnly(role: string): boolean {
  return OWN_SHIPMENTS_ONLY.has(role);
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

/**
 * Whether an event of an own-shipments-only feed belongs to the party: by the importer (importerId) or
 * consignee (consigneePartyId) it names, or, for events that name neither (port, inspection, pickups),
 * by the shipment's owner (`owner`: the consignee of its manifest line or the importer of its
 * declaration, see ShipmentOwnerRepository; undefined while neither is known).
 */
export function belongsTo(party: string, data: Record<string, unknown>, owner: string | undefined): boolean {
  const named = namedOwner(data);
  return named !== undefined ? named === party : owner === party;
}

/** The importer an event's payload names itself, if any. */
export function namedOwner(data: Record<string, unknown>): string | undefined {
  if (typeof data.importerId === 'string') return data.importerId;
  if (typeof data.consigneePartyId === 'string') return data.consigneePartyId;
  return undefined;
}
