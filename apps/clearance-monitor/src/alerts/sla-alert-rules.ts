import type { Assessment } from '../prediction/shipment-assessment';

export type AlertKind = 'at-risk' | 'breached';
export type WebhookStatus = 'none' | 'pending' | 'delivered' | 'failed';

/** The alerts a shipment has had (flags noted on its timeline). */
export interface Alerted {
  atRiskAlerted?: boolean;
  breachAlerted?: boolean;
}

/**
 * The alert a shipment's assessment calls for now, if any: breached once past the target, at risk
 * before that when the prediction (or the elapsed share) says so; each once, and an at-risk alert is
 * moot after a breach.
 */
export function alertDue(
  alerted: Alerted,
  assessment: Pick<Assessment, 'sla' | 'atRiskReason'>,
): AlertKind | null {
  if (alerted.breachAlerted) return null;
  if (assessment.sla === 'breached') return 'breached';
  if (!alerted.atRiskAlerted && assessment.atRiskReason) return 'at-risk';
  return null;
}

/** Real milliseconds to wait before attempt `attempt + 1`: the base, doubled after each failure. */
export function backoffMs(baseMs: number, attempt: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}

export interface WebhookPolicy {
  attempts: number;
  backoffMs: number;
}

/** Where a delivery stands after attempt `attempt`: delivered, retried after the backoff, or given up. */
export function afterAttempt(
  attempt: number,
  failure: string | null,
  policy: WebhookPolicy,
  nowMs: number,
): { webhookStatus: WebhookStatus; webhookNextAt: Date | null; webhookLastError: string | null } {
  if (failure === null) return { webhookStatus: 'delivered', webhookNextAt: null, webhookLastError: null };
  if (attempt >= policy.attempts)
    return { webhookStatus: 'failed', webhookNextAt: null, webhookLastError: failure };
  return {
    webhookStatus: 'pending',
    webhookNextAt: new Date(nowMs + backoffMs(policy.backoffMs, attempt)),
    webhookLastError: failure,
  };
}
