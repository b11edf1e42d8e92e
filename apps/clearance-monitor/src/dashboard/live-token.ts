import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { InvalidTokenError, verifyToken, type Principal, type TokenSettings } from '@tongguan/auth';
import jwt from 'jsonwebtoken';

const problem = (code: string, message: string) => ({
  code: `AUTH.${code}`,
  message,
  errors: [{ path: 'token', code, message }],
});

/**
 * EventSource cannot send an Authorization header, so the live feed takes the bearer token as a
 * query parameter (or the header, for curl) and checks it here exactly as the global guard would:
 * same verifier, role ops. Answers when the token expires, so the stream can end then.
 */
export function verifyLiveReader(
  token: string | undefined,
  settings: TokenSettings,
): { principal: Principal; expiresAtMs: number | null } {
  if (!token) {
    throw new UnauthorizedException(
      problem('TOKEN_MISSING', 'a bearer token is required: ?token=<token> or Authorization: Bearer'),
    );
  }
  let principal: Principal;
  try {
    principal = verifyToken(token, settings);
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      throw new UnauthorizedException(problem('TOKEN_INVALID', error.message));
    }
    throw error;
  }
  if (principal.role !== 'ops') {
    throw new ForbiddenException(
      problem('ROLE_FORBIDDEN', `role ${principal.role} may not do this; needs ops`),
    );
  }
  const exp = (jwt.decode(token) as jwt.JwtPayload | null)?.exp;
  return { principal, expiresAtMs: typeof exp === 'number' ? exp * 1000 : null };
}

/** The token a request carries: the query parameter, else the Authorization header. */
export function bearerOf(
  queryToken: string | undefined,
  authorization: string | undefined,
): string | undefined {
  if (queryToken) return queryToken;
  const [scheme, token] = (authorization ?? '').split(' ');
  return scheme === 'Bearer' && token ? token : undefined;
}
