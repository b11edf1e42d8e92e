import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header every webhook delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=...]`. */
export const SIGNATURE_HEADER = 'Tongguan-Signature';

/** Receivers reject deliveries signed longer ago than this by default (replay protection). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A fresh signing secret: 32 random bytes, prefixed so that a leaked one is recognisable in logs. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** Hex HMAC-SHA256 of `<t>.<raw body>`: binding the timestamp stops a captured delivery being replayed later. */
export function signatureOf(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

/**
 * The header value for one delivery. During a secret rotation both the new and the previous secret
 * sign, so a receiver that still holds the old secret keeps verifying until it switches.
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, rawBody: string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${signatureOf(s, timestamp, rawBody)}`)].join(',');
}

export type VerificationFailure = 'malformed-header' | 'timestamp-outside-tolerance' | 'signature-mismatch';

export type VerificationResult = { ok: true; timestamp: number } | { ok: false; reason: VerificationFailure };

/**
 * What a receiver does with a delivery: parse the header, refuse a timestamp outside the tolerance,
 * recompute the HMAC over the raw body exactly as received and compare in constant time.
 */
export function verifySignature(input: {
  header: string | undefined | null;
  rawBody: string;
  secret: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): VerificationResult {
  const parts = (input.header ?? '').split(',').map((p) => p.trim().split('='));
  const timestamps = parts.filter(([k]) => k === 't').map(([, v]) => v);
  const candidates = parts.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/.test(v ?? '')).map(([, v]) => v);
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0] ?? '') || candidates.length === 0) {
    return { ok: false, reason: 'malformed-header' };
  }
  const timestamp = Number(timestamps[0]);
  if (Math.abs(input.nowSeconds - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: 'timestamp-outside-tolerance' };
  }
  const expected = Buffer.from(signatureOf(input.secret, timestamp, input.rawBody), 'hex');
  const matches = candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
  return matches ? { ok: true, timestamp } : { ok: false, reason: 'signature-mismatch' };
}
