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
    const bad = jwt.sign({ role: 'admin', party: 'x' }, 'test-secret', { issuer: TOKEN_ISSUER });
    expect(() => verifyToken(bad, settings)).toThrow(/role claim/);
    const none = jwt.sign({ role: 'ops', party: 'x' }, '', { algorithm: 'none', issuer: TOKEN_ISSUER });
    expect(() => verifyToken(none, settings)).toThrow();
  });
});
