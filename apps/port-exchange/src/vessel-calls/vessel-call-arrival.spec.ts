import { decideFirstDischarge, decideReportedArrival } from './vessel-call-arrival';

const now = new Date('2026-03-02T08:00:00Z');
const ata = new Date('2026-03-02T05:40:00Z');

describe('decideReportedArrival', () => {
  it('records the ATA of a call that has none', () => {
    expect(decideReportedArrival({}, ata, now)).toEqual({
      kind: 'record',
      change: { set: { ata, ataSource: 'reported' } },
    });
  });

  it('replaces an ATA taken from the first discharge with an earlier reported one', () => {
    const call = { ata: new Date('2026-03-02T06:00:00Z'), ataSource: 'first-discharge' as const };
    expect(decideReportedArrival(call, ata, now).kind).toBe('record');
  });

  it('lists every problem at once: in the future and after the first discharge', () => {
    const call = { ata: new Date('2026-03-02T06:00:00Z'), ataSource: 'first-discharge' as const };
    const decision = decideReportedArrival(call, new Date('2026-03-02T09:00:00Z'), now);
    expect(decision.kind === 'invalid' && decision.problems.map((p) => p.code)).toEqual([
      'ATA_IN_FUTURE',
      'ATA_AFTER_DISCHARGE',
    ]);
  });

  it('changes nothing when the same ATA is reported again, and refuses another one', () => {
    const call = { ata, ataSource: 'reported' as const };
    expect(decideReportedArrival(call, new Date(ata), now)).toEqual({ kind: 'unchanged' });
    expect(decideReportedArrival(call, new Date('2026-03-02T05:00:00Z'), now)).toEqual({
      kind: 'conflict',
      reported: ata,
    });
  });
});

describe('decideFirstDischarge', () => {
  it('takes the first discharge as the ATA of a call without one, and only then', () => {
    const at = new Date('2026-03-02T07:00:00Z');
    expect(decideFirstDischarge({}, at)).toEqual({ set: { ata: at, ataSource: 'first-discharge' } });
    expect(decideFirstDischarge({ ata, ataSource: 'first-discharge' }, at)).toBeNull();
    expect(decideFirstDischarge({ ata, ataSource: 'reported' }, at)).toBeNull();
  });
});
