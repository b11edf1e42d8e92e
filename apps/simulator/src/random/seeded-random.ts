/**
 * A small seeded pseudo-random generator (mulberry32 over a 32-bit FNV-1a hash of the seed) with the
 * distributions the traffic model draws from. The same seed gives the same sequence on every machine,
 * which is what makes a simulated day reproducible and replayable.
 */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: string) {
    this.state = hashSeed(seed);
  }

  /** An independent stream for one purpose (e.g. one shipment), so adding a draw elsewhere changes nothing here. */
  fork(label: string): SeededRandom {
    return new SeededRandom(`${this.seed}/${label}`);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** An integer in [min, max]. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Exponential with the given mean (inter-arrival times of a Poisson process, service times). */
  exponential(mean: number): number {
    // 1 - next() is in (0, 1], so the logarithm is finite
    return -mean * Math.log(1 - this.next());
  }

  /** Standard normal (Box-Muller; one of the pair is dropped to keep the stream simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Lognormal given by its median and the standard deviation of its logarithm: how Time Release
   * Studies find stage durations spread (most short, a long tail).
   */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
