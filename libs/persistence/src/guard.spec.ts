import { matches } from './guard';

describe('write guards checked on the document read', () => {
  const doc = {
    status: 'claimed',
    ownerId: 'OFFICER-1',
    paid: false,
    at: new Date('2026-01-01'),
    nested: { n: 2 },
  };

  it('matches plain equality, with null matching a missing field', () => {
    expect(matches(doc, { status: 'claimed', ownerId: 'OFFICER-1' })).toBe(true);
    expect(matches(doc, { status: 'open' })).toBe(false);
    expect(matches(doc, { releasedAt: null })).toBe(true);
    expect(matches(doc, { paid: null })).toBe(false);
    expect(matches(doc, { at: new Date('2026-01-01') })).toBe(true);
    expect(matches(doc, { 'nested.n': 2 })).toBe(true);
  });

  it('matches a value against an array that contains it, as MongoDB does', () => {
    const tally = { recent: ['D1', 'D2'] };
    expect(matches(tally, { recent: 'D1' })).toBe(true);
    expect(matches(tally, { recent: { $ne: 'D1' } })).toBe(false);
    expect(matches(tally, { recent: { $ne: 'D3' } })).toBe(true);
    expect(matches(tally, { recent: { $in: ['D3', 'D2'] } })).toBe(true);
  });

  it('knows $in, $ne and $exists', () => {
    expect(matches(doc, { status: { $in: ['open', 'claimed'] } })).toBe(true);
    expect(matches(doc, { status: { $in: ['open'] } })).toBe(false);
    expect(matches(doc, { ownerId: { $ne: 'OFFICER-2' } })).toBe(true);
    expect(matches(doc, { releasedAt: { $exists: false } })).toBe(true);
    expect(matches(doc, { ownerId: { $exists: false } })).toBe(false);
  });

  it('compares numbers and dates, and combines conditions with $or', () => {
    const slot = { reserved: 2, version: 3, at: new Date('2026-01-01') };
    expect(matches(slot, { reserved: { $lt: 3 } })).toBe(true);
    expect(matches(slot, { reserved: { $lt: 2 } })).toBe(false);
    expect(matches(slot, { at: { $exists: true, $gte: new Date('2025-12-31') } })).toBe(true);
    expect(matches(slot, { reserved: { $gt: '1' } })).toBe(false);
    const newer = { $or: [{ version: { $exists: false } }, { version: { $lt: 4 } }] };
    expect(matches(slot, newer)).toBe(true);
    expect(matches({ version: 5 }, newer)).toBe(false);
    expect(matches({}, newer)).toBe(true);
  });

  it('refuses an operator it does not know rather than guessing', () => {
    expect(() => matches(doc, { tags: { $size: 1 } })).toThrow(/\$size is not supported/);
  });
});
