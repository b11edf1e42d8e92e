import { distributionProblems, draw } from './distribution';
import { SeededRandom } from './seeded-random';

const sample = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const first = new SeededRandom('day-1');
    const second = new SeededRandom('day-1');
    const other = new SeededRandom('day-2');
    const xs = sample(20, () => first.next());
    expect(sample(20, () => second.next())).toEqual(xs);
    expect(sample(20, () => other.next())).not.toEqual(xs);
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const random = new SeededRandom('spread');
    const xs = sample(20_000, () => random.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 1);
    expect(xs.filter((x) => x < 0.1).length / xs.length).toBeCloseTo(0.1, 1);
  });

  it('forks independent streams: a draw on one fork does not move another', () => {
    const root = new SeededRandom('root');
    const untouched = root.fork('shipment-2').next();
    const busy = root.fork('shipment-1');
    busy.next();
    busy.next();
    expect(root.fork('shipment-2').next()).toBe(untouched);
  });

  it('draws exponential times with the given mean', () => {
    const random = new SeededRandom('exp');
    const xs = sample(20_000, () => random.exponential(3));
    expect(mean(xs)).toBeGreaterThan(2.85);
    expect(mean(xs)).toBeLessThan(3.15);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
  });

  it('draws lognormal times around the given median with a long right tail', () => {
    const random = new SeededRandom('lognormal');
    const xs = sample(20_000, () => random.lognormal(4, 0.6));
    expect(median(xs)).toBeGreaterThan(3.8);
    expect(median(xs)).toBeLessThan(4.2);
    expect(mean(xs)).toBeGreaterThan(median(xs));
  });

  it('chance(p) is true about p of the time', () => {
    const random = new SeededRandom('chance');
    const hits = sample(20_000, () => random.chance(0.2)).filter(Boolean).length;
    expect(hits / 20_000).toBeCloseTo(0.2, 1);
  });
});

describe('draw', () => {
  it('draws each kind of distribution, capping a lognormal at its max', () => {
    const random = new SeededRandom('draw');
    expect(draw(random, { dist: 'fixed', value: 2 })).toBe(2);
    const u = draw(random, { dist: 'uniform', min: 1, max: 2 });
    expect(u).toBeGreaterThanOrEqual(1);
    expect(u).toBeLessThan(2);
    const capped = sample(2000, () => draw(random, { dist: 'lognormal', median: 5, sigma: 2, max: 6 }));
    expect(Math.max(...capped)).toBe(6);
  });

  it('lists every problem of a malformed distribution', () => {
    expect(distributionProblems('x', { dist: 'lognormal', median: -1 })).toEqual([
      'x.median: must be a number >= 0',
      'x.sigma: must be a number >= 0',
    ]);
    expect(distributionProblems('x', { dist: 'poisson' })).toEqual([
      'x.dist: must be one of fixed, uniform, exponential, lognormal',
    ]);
    expect(distributionProblems('x', { dist: 'uniform', min: 3, max: 1, mean: 2 })).toEqual([
      'x.mean: unknown field for a uniform distribution',
      'x.max: must not be below min',
    ]);
    expect(distributionProblems('x', { dist: 'exponential', mean: 2 })).toEqual([]);
  });
});
