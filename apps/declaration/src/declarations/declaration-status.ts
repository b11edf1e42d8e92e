import { type DeclarationStatus } from '@tongguan/contracts';

// the vocabulary itself is a contract (importers rely on it): libs/contracts
export { DECLARATION_STATUSES, type DeclarationStatus, statusCodeOf } from '@tongguan/contracts';

/** Statuses from which customs may still release. */
export const RELEASABLE: DeclarationStatus[] = [
  'accepted',
  'documents-required',
  'under-physical-check',
  'amended',
];

/** A filing in one of these statuses still holds its B/L: another filing for it is a duplicate. */
export const ACTIVE: DeclarationStatus[] = [...RELEASABLE, 'received', 'released', 'goods-exited'];
