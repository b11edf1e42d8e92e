import { AgencyRegistry, readAgencyRegistry } from '@tongguan/agencies';
import { paymentLimit, paymentOverdue, settledWithinLimit } from './payment-limit';

const registry = readAgencyRegistry({});
// Saturday 2026-03-07 18:00 China time: the trader's calendar counts every hour, weekend included
const requestedAt = new Date('2026-03-07T10:00:00Z');

describe('payment limit', () => {
  it("is the registry's trader/payment limit in hours of the trader's calendar: 24 hours, Sunday 18:00", () => {
    expect(paymentLimit(registry, requestedAt)).toEqual({
      limitHours: 24,
      dueAt: new Date('2026-03-08T10:00:00Z'),
    });
  });

  it('follows the registry: another limit there, another dueAt', () => {
    const data = structuredClone(registry.data);
    data.traderSteps.steps.find((s) => s.id === 'payment')!.limitHours = 48;
    expect(paymentLimit(new AgencyRegistry(data), requestedAt).dueAt).toEqual(
      new Date('2026-03-09T10:00:00Z'),
    );
  });
});

describe('settled within limit', () => {
  const dueAt = new Date('2026-03-08T10:00:00Z');

  it('is a settlement by dueAt; one a second later is not', () => {
    expect(settledWithinLimit(dueAt, dueAt)).toBe(true);
    expect(settledWithinLimit(dueAt, new Date('2026-03-08T10:00:01Z'))).toBe(false);
  });

  it('is unknown for a request stored before requests had a dueAt', () => {
    expect(settledWithinLimit(undefined, dueAt)).toBeUndefined();
  });
});

describe('payment overdue', () => {
  const dueAt = new Date('2026-03-08T10:00:00Z');
  const after = new Date('2026-03-08T10:00:01Z');

  it('is a request still unpaid past its dueAt', () => {
    expect(paymentOverdue({ status: 'requested', dueAt }, after)).toBe(true);
    expect(paymentOverdue({ status: 'requested', dueAt }, dueAt)).toBe(false);
  });

  it('is never a settled or cancelled payment, nor one without a dueAt', () => {
    expect(paymentOverdue({ status: 'settled', dueAt }, after)).toBe(false);
    expect(paymentOverdue({ status: 'cancelled', dueAt }, after)).toBe(false);
    expect(paymentOverdue({ status: 'requested' }, after)).toBe(false);
  });
});
