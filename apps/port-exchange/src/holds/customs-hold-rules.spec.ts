import { activeHolds, decideLift } from './customs-hold-rules';

const lift = { by: 'CUSTOMS-3', reason: 'goods are genuine', at: new Date('2026-03-02T08:00:00Z') };

describe('decideLift', () => {
  it('lifts an active hold with the officer, the reason and the time', () => {
    expect(decideLift({ status: 'active' }, lift)).toEqual({
      set: { status: 'lifted', liftedBy: 'CUSTOMS-3', liftReason: 'goods are genuine', liftedAt: lift.at },
    });
  });

  it('refuses to lift a hold that was lifted already', () => {
    expect(decideLift({ status: 'lifted' }, lift)).toBeNull();
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
