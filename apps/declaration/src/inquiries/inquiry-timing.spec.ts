import { AgencyRegistry, readAgencyRegistry } from '@tongguan/agencies';
import { answerTiming, inquiryLimit, isOverdue } from './inquiry-timing';

const registry = readAgencyRegistry({});
// Friday 2026-03-06 16:30 China time: one customs working hour left that day, Saturday is a working day (5+1)
const FRIDAY_1630 = new Date('2026-03-06T08:30:00Z');

describe('inquiry limit', () => {
  it("is due 4 working hours later on customs' calendar: Friday 16:30 → Saturday 11:30", () => {
    expect(inquiryLimit(registry, FRIDAY_1630, false)).toEqual({
      greenChannel: false,
      limitHours: 4,
      dueAt: new Date('2026-03-07T03:30:00Z'),
    });
  });

  it("takes the green channel's 2 hours for a green-channel shipment: Saturday 09:30", () => {
    expect(inquiryLimit(registry, FRIDAY_1630, true)).toMatchObject({
      limitHours: 2,
      dueAt: new Date('2026-03-07T01:30:00Z'),
    });
  });

  it('follows the registry: another limit there, another dueAt', () => {
    const data = structuredClone(registry.data);
    data.agencies.find((a) => a.id === 'customs')!.steps.find((s) => s.id === 'inquiry-answer')!.limitHours =
      8;
    // 1 h on Friday, 7 on Saturday (08:30-12:00, 13:30-17:00)
    expect(inquiryLimit(new AgencyRegistry(data), FRIDAY_1630, false).dueAt).toEqual(
      new Date('2026-03-07T09:00:00Z'),
    );
  });
});

describe('answer timing', () => {
  const inquiry = { openedAt: FRIDAY_1630, ...inquiryLimit(registry, FRIDAY_1630, false) };

  it('counts working hours only (the evening and night are not customs time) and is within the limit by dueAt', () => {
    // Saturday 10:00: 1 h on Friday + 1.5 h on Saturday
    expect(answerTiming(registry, inquiry, new Date('2026-03-07T02:00:00Z'))).toEqual({
      answerHours: 2.5,
      withinLimit: true,
    });
    expect(answerTiming(registry, inquiry, inquiry.dueAt).withinLimit).toBe(true);
  });

  it('is late one minute after dueAt', () => {
    expect(answerTiming(registry, inquiry, new Date('2026-03-07T03:31:00Z'))).toEqual({
      answerHours: 4.017,
      withinLimit: false,
    });
  });
});

describe('overdue', () => {
  const dueAt = new Date('2026-03-07T03:30:00Z');

  it('is an unanswered inquiry past its dueAt, open or claimed', () => {
    expect(isOverdue({ status: 'open', dueAt }, new Date('2026-03-07T03:30:01Z'))).toBe(true);
    expect(isOverdue({ status: 'claimed', dueAt }, new Date('2026-03-09T00:00:00Z'))).toBe(true);
  });

  it('is not one at its dueAt, nor an answered one however late', () => {
    expect(isOverdue({ status: 'open', dueAt }, dueAt)).toBe(false);
    expect(isOverdue({ status: 'answered', dueAt }, new Date('2026-03-09T00:00:00Z'))).toBe(false);
  });
});
