import jwt from 'jsonwebtoken';
import { ROLES, type Principal, type Role } from './roles';

export interface TokenSettings {
  /** HS256 shared secret (local runs). */
  secret: string;
  /** RS256 public key (PEM) for production; when set, HS256 tokens are refused. */
  publicKey?: string;
  issuer: string;
}

export class InvalidTokenError extends Error {}

export function verifyToken(token: string, settings: TokenSettings): Principal {
  let claims: jwt.JwtPayload | string;
  try {
    claims = settings.publicKey
      ? jwt.verify(token, settings.publicKey, { algorithms: ['RS256'], issuer: settings.issuer })
      : jwt.verify(token, settings.secret, { algorithms: ['HS256'], issuer: settings.issuer });
  } catch (error) {
    throw new InvalidTokenError((error as Error).message);
  }
  if (typeof claims === 'string') throw new InvalidTokenError('token payload must be a JSON object');
  const role = claims.role as unknown;
  const party = claims.party as unknown;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new InvalidTokenError(`role claim must be one of ${ROLES.join(', ')}`);
  }
  if (typeof party !== 'string' || party.length === 0 || party.length > 64) {
    throw new InvalidTokenError('party claim must be a non-empty string');
  }
  return { subject: claims.sub ?? party, role: role as Role, party };
}

export function signToken(
  principal: { role: Role; party: string; subject?: string },
  secret: string,
  issuer: string,
  expiresInSeconds = 12 * 3600,
): string {
  return jwt.sign({ role: principal.role, party: principal.party }, secret, {
    algorithm: 'HS256',
    subject: principal.subject ?? principal.party,
    issuer,
    expiresIn: expiresInSeconds,
  });
}

export const TOKEN_ISSUER = 'tongguan';
