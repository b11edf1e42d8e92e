import { generateKeyPairSync } from 'node:crypto';
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

  it('verifies RS256 against the configured public key, and refuses an HS256 token then', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rs = { ...settings, publicKey: pem };
    const token = jwt.sign({ role: 'port', party: 'TERMINAL-1' }, privateKey, {
      algorithm: 'RS256',
      issuer: TOKEN_ISSUER,
      expiresIn: 60,
    });
    // twice: the second call uses the key parsed by the first
    expect(verifyToken(token, rs).party).toBe('TERMINAL-1');
    expect(verifyToken(token, rs).party).toBe('TERMINAL-1');
    const hs = signToken({ role: 'ops', party: 'x' }, 'test-secret', TOKEN_ISSUER);
    expect(() => verifyToken(hs, rs)).toThrow();
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
