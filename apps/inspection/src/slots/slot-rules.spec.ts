import type { InspectionSite } from './inspection-sites';
import { poolsFor } from './slot-rules';

const site: InspectionSite = { id: 'SZ-YANTIAN', name: 'Yantian', dailySlots: 3, greenReservedSlots: 1 };

describe('slot pools', () => {
  it('gives the green channel its reserved slots first, then ordinary ones', () => {
    expect(poolsFor(site, true)).toEqual([
      { counter: 'green', capacity: 1 },
      { counter: 'standard', capacity: 2 },
    ]);
  });

  it('gives other shipments the ordinary slots only', () => {
    expect(poolsFor(site, false)).toEqual([{ counter: 'standard', capacity: 2 }]);
  });

  it('leaves out a pool without capacity', () => {
    expect(poolsFor({ ...site, greenReservedSlots: 0 }, true)).toEqual([
      { counter: 'standard', capacity: 3 },
    ]);
    expect(poolsFor({ ...site, greenReservedSlots: 3 }, false)).toEqual([]);
  });
});
