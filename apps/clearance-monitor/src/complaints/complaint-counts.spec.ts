import { countByAgencyStep } from './complaint-counts';

describe('countByAgencyStep', () => {
  it('counts filed and escalated complaints per agency and step, the agency as a whole first', () => {
    const counts = countByAgencyStep([
      { agency: 'licensing', step: 'licence-verification', escalated: true },
      { agency: 'customs', step: null, escalated: false },
      { agency: 'licensing', step: 'licence-verification', escalated: false },
      { agency: 'customs', step: 'acceptance-review', escalated: true },
      { agency: 'customs', escalated: false },
    ]);
    expect(counts).toEqual([
      { agency: 'customs', step: null, filed: 2, escalated: 0 },
      { agency: 'customs', step: 'acceptance-review', filed: 1, escalated: 1 },
      { agency: 'licensing', step: 'licence-verification', filed: 2, escalated: 1 },
    ]);
  });

  it('is empty for a window without complaints', () => {
    expect(countByAgencyStep([])).toEqual([]);
  });
});
