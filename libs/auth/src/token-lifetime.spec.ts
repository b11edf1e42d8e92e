import { lifetimeProblem } from './token-lifetime';

const policy = { maxLifetimeSeconds: 24 * 3600, clockToleranceSeconds: 60 };
const now = 1_800_000_000;
const YEAR = 365 * 24 * 3600;

describe('lifetimeProblem', () => {
  it('accepts a token issued now for 12 hours, and one for exactly the maximum', () => {
    expect(lifetimeProblem({ iat: now, exp: now + 12 * 3600 }, now, policy)).toBeNull();
    expect(lifetimeProblem({ iat: now, exp: now + 24 * 3600 }, now, policy)).toBeNull();
  });

  it('refuses a token without exp', () => {
    expect(lifetimeProblem({ iat: now }, now, policy)).toMatch(/exp/);
    expect(lifetimeProblem({ iat: now, exp: 'soon' }, now, policy)).toMatch(/exp/);
  });

  it('refuses a token issued for ten years, even when it is read near its end', () => {
    expect(lifetimeProblem({ iat: now, exp: now + 10 * YEAR }, now, policy)).toMatch(/exceeds the maximum/);
    const nearEnd = now + 10 * YEAR - 3600;
    expect(lifetimeProblem({ iat: now, exp: now + 10 * YEAR }, nearEnd, policy)).toMatch(/exceeds/);
  });

  it('bounds a token without iat by exp − now', () => {
    expect(lifetimeProblem({ exp: now + 3600 }, now, policy)).toBeNull();
    expect(lifetimeProblem({ exp: now + 10 * YEAR }, now, policy)).toMatch(/stays valid/);
  });

  it('refuses an iat in the future, which would hide a long lifetime', () => {
    const iat = now + 10 * YEAR;
    expect(lifetimeProblem({ iat, exp: iat + 3600 }, now, policy)).toMatch(/future/);
    expect(lifetimeProblem({ iat: now + 30, exp: now + 3600 }, now, policy)).toBeNull(); // within the slack
  });
});
