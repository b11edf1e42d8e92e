/** How long a bearer token may live, and the slack allowed between the issuer's clock and ours. */
export interface LifetimePolicy {
  maxLifetimeSeconds: number;
  clockToleranceSeconds: number;
}

export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;
export const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Why a token's lifetime is refused, or null when it is fine. A token must say when it expires, must
 * not have been issued for longer than the maximum (exp − iat), must not stay valid for longer than
 * the maximum from now (exp − now: what bounds a token whose iat is missing or set in the future),
 * and must not claim to have been issued in the future.
 */
export function lifetimeProblem(
  claims: { exp?: unknown; iat?: unknown },
  nowSeconds: number,
  policy: LifetimePolicy,
): string | null {
  const { maxLifetimeSeconds: max, clockToleranceSeconds: slack } = policy;
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) {
    return 'token must carry an expiry (exp claim)';
  }
  if (claims.iat !== undefined) {
    if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) return 'iat claim must be a number';
    if (claims.iat > nowSeconds + slack) return 'token was issued in the future (iat claim)';
    if (claims.exp - claims.iat > max) {
      return `token lifetime ${claims.exp - claims.iat} s exceeds the maximum of ${max} s`;
    }
  }
  if (claims.exp - nowSeconds > max + slack) {
    return `token stays valid for ${Math.round(claims.exp - nowSeconds)} s, more than the maximum of ${max} s`;
  }
  return null;
}
