import { AgencyRegistry, readAgencyRegistry } from '@tongguan/agencies';
import { answerLimit, answerOverdue, answerTiming } from './notice-timing';

const registry = readAgencyRegistry({});
// Saturday 2026-03-07 16:00 China time: the trader's time runs through the weekend and the night
const SATURDAY_1600 = new Date('2026-03-07T08:00:00Z');

describe('notice answer limit', () => {
  it("gives the trader the registry's 72 hours, every hour counting: due Tuesday 16:00", () => {
    expect(answerLimit(registry, SATURDAY_1600, false)).toEqual({
      answerLimitHours: 72,
      answerDueAt: new Date('2026-03-10T08:00:00Z'),
    });
  });

  it("has no green limit in the registry, so the green channel's is the same; one set there shortens it", () => {
    expect(answerLimit(registry, SATURDAY_1600, true).answerLimitHours).toBe(72);
    const data = structuredClone(registry.data);
    data.traderSteps.steps.find((s) => s.id === 'notice-answer')!.greenLimitHours = 24;
    const greener = new AgencyRegistry(data);
    expect(answerLimit(greener, SATURDAY_1600, true)).toEqual({
      answerLimitHours: 24,
      answerDueAt: new Date('2026-03-08T08:00:00Z'),
    });
    expect(answerLimit(greener, SATURDAY_1600, false).answerLimitHours).toBe(72);
  });
});

describe('notice answer timing', () => {
  const notice = { openedAt: SATURDAY_1600, ...answerLimit(registry, SATURDAY_1600, false) };

  it('bills the whole wait to the trader, nights and Sunday included, within the limit by answerDueAt', () => {
    // Monday 09:30: 41.5 hours later
    expect(answerTiming(registry, notice, new Date('2026-03-09T01:30:00Z'))).toEqual({
      traderHours: 41.5,
      answeredWithinLimit: true,
    });
    expect(answerTiming(registry, notice, notice.answerDueAt).answeredWithinLimit).toBe(true);
  });

  it('is late after answerDueAt', () => {
    expect(answerTiming(registry, notice, new Date('2026-03-10T09:00:00Z'))).toEqual({
      traderHours: 73,
      answeredWithinLimit: false,
    });
  });
});

describe('notice answer overdue', () => {
  const answerDueAt = new Date('2026-03-10T08:00:00Z');
  const later = new Date('2026-03-10T08:00:01Z');

  it('is an open notice past its answerDueAt, never an answered one', () => {
    expect(answerOverdue({ status: 'open', answerDueAt }, later)).toBe(true);
    expect(answerOverdue({ status: 'open', answerDueAt }, answerDueAt)).toBe(false);
    expect(answerOverdue({ status: 'answered', answerDueAt }, later)).toBe(false);
  });
});
