import jwt from 'jsonwebtoken';
import { signToken, TOKEN_ISSUER, verifyToken } from './token-verifier';

const settings = { secret: 'test-secret', issuer: TOKEN_ISSUER };

describe('verifyToken', () => {
  it('reads role and party from a token the script minted', () => {
    const token = signToken({ role: 'importer', party: 'TRADER-1' }, 'test-secret', TOKEN_ISSUER);
    expect(verifyToken(token, settings)).toEqual({
      subject: 'TRADER-1',
      role: 'importer',
      party: 'TRADER-1',
    });
  });

  it('refuses a token signed with another secret', () => {
    const token = signToken({ role: 'ops', party: 'OPS' }, 'other', TOKEN_ISSUER);
    expect(() => verifyToken(token, settings)).toThrow(/signature/);
  });

  it('refuses an unknown role and an unsigned token', () => {
    const bad = jwt.sign({ role: 'admin', party: 'x' }, 'test-secret', {
      issuer: TOKEN_ISSUER,
      expiresIn: 60,
    });
    expect(() => verifyToken(bad, settings)).toThrow(/role claim/);
    const none = jwt.sign({ role: 'ops', party: 'x' }, '', { algorithm: 'none', issuer: TOKEN_ISSUER });
    expect(() => verifyToken(none, settings)).toThrow();
  });

  it('refuses a token without exp and one valid for ten years', () => {
    const noExp = jwt.sign({ role: 'ops', party: 'x' }, 'test-secret', { issuer: TOKEN_ISSUER });
    expect(() => verifyToken(noExp, settings)).toThrow(/exp/);
    const tenYears = signToken({ role: 'ops', party: 'x' }, 'test-secret', TOKEN_ISSUER, 10 * 365 * 86_400);
    expect(() => verifyToken(tenYears, settings)).toThrow(/exceeds the maximum/);
  });

  it('applies the configured maximum lifetime', () => {
    const day = signToken({ role: 'ops', party: 'x' }, 'test-secret', TOKEN_ISSUER, 86_400);
    expect(verifyToken(day, settings).role).toBe('ops');
    expect(() => verifyToken(day, { ...settings, maxLifetimeSeconds: 3600 })).toThrow(/exceeds/);
  });

  it('keeps the algorithm pinned: an HS256 token is refused when a public key is configured', () => {
    const token = signToken({ role: 'ops', party: 'x' }, 'test-secret', TOKEN_ISSUER);
    expect(() => verifyToken(token, { ...settings, publicKey: 'not-a-key' })).toThrow();
  });
});
