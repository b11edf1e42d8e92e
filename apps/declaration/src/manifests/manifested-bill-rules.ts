import type { Change } from '@tongguan/persistence';
import type { ManifestedBill } from './manifested-bill.schema';

/** A manifest fact as port-exchange announced it. */
export type ManifestFact =
  | {
      kind: 'filed';
      blNumber: string;
      vesselCallId: string;
      carrierPartyId: string;
      consigneePartyId: string;
      revision: number;
    }
  | { kind: 'withdrawn'; blNumber: string; vesselCallId: string; revision: number };

export type FactOutcome =
  | { kind: 'insert'; bill: Omit<ManifestedBill, '_id' | 'revision'> }
  | { kind: 'change'; change: Change }
  | null;

/**
 * Folds a manifest fact into what is known of the B/L: the newest line revision wins, whatever order the
 * facts arrive in, and a fact seen again changes nothing (null).
 */
export function decideManifestFact(current: ManifestedBill | null, fact: ManifestFact): FactOutcome {
  if (current && current.lineRevision >= fact.revision) return null;
  const state =
    fact.kind === 'filed'
      ? {
          blNumber: fact.blNumber,
          vesselCallId: fact.vesselCallId,
          carrierPartyId: fact.carrierPartyId,
          consigneePartyId: fact.consigneePartyId,
          lineRevision: fact.revision,
          withdrawn: false,
        }
      : {
          blNumber: fact.blNumber,
          vesselCallId: fact.vesselCallId,
          lineRevision: fact.revision,
          withdrawn: true,
        };
  if (!current) return { kind: 'insert', bill: state };
  return { kind: 'change', change: { set: state } };
}
