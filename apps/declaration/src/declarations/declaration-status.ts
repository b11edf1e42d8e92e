/** The status vocabulary an importer can rely on (WCO / HMRC notification codes in spirit). */
export const DECLARATION_STATUSES = [
  'received',
  'accepted',
  'rejected',
  'documents-required',
  'under-physical-check',
  'amended',
  'released',
  'refused',
  'cancelled',
  'goods-exited',
] as const;

export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

/** Statuses from which customs may still release. */
export const RELEASABLE: DeclarationStatus[] = [
  'accepted',
  'documents-required',
  'under-physical-check',
  'amended',
];

/** A filing in one of these statuses still holds its B/L: another filing for it is a duplicate. */
export const ACTIVE: DeclarationStatus[] = [...RELEASABLE, 'received', 'released', 'goods-exited'];
