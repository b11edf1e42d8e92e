import type { ManifestedBill } from './manifested-bill.schema';

/**
 * The declaration that holds a B/L belongs to the consignee the manifest names. When the manifest stops
 * naming that party — its owner amended the consignee before discharge, or the line was withdrawn (ops
 * resolving a squatted number) — the declaration has no owner any more: customs cancel it, so that no
 * release, transport order or gate-out follows a party the manifest does not name. Returns why, or null
 * when the declaration's owner is still the consignee.
 */
export function orphanedBy(
  declaration: { importerId: string } | null,
  bill: Pick<ManifestedBill, 'consigneePartyId' | 'withdrawn'> | null,
): string | null {
  if (!declaration || !bill) return null;
  if (bill.withdrawn) return 'the manifest line of the B/L was withdrawn: it names no consignee any more';
  if (bill.consigneePartyId !== declaration.importerId) {
    return `the manifest no longer names ${declaration.importerId} as the consignee of the B/L`;
  }
  return null;
}
