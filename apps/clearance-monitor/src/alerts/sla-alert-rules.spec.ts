import { afterAttempt, alertDue, backoffMs } from './sla-alert-rules';

describe('which SLA alert is due', () => {
  const atRisk = { sla: 'at-risk', atRiskReason: 'prediction' } as const;
  const breached = { sla: 'breached', atRiskReason: 'elapsed' } as const;

  it('raises at risk once, then the breach once', () => {
    expect(alertDue({}, atRisk)).toBe('at-risk');
    expect(alertDue({ atRiskAlerted: true }, atRisk)).toBeNull();
    expect(alertDue({ atRiskAlerted: true }, breached)).toBe('breached');
    expect(alertDue({ atRiskAlerted: true, breachAlerted: true }, breached)).toBeNull();
  });

  it('goes straight to the breach when the shipment was never at risk, and never back', () => {
    expect(alertDue({}, breached)).toBe('breached');
    expect(alertDue({ breachAlerted: true }, atRisk)).toBeNull();
  });

  it('raises nothing on track', () => {
    expect(alertDue({}, { sla: 'on-track', atRiskReason: null })).toBeNull();
  });
});

describe('alert webhook retries', () => {
  const policy = { attempts: 3, backoffMs: 1000 };
  const now = Date.parse('2026-03-02T00:00:00.000Z');

  it('waits the base before the first retry and twice as long after each failure', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(1000, attempt))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('retries a failed POST after the backoff and gives up after the last attempt', () => {
    expect(afterAttempt(2, 'HTTP 503', policy, now)).toEqual({
      webhookStatus: 'pending',
      webhookNextAt: new Date(now + 2000),
      webhookLastError: 'HTTP 503',
    });
    expect(afterAttempt(3, 'HTTP 503', policy, now)).toMatchObject({
      webhookStatus: 'failed',
      webhookNextAt: null,
    });
  });

  it('is done once the receiver took it', () => {
    expect(afterAttempt(3, null, policy, now)).toEqual({
      webhookStatus: 'delivered',
      webhookNextAt: null,
      webhookLastError: null,
    });
  });
});
