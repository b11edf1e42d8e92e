export interface ChargeRequest {
  paymentId: string;
  /** Integer minor units (fen). */
  amountMinor: number;
  currency: string;
  /** The same key charges once: a retry after a timeout returns the first charge's receipt. */
  idempotencyKey: string;
}

export interface ChargeReceipt {
  receiptNumber: string;
  chargedAt: Date;
}

/**
 * Where money is actually taken (a bank or the customs e-payment platform). Abstract class rather
 * than interface so that it doubles as the Nest injection token.
 */
export abstract class PaymentGateway {
  abstract charge(request: ChargeRequest): Promise<ChargeReceipt>;
}

/** The gateway refused the charge; the payment stays requested and the importer may try again. */
export class ChargeRefusedError extends Error {}
