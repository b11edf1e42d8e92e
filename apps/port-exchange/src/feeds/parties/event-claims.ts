import type { Direction, NamedEvent } from '@tongguan/contracts';

/**
 * Whom a trader-facing event of a shipment is for, as the event itself says it: one party it
 * names, the owner and filer of the declaration it belongs to, or whoever is a party to the shipment.
 */
export type Claim =
  | { kind: 'party'; party: string }
  | { kind: 'declaration'; declarationId: string; importerId?: string; direction?: Direction }
  | { kind: 'shipment' };

/**
 * A declaration of the shipment: its owner and who lodged it (itself or its broker). An import's owner is
 * the consignee, an export's the exporter; the events name either `importerId`, and so does this.
 */
export interface DeclarationParties {
  declarationId: string;
  importerId: string;
  filerId: string;
  /** Set on an export only (an import's record stays as it was before exports). */
  direction?: 'export';
  /** A withdrawn declaration keeps its own events' parties, but no longer makes its parties the shipment's. */
  withdrawn: boolean;
}

/** Who the parties of a shipment are, as the events that name them left it. */
export interface PartiesState {
  /** The consignee its manifest line names (null once withdrawn). */
  consignee: string | null;
  declarations: DeclarationParties[];
}

export const NO_PARTIES: PartiesState = { consignee: null, declarations: [] };

export type Renaming = (state: PartiesState) => PartiesState;

/**
 * The party an export's owner is stamped as. A trader that imports and exports under one id reads its
 * imports with role importer and its exports with role exporter, each feed only its own direction; the
 * broker that lodged an export (role importer) is stamped as itself.
 */
export function exporterParty(traderId: string): string {
  return `exporter:${traderId}`;
}

/** The claim of an event and, for the few that name a shipment's parties, how they change them. */
export interface Reading {
  claim: Claim;
  renaming: Renaming | null;
}

/**
 * How an event bears on traders, importers and exporters alike. null: no trader ever receives it
 * (alerts for agencies), so it is not tracked. Every event a trader's scope lists must have a claim (see
 * the spec).
 */
export function readEvent(event: NamedEvent): Reading | null {
  const declaration = (p: {
    declarationId: string;
    importerId?: string;
    direction?: Direction;
  }): Reading => ({
    claim: {
      kind: 'declaration',
      declarationId: p.declarationId,
      importerId: p.importerId,
      ...(p.direction === 'export' ? { direction: p.direction } : {}),
    },
    renaming: null,
  });
  const shipment: Reading = { claim: { kind: 'shipment' }, renaming: null };
  switch (event.name) {
    case 'BillOfLadingManifested':
    case 'BillOfLadingAmended': {
      const consignee = event.payload.consigneePartyId;
      return { claim: { kind: 'party', party: consignee }, renaming: (s) => ({ ...s, consignee }) };
    }
    case 'BillOfLadingWithdrawn':
      return { claim: { kind: 'shipment' }, renaming: (s) => ({ ...s, consignee: null }) };
    case 'DeclarationLodged': {
      const { declarationId, importerId, filerId, direction } = event.payload;
      const lodged: DeclarationParties = {
        declarationId,
        importerId,
        filerId,
        withdrawn: false,
        ...(direction === 'export' ? { direction } : {}),
      };
      return {
        ...declaration(event.payload),
        renaming: (s) => ({
          ...s,
          declarations: [...s.declarations.filter((d) => d.declarationId !== declarationId), lodged],
        }),
      };
    }
    case 'DeclarationWithdrawn': {
      const { declarationId } = event.payload;
      return {
        ...declaration(event.payload),
        renaming: (s) => ({
          ...s,
          declarations: s.declarations.map((d) =>
            d.declarationId === declarationId ? { ...d, withdrawn: true } : d,
          ),
        }),
      };
    }
    case 'DeclarationAccepted':
    case 'DeclarationAmended':
    case 'DutyAssessed':
    case 'ApprovalsRequested':
    case 'ShipmentReleased':
    case 'ReleaseRefused':
    case 'DeclarationStatusChanged':
    case 'DocumentsSubmitted':
    case 'RiskAssessed':
    case 'DocumentsRequested':
    case 'InspectionCompleted':
    case 'InspectionDeemedApproved':
    case 'AgencyDecisionRecorded':
    case 'PaymentRequested':
    case 'PaymentSettled':
      return declaration(event.payload);
    case 'ReleasedForLoading':
      return declaration({ ...event.payload, importerId: event.payload.exporterId, direction: 'export' });
    case 'CargoArrived':
    case 'ExportGateInRecorded':
    case 'ExportGateInRefused':
    case 'LoadingIncident':
    case 'GoodsDeparted':
    case 'GateInRecorded':
    case 'GateOutRecorded':
    case 'GateOutRefused':
    case 'CustomsHoldPlaced':
    case 'CustomsHoldLifted':
    case 'PickupBooked':
    case 'PickupCancelled':
      return shipment;
    // a complaint is its complainant's, not its broker's or the consignee's
    case 'ComplaintEscalated':
      return { claim: { kind: 'party', party: event.payload.importerId }, renaming: null };
    case 'ClearanceSlaAtRisk':
    case 'ClearanceSlaBreached':
      return null;
  }
}

/** The parties an event with this claim goes to, in the given state (sorted, no repeats). */
export function audienceOf(state: PartiesState, claim: Claim): string[] {
  switch (claim.kind) {
    case 'party':
      return [claim.party];
    case 'declaration': {
      const lodged = state.declarations.find((d) => d.declarationId === claim.declarationId);
      const importer = claim.importerId ?? lodged?.importerId;
      // the filer only of a declaration whose owner is the one the event names
      if (lodged && lodged.importerId === importer) return declarationAudience(lodged);
      if (importer) return [claim.direction === 'export' ? exporterParty(importer) : importer];
      // not lodged yet as far as the feeds know: the consignee owns every declaration of its B/L
      return state.consignee ? [state.consignee] : [];
    }
    case 'shipment':
      return sortedParties([
        ...(state.consignee ? [state.consignee] : []),
        ...state.declarations.filter((d) => !d.withdrawn).flatMap(declarationAudience),
      ]);
  }
}

/** A declaration's owner and filer; an export's owner as an exporter, and its filer unless it filed itself. */
function declarationAudience(d: DeclarationParties): string[] {
  if (d.direction !== 'export') return sortedParties([d.importerId, d.filerId]);
  const broker = d.filerId === d.importerId ? [] : [d.filerId];
  return sortedParties([exporterParty(d.importerId), ...broker]);
}

/**
 * The audience of a claim when no later event can change it, else null: a party the event names, or
 * the owner and filer of a declaration already lodged (a declaration's parties are fixed when it is
 * lodged). Such an event needs no registration with its shipment: nobody can be owed it later.
 */
export function fixedAudience(
  claim: Claim,
  lodged: (declarationId: string) => DeclarationParties | undefined,
): string[] | null {
  if (claim.kind === 'party') return [claim.party];
  if (claim.kind === 'shipment') return null;
  const declaration = lodged(claim.declarationId);
  return declaration ? audienceOf({ consignee: null, declarations: [declaration] }, claim) : null;
}

/** Parties sorted, without repeats: audiences compare and store as such. */
export function sortedParties(parties: readonly string[]): string[] {
  return [...new Set(parties)].sort();
}
