import { TRADER, type AgencyRegistry } from '@tongguan/agencies';
import type { Payment } from './payment.schema';

/** Paying duties and fees is the trader's own step (registry trader/payment), on the trader's calendar. */
export const PAYMENT_STEP = { owner: TRADER, step: 'payment' } as const;

export type PaymentLimit = Required<Pick<Payment, 'limitHours' | 'dueAt'>>;

/**
 * When a request made at `requestedAt` is to be paid: the registry's limit. DutyAssessed does not say
 * whether the declaration earned the green channel, so the ordinary limit applies (the registry gives
 * payment no green one); an amendment restating the request keeps its dueAt, a difference asked for
 * later gets its own.
 */
export function paymentLimit(registry: AgencyRegistry, requestedAt: Date): PaymentLimit {
  return registry.dueAt(PAYMENT_STEP.owner, PAYMENT_STEP.step, requestedAt, false);
}

/** Settled by its dueAt; unknown (undefined) for a request stored before requests had one. */
export function settledWithinLimit(dueAt: Date | undefined, settledAt: Date): boolean | undefined {
  return dueAt === undefined ? undefined : settledAt.getTime() <= new Date(dueAt).getTime();
}

/** Still requested past its dueAt at `now` (computed on read; no penalty follows). */
export function paymentOverdue(payment: Pick<Payment, 'status' | 'dueAt'>, now: Date): boolean {
  return (
    payment.status === 'requested' &&
    payment.dueAt !== undefined &&
    new Date(payment.dueAt).getTime() < now.getTime()
  );
}
