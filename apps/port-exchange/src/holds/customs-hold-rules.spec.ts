import { AgencyRegistry, readAgencyRegistry } from '@tongguan/agencies';
import { activeHolds, decideLift, holdOverdue, holdReview } from './customs-hold-rules';

const registry = readAgencyRegistry({});
// Friday 2026-03-06 16:30 China time: one customs working hour left that day, Saturday works (5+1)
const placedAt = new Date('2026-03-06T08:30:00Z');
const review = holdReview(registry, placedAt);
const active = { status: 'active' as const, placedAt, ...review };
const lift = { by: 'CUSTOMS-3', reason: 'goods are genuine', at: new Date('2026-03-07T02:00:00Z') };

describe('holdReview', () => {
  it("is due 16 working hours later on customs' calendar: Friday 16:30 → Monday 17:30 (Sunday closed)", () => {
    // 1 h on Friday, 7.5 h on Saturday, the last 7.5 h on Monday (08:30-12:00, 13:30-17:30)
    expect(review).toEqual({ reviewLimitHours: 16, reviewDueAt: new Date('2026-03-09T09:30:00Z') });
  });

  it('follows the registry: another limit there, another reviewDueAt', () => {
    const data = structuredClone(registry.data);
    data.agencies.find((a) => a.id === 'customs')!.steps.find((s) => s.id === 'hold')!.limitHours = 1;
    expect(holdReview(new AgencyRegistry(data), placedAt)).toEqual({
      reviewLimitHours: 1,
      reviewDueAt: new Date('2026-03-06T09:30:00Z'),
    });
  });
});

describe('decideLift', () => {
  it("lifts an active hold with the officer, the reason, the time and customs' working hours it was held", () => {
    // Saturday 10:00: 1 h Friday + 1.5 h Saturday
    expect(decideLift(active, lift, registry)).toEqual({
      set: {
        status: 'lifted',
        liftedBy: 'CUSTOMS-3',
        liftReason: 'goods are genuine',
        liftedAt: lift.at,
        reviewHours: 2.5,
        liftedWithinLimit: true,
      },
    });
  });

  it('says a lift after reviewDueAt came late, and says nothing of a hold stored without a limit', () => {
    const late = { ...lift, at: new Date('2026-03-09T09:31:00Z') };
    expect(decideLift(active, late, registry)?.set).toMatchObject({ liftedWithinLimit: false });
    expect(decideLift({ status: 'active', placedAt }, late, registry)?.set).not.toHaveProperty(
      'liftedWithinLimit',
    );
  });

  it('refuses to lift a hold that was lifted already', () => {
    expect(decideLift({ ...active, status: 'lifted' }, lift, registry)).toBeNull();
  });
});

describe('holdOverdue', () => {
  const after = new Date(review.reviewDueAt.getTime() + 1000);

  it('is an active hold past its reviewDueAt', () => {
    expect(holdOverdue(active, after)).toBe(true);
    expect(holdOverdue(active, review.reviewDueAt)).toBe(false);
  });

  it('is never a lifted hold, nor one stored without a limit', () => {
    expect(holdOverdue({ ...active, status: 'lifted' }, after)).toBe(false);
    expect(holdOverdue({ status: 'active' }, after)).toBe(false);
  });
});

describe('activeHolds', () => {
  it('keeps only the holds that are still active', () => {
    expect(
      activeHolds([
        { _id: 'h-1', status: 'lifted', reason: 'old' },
        { _id: 'h-2', status: 'active', reason: 'IPR' },
      ]),
    ).toEqual([{ id: 'h-2', reason: 'IPR' }]);
  });
});
