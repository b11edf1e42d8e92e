import { Events, Topics } from '@tongguan/contracts';
import { provenanceProblem } from './provenance';

describe('provenanceProblem', () => {
  const settled = Events.PaymentSettled;

  it('accepts an event on its own topic from the service its contract names', () => {
    expect(provenanceProblem(settled, { source: 'logistics-trading' }, Topics.logistics)).toBeNull();
  });

  it('refuses a ce_source other than the producing service (SOURCE_MISMATCH)', () => {
    expect(provenanceProblem(settled, { source: 'attacker' }, Topics.logistics)).toMatchObject({
      reason: 'SOURCE_MISMATCH',
      error: expect.stringContaining('attacker'),
    });
    expect(provenanceProblem(settled, { source: 'declaration' }, Topics.logistics)?.reason).toBe(
      'SOURCE_MISMATCH',
    );
  });

  it('refuses the right source on another topic (TOPIC_MISMATCH), checked first', () => {
    expect(provenanceProblem(settled, { source: 'logistics-trading' }, Topics.inspection)).toMatchObject({
      reason: 'TOPIC_MISMATCH',
    });
    expect(provenanceProblem(settled, { source: 'attacker' }, Topics.declaration)?.reason).toBe(
      'TOPIC_MISMATCH',
    );
  });
});
