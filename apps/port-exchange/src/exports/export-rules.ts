import type { LoadingIncidentKind } from '@tongguan/contracts';

/**
 * The terminal's export rules, as pure decisions. A container comes in for export only against an
 * accepted export declaration (customs' acceptance: the goods may come to the port); it goes on board
 * only once customs released it for loading; the vessel's departure is the goods' exit. Each rule lists
 * every reason, so one answer tells the gate clerk or the carrier all that is wrong.
 */

/** What the terminal knows of one export shipment, from the declaration's events and its own gate. */
export interface ExportShipmentState {
  declarationId: string;
  /** Accepted and not withdrawn or refused since. */
  open: boolean;
  closedReason?: string;
  releasedForLoadingAt?: Date;
  /** Containers let in through the export gate for this shipment. */
  containerNumbers: string[];
}

export interface ExportGateReason {
  code: 'NO_EXPORT_DECLARATION' | 'DECLARATION_CLOSED' | 'CONTAINER_ALREADY_IN';
  message: string;
}

/** Why the gate turns the containers away; empty: let them in. */
export function exportGateInRefusals(
  blNumber: string,
  shipment: ExportShipmentState | null,
  containerNumbers: readonly string[],
): ExportGateReason[] {
  if (!shipment) {
    return [
      {
        code: 'NO_EXPORT_DECLARATION',
        message: `no accepted export declaration for ${blNumber}: customs must accept the export declaration before the goods come to the port`,
      },
    ];
  }
  const reasons: ExportGateReason[] = [];
  if (!shipment.open) {
    reasons.push({
      code: 'DECLARATION_CLOSED',
      message: `the export declaration ${shipment.declarationId} of ${blNumber} was ${shipment.closedReason ?? 'closed'}`,
    });
  }
  for (const container of containerNumbers.filter((c) => shipment.containerNumbers.includes(c))) {
    reasons.push({
      code: 'CONTAINER_ALREADY_IN',
      message: `container ${container} is in the terminal already`,
    });
  }
  return reasons;
}

/** One line of a vessel's loading list: a container and the export B/L (booking) it travels under. */
export interface LoadingLine {
  containerNumber: string;
  shipmentId: string;
}

export type LoadingOutcome =
  { kind: 'loaded' } | { kind: 'incident'; incident: LoadingIncidentKind; reason: string };

/** Whether a container may go on board: released for loading, and gated in under that shipment. */
export function loadingOutcome(line: LoadingLine, shipment: ExportShipmentState | null): LoadingOutcome {
  if (!shipment?.open || !shipment.releasedForLoadingAt) {
    const why = !shipment
      ? 'no accepted export declaration'
      : !shipment.open
        ? `its export declaration was ${shipment.closedReason ?? 'closed'}`
        : 'customs has not released it for loading';
    return {
      kind: 'incident',
      incident: 'not-released-for-loading',
      reason: `container ${line.containerNumber} of ${line.shipmentId} is on the loading list but not released for loading: ${why}`,
    };
  }
  if (!shipment.containerNumbers.includes(line.containerNumber)) {
    return {
      kind: 'incident',
      incident: 'not-gated-in',
      reason: `container ${line.containerNumber} is on the loading list for ${line.shipmentId} but never came through the export gate for it`,
    };
  }
  return { kind: 'loaded' };
}

/** The containers each shipment has on board, from the lines that loaded: one departure per shipment. */
export function departuresOf(loaded: readonly LoadingLine[]): Map<string, string[]> {
  const byShipment = new Map<string, string[]>();
  for (const { shipmentId, containerNumber } of loaded) {
    byShipment.set(shipmentId, [...(byShipment.get(shipmentId) ?? []), containerNumber]);
  }
  return byShipment;
}
