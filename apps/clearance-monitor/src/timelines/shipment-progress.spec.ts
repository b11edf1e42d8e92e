import { emptyTimeline, type Stamps } from './timeline';
import { currentPosition, openSteps, stageHours, traderHours, type ProgressFacts } from './shipment-progress';
import type { TraderWait } from './trader-waits';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();

function facts(given: Partial<Record<keyof Stamps, number>>, channel: ProgressFacts['channel'] = null) {
  const stamps = { ...emptyTimeline('X').stamps };
  for (const [stamp, hours] of Object.entries(given)) stamps[stamp as keyof Stamps] = at(hours);
  return { stamps, channel };
}

describe('current stage and holding agency', () => {
  it('follows one shipment from arrival to gate-out', () => {
    const steps: [Partial<Record<keyof Stamps, number>>, ProgressFacts['channel'], string, string | null][] =
      [
        [{ arrival: 0 }, null, 'filing', 'importer'],
        [{ arrival: 0, lodged: 1 }, null, 'risk', 'customs'],
        [{ arrival: 0, lodged: 1, accepted: 1 }, null, 'risk', 'inspection'],
        [{ arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2, paid: 3 }, 'RED', 'inspection', 'inspection'],
        [
          { arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2, inspected: 5 },
          'RED',
          'payment',
          'logistics',
        ],
        [
          { arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2, inspected: 5, paid: 6 },
          'RED',
          'release',
          'customs',
        ],
        [
          { arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2, paid: 3, released: 4 },
          'GREEN',
          'gate-out',
          'port',
        ],
        [{ arrival: 0, released: 4, gateOut: 6 }, 'GREEN', 'done', null],
      ];
    for (const [stamps, channel, stage, agency] of steps) {
      expect(currentPosition(facts(stamps, channel))).toMatchObject({ stage, agency });
    }
  });

  it('reports the parallel step that started first and lists both', () => {
    // payment opened at acceptance (1 h), inspection at the risk decision (2 h): payment started first
    const both = currentPosition(facts({ arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2 }, 'YELLOW'));
    expect(both).toMatchObject({ stage: 'payment', agency: 'logistics' });
    expect(both.openSteps.map((s) => s.stage)).toEqual(['inspection', 'payment']);
    // a risk decision stamped at acceptance: a tie, inspection (the step that can refuse) is reported
    const tie = currentPosition(facts({ arrival: 0, lodged: 1, accepted: 1, riskAssessed: 1 }, 'RED'));
    expect(tie.stage).toBe('inspection');
  });

  it('goes straight to payment and release for GREEN (no inspection)', () => {
    expect(openSteps(facts({ lodged: 0, accepted: 0, riskAssessed: 1 }, 'GREEN'))).toEqual([
      { stage: 'payment', agency: 'logistics', since: at(0) },
    ]);
    expect(
      currentPosition(facts({ lodged: 0, accepted: 0, riskAssessed: 1, paid: 3 }, 'GREEN')),
    ).toMatchObject({
      stage: 'release',
      openSteps: [{ since: at(3) }],
    });
  });

  it('gives a step waiting for the trader to the importer', () => {
    const traderWaits: TraderWait[] = [
      { kind: 'notice', id: 'R1', requestedAt: at(3), answeredAt: null },
      { kind: 'payment', id: 'P1', requestedAt: at(1.5), answeredAt: null },
    ];
    const waiting = { ...facts({ arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2 }, 'RED'), traderWaits };
    expect(openSteps(waiting).map((s) => `${s.stage}:${s.agency}`)).toEqual([
      'inspection:importer',
      'payment:importer',
    ]);
    traderWaits[0] = { ...traderWaits[0], answeredAt: at(4) };
    expect(openSteps(waiting)[0].agency).toBe('inspection');
  });

  it('holds nothing for a withdrawn declaration', () => {
    expect(currentPosition({ ...facts({ arrival: 0, lodged: 1 }), withdrawn: true })).toMatchObject({
      stage: 'done',
      agency: null,
    });
  });
});

describe('stage hours', () => {
  it('measures each finished stage and counts a filing before arrival as zero', () => {
    const done = facts(
      { arrival: 2, lodged: 0, accepted: 0.5, riskAssessed: 1, inspected: 7, paid: 4, released: 8 },
      'RED',
    );
    expect(stageHours(done)).toEqual({ filing: 0, risk: 1, inspection: 6, payment: 3.5, release: 1 });
  });

  it("leaves the trader's waits out of the agencies' stages and measures them on their own", () => {
    const waits: TraderWait[] = [
      // a notice answered after 3 h, inside inspection (2 → 9)
      { kind: 'notice', id: 'R1', requestedAt: at(3), answeredAt: at(6) },
      // the payment requested at 1.5, settled at 4: the trader's 2.5 h of payment (1 → 4)
      { kind: 'payment', id: 'P1', requestedAt: at(1.5), answeredAt: at(4) },
    ];
    const done = {
      ...facts(
        { arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2, inspected: 9, paid: 4, released: 10 },
        'RED',
      ),
      traderWaits: waits,
    };
    // inspection 7 − 3 = 4; payment 3 − 2.5 = 0.5; release 9 → 10 untouched
    expect(stageHours(done)).toEqual({ filing: 1, risk: 1, inspection: 4, payment: 0.5, release: 1 });
    // 1.5 → 6 covered by one wait or the other: 4.5 h
    expect(traderHours(done)).toBe(4.5);
    expect(traderHours({ ...done, traderWaits: [] })).toBeNull();
  });

  it("counts a notice still open when the stage ended as the trader's to the stage's end", () => {
    const done = {
      ...facts({ arrival: 0, lodged: 1, accepted: 1, riskAssessed: 2, inspected: 9 }, 'RED'),
      traderWaits: [{ kind: 'notice' as const, id: 'R1', requestedAt: at(5), answeredAt: null }],
    };
    expect(stageHours(done).inspection).toBe(3);
  });

  it('leaves a stage out until both its stamps are known', () => {
    expect(stageHours(facts({ arrival: 0, lodged: 1, accepted: 1, paid: 3, released: 5 }, 'RED'))).toEqual({
      filing: 1,
      payment: 2,
    });
  });
});
