import type { PayloadOf } from '@tongguan/contracts';

/**
 * How a declaration's end closes the work still open on it here: 'withdrawn' by the importer, or
 * 'closed' by customs for good (release refused; the filing rejected at acceptance review), with the
 * reason the officers and the audit read on every task it closes.
 */
export interface DeclarationEnding {
  status: 'withdrawn' | 'closed';
  reason: string;
}

export function withdrawal(payload: PayloadOf<'DeclarationWithdrawn'>): DeclarationEnding {
  return { status: 'withdrawn', reason: `the declaration was withdrawn: ${payload.reason}` };
}

/** An agency refused, or the inspection failed: customs refused release, and nothing reopens it. */
export function releaseRefusal(payload: PayloadOf<'ReleaseRefused'>): DeclarationEnding {
  return { status: 'closed', reason: `release refused: ${payload.reasons.join('; ')}` };
}

/**
 * Only a rejection at acceptance review ends the declaration among the status changes: the others are
 * steps on its way (documents required, under physical check, back to accepted...).
 */
export function rejection(payload: PayloadOf<'DeclarationStatusChanged'>): DeclarationEnding | null {
  if (payload.status !== 'rejected') return null;
  return { status: 'closed', reason: `rejected at acceptance review: ${payload.reason}` };
}
