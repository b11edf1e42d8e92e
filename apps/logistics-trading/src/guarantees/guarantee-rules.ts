import { HttpStatus } from '@nestjs/common';
import type { Change } from '@tongguan/persistence';
import { DomainError } from '@tongguan/platform';
import type { GuaranteeAccount, GuaranteeDraw } from './guarantee-account.schema';
import type { AeoGuarantee } from './guarantee-registry';

/**
 * The guarantee account's rules: who may settle by guarantee, and how much is left to draw. Pure; a
 * draw is written guarded by the revision it was decided on, so two settlements racing for the last of
 * a limit never overdraw: the second reads the account again and decides anew.
 */

const refusal = (code: string, message: string, status: HttpStatus) =>
  new DomainError(code, message, status, [{ path: 'method', code, message }]);

/**
 * The guarantee the trader may settle a payment in `currency` with at `at`, or the refusal saying why
 * not. The registry is
 * the authority, not the declaration: an AEO id quoted on a filing is the importer's claim, while the
 * registry records the certificate and the bank's commitment behind it.
 */
export function guaranteeToSettle(
  guarantee: AeoGuarantee | undefined,
  traderId: string,
  currency: string,
  at: Date,
): AeoGuarantee | DomainError {
  if (!guarantee) {
    return refusal(
      'GUARANTEE.NOT_AEO',
      `trader ${traderId} holds no AEO certificate with a bank guarantee: settle through the payment gateway`,
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
  if (Date.parse(guarantee.validUntil) < at.getTime()) {
    return refusal(
      'GUARANTEE.EXPIRED',
      `guarantee ${guarantee.guaranteeNumber} expired at ${guarantee.validUntil}`,
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
  if (guarantee.currency !== currency) {
    return refusal(
      'GUARANTEE.CURRENCY_MISMATCH',
      `guarantee ${guarantee.guaranteeNumber} is in ${guarantee.currency} but the payment is in ${currency}`,
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
  return guarantee;
}

export function remainingMinor(guarantee: Pick<AeoGuarantee, 'limitMinor'>, drawnMinor: number): number {
  return guarantee.limitMinor - drawnMinor;
}

/** What a draw does to the account: draws, finds the payment's earlier draw, or is refused. */
export type DrawDecision =
  | { kind: 'draw'; change: Change }
  | { kind: 'drawn-before'; draw: GuaranteeDraw }
  | { kind: 'refused'; refusal: DomainError };

/** One draw per payment, and never beyond the limit: drawn + amount stays within it. */
export function decideDraw(
  guarantee: AeoGuarantee,
  account: Pick<GuaranteeAccount, 'drawnMinor' | 'draws'>,
  draw: GuaranteeDraw,
): DrawDecision {
  const earlier = account.draws.find((d) => d.paymentId === draw.paymentId);
  if (earlier) return { kind: 'drawn-before', draw: earlier };
  const left = remainingMinor(guarantee, account.drawnMinor);
  if (draw.amountMinor <= left) {
    return { kind: 'draw', change: { inc: { drawnMinor: draw.amountMinor }, push: { draws: draw } } };
  }
  const { guaranteeNumber, limitMinor, currency } = guarantee;
  return {
    kind: 'refused',
    refusal: refusal(
      'GUARANTEE.LIMIT_EXCEEDED',
      `guarantee ${guaranteeNumber} has ${left} ${currency} minor units left of ${limitMinor}; this payment needs ${draw.amountMinor}`,
      HttpStatus.CONFLICT,
    ),
  };
}
