import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { InvalidTokenError, verifyTokenClaims, type Principal, type TokenSettings } from '@tongguan/auth';

const problem = (code: string, message: string) => ({
  code: `AUTH.${code}`,
  message,
  errors: [{ path: 'token', code, message }],
});

/**
 * EventSource cannot send an Authorization header, so the live feed takes the bearer token as a
 * query parameter (or the header, for curl) and checks it here exactly as the global guard would:
 * same verifier, role ops. Answers when the token expires (every token has to say), so the stream
 * ends then.
 */
export function verifyLiveReader(
  token: string | undefined,
  settings: TokenSettings,
): { principal: Principal; expiresAtMs: number } {
  if (!token) {
    throw new UnauthorizedException(
      problem('TOKEN_MISSING', 'a bearer token is required: ?token=<token> or Authorization: Bearer'),
    );
  }
  let verified: { principal: Principal; expiresAtMs: number };
  try {
    verified = verifyTokenClaims(token, settings);
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      throw new UnauthorizedException(problem('TOKEN_INVALID', error.message));
    }
    throw error;
  }
  const { role } = verified.principal;
  if (role !== 'ops') {
    throw new ForbiddenException(problem('ROLE_FORBIDDEN', `role ${role} may not do this; needs ops`));
  }
  return verified;
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
