import { ABANDONED_CLAIM_MS, isHeld } from './shipment-claim';

describe('who holds a B/L', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  const claimedAt = new Date(now.getTime() - 50);

  it('is free with no claim, and held by an active declaration', () => {
    expect(isHeld(null, null, now)).toBe(false);
    expect(isHeld({ active: null }, null, now)).toBe(false);
    expect(isHeld({ active: 'd1', claimedAt }, 'accepted', now)).toBe(true);
    expect(isHeld({ active: 'd1', claimedAt }, 'released', now)).toBe(true);
  });

  it('is free again once its declaration was withdrawn or refused', () => {
    expect(isHeld({ active: 'd1', claimedAt }, 'cancelled', now)).toBe(false);
    expect(isHeld({ active: 'd1', claimedAt }, 'refused', now)).toBe(false);
  });

  it('is held by a fresh claim whose declaration is still being stored (the racing lodgement)', () => {
    expect(isHeld({ active: 'd1', claimedAt }, null, now)).toBe(true);
  });

  it('is given up when the claimed declaration never appeared within the grace', () => {
    const stale = new Date(now.getTime() - ABANDONED_CLAIM_MS - 1);
    expect(isHeld({ active: 'd1', claimedAt: stale }, null, now)).toBe(false);
    expect(isHeld({ active: 'd1' }, null, now)).toBe(false);
  });
});
