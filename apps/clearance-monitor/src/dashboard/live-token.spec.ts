import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { signToken, TOKEN_ISSUER } from '@tongguan/auth';
import { bearerOf, verifyLiveReader } from './live-token';

const settings = { secret: 'test-secret', issuer: TOKEN_ISSUER };
const token = (role: 'ops' | 'importer', secret = 'test-secret') =>
  signToken({ role, party: 'P-1' }, secret, TOKEN_ISSUER, 600);

describe('verifyLiveReader', () => {
  it('admits an ops token and tells when it expires', () => {
    const before = Date.now();
    const { principal, expiresAtMs } = verifyLiveReader(token('ops'), settings);
    expect(principal).toMatchObject({ role: 'ops', party: 'P-1' });
    expect(expiresAtMs).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 599_000);
  });

  it('refuses a missing or forged token with 401 and another role with 403, naming the token', () => {
    expect(() => verifyLiveReader(undefined, settings)).toThrow(UnauthorizedException);
    expect(() => verifyLiveReader(token('ops', 'other-secret'), settings)).toThrow(UnauthorizedException);
    try {
      verifyLiveReader(token('importer'), settings);
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenException);
      expect((error as ForbiddenException).getResponse()).toMatchObject({
        code: 'AUTH.ROLE_FORBIDDEN',
        errors: [{ path: 'token', code: 'ROLE_FORBIDDEN' }],
      });
    }
  });
});

describe('bearerOf', () => {
  it('prefers the query parameter and falls back to the Authorization header', () => {
    expect(bearerOf('q', 'Bearer h')).toBe('q');
    expect(bearerOf(undefined, 'Bearer h')).toBe('h');
    expect(bearerOf(undefined, 'Basic h')).toBeUndefined();
    expect(bearerOf('', undefined)).toBeUndefined();
  });
});
