import type { ServiceConfig } from '@tongguan/config';
import { TOKEN_ISSUER, type TokenSettings } from './token-verifier';

/** The settings every verifier of a service uses: the global guard and the live feed alike. */
export function tokenSettingsOf(config: ServiceConfig): TokenSettings {
  return {
    secret: config.JWT_SECRET,
    publicKey: process.env.JWT_PUBLIC_KEY || undefined,
    issuer: TOKEN_ISSUER,
    maxLifetimeSeconds: config.jwtMaxLifetimeSeconds,
  };
}
