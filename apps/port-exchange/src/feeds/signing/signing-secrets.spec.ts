import { signingSecrets } from './signing-secrets';

const now = new Date('2026-11-29T12:00:00Z');

describe('signingSecrets', () => {
  it('signs with the current secret alone when none was rotated', () => {
    expect(
      signingSecrets({ secret: 'new', previousSecret: null, previousSecretExpiresAt: null }, now),
    ).toEqual(['new']);
  });

  it('adds the previous secret until its grace period ends', () => {
    const rotated = {
      secret: 'new',
      previousSecret: 'old',
      previousSecretExpiresAt: new Date(now.getTime() + 1),
    };
    expect(signingSecrets(rotated, now)).toEqual(['new', 'old']);
    expect(signingSecrets({ ...rotated, previousSecretExpiresAt: now }, now)).toEqual(['new']);
  });
});
