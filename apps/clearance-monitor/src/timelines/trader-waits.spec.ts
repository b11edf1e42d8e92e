import {
  coveredHours,
  traderWaitHours,
  waitIntervals,
  waitingFor,
  withWaitEnd,
  type TraderWait,
} from './trader-waits';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();
const ms = (hours: number) => T0 + hours * 3_600_000;

const wait = (kind: TraderWait['kind'], id: string, from: number | null, to: number | null): TraderWait => ({
  kind,
  id,
  requestedAt: from === null ? null : at(from),
  answeredAt: to === null ? null : at(to),
});

describe('waits for the trader', () => {
  it('keeps the earliest time of each end, sorted by kind and id, whichever end arrives first', () => {
    let waits: TraderWait[] = [];
    waits = withWaitEnd(waits, 'payment', 'P1', 'answeredAt', at(5));
    waits = withWaitEnd(waits, 'notice', 'R2', 'requestedAt', at(3));
    waits = withWaitEnd(waits, 'payment', 'P1', 'requestedAt', at(2));
    waits = withWaitEnd(waits, 'payment', 'P1', 'answeredAt', at(6)); // re-announced later: 5 stands
    waits = withWaitEnd(waits, 'notice', 'R1', 'requestedAt', at(1));
    expect(waits).toEqual([
      wait('notice', 'R1', 1, null),
      wait('notice', 'R2', 3, null),
      wait('payment', 'P1', 2, 5),
    ]);
  });

  it('counts overlapping waits once, an open wait up to the end given, an unseen request not at all', () => {
    // notice 1–4 and payment 3–6 overlap by 1 h: 5 h; notice R2 open from 8, counted to 10: 2 h more;
    // an answer whose request never came (customs' own query) measures nothing
    const waits = [
      wait('notice', 'R1', 1, 4),
      wait('notice', 'R2', 8, null),
      wait('notice', 'Q9', null, 7),
      wait('payment', 'P1', 3, 6),
    ];
    expect(traderWaitHours(waits, ms(10))).toBe(7);
    expect(traderWaitHours(waits, ms(5))).toBe(4); // up to 5: 1–5
    expect(coveredHours(waitIntervals(waits, ['notice'], ms(10)), ms(2), ms(9))).toBe(3); // 2–4 and 8–9
    expect(traderWaitHours([], ms(10))).toBe(0);
  });

  it('tells whether a wait of a kind is still open', () => {
    expect(waitingFor([wait('notice', 'R1', 1, null)], 'notice')).toBe(true);
    expect(waitingFor([wait('notice', 'R1', 1, null)], 'payment')).toBe(false);
    expect(waitingFor([wait('payment', 'P1', 1, 2)], 'payment')).toBe(false);
    expect(waitingFor(undefined, 'payment')).toBe(false);
  });
});
