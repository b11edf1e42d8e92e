import type { CloudEvent } from '@tongguan/contracts';
import { applyEvent, clearanceHours, emptyTimeline, type TimelineFacts } from './timeline';

let n = 0;
function event(
  type: string,
  time: string,
  payload: Record<string, unknown> = {},
): CloudEvent<Record<string, unknown>> {
  n += 1;
  return {
    id: `e${n}`,
    type: `tongguan.${type}.v1`,
    source: 'test',
    time,
    subject: 'COSU1',
    correlationId: 'c',
    causationId: 'c',
    payload: { shipmentId: 'COSU1', ...payload },
  };
}

const events = [
  event('port.CargoArrived', '2026-03-02T08:00:00.000Z'),
  event('declaration.DeclarationLodged', '2026-03-02T09:00:00.000Z', {
    declarationId: 'd1',
    importerId: 'T1',
    greenChannel: false,
  }),
  event('declaration.DeclarationAccepted', '2026-03-02T09:00:00.000Z', { declarationId: 'd1' }),
  event('inspection.RiskAssessed', '2026-03-02T09:30:00.000Z', { declarationId: 'd1', channel: 'RED' }),
  event('inspection.InspectionCompleted', '2026-03-02T14:00:00.000Z', {
    declarationId: 'd1',
    result: 'passed',
  }),
  event('logistics.PaymentSettled', '2026-03-02T11:00:00.000Z'),
  event('declaration.ShipmentReleased', '2026-03-02T14:30:00.000Z', { declarationId: 'd1' }),
  event('port.GateOutRecorded', '2026-03-02T18:00:00.000Z'),
];

const fold = (list: typeof events): TimelineFacts => list.reduce(applyEvent, emptyTimeline('COSU1'));

describe('timeline fold', () => {
  it('stamps every TRS stage and measures clearance as release − arrival', () => {
    const timeline = fold(events);
    expect(timeline.stamps).toEqual({
      arrival: '2026-03-02T08:00:00.000Z',
      lodged: '2026-03-02T09:00:00.000Z',
      accepted: '2026-03-02T09:00:00.000Z',
      riskAssessed: '2026-03-02T09:30:00.000Z',
      inspected: '2026-03-02T14:00:00.000Z',
      paid: '2026-03-02T11:00:00.000Z',
      released: '2026-03-02T14:30:00.000Z',
      gateOut: '2026-03-02T18:00:00.000Z',
    });
    expect(timeline.channel).toBe('RED');
    expect(clearanceHours(timeline.stamps)).toBe(6.5);
  });

  it('gives the same timeline for reversed, shuffled and duplicated deliveries', () => {
    const expected = fold(events);
    expect(fold([...events].reverse())).toEqual(expected);
    const shuffled = [
      events[5],
      events[0],
      events[7],
      events[2],
      events[2],
      events[6],
      events[1],
      events[4],
      events[3],
      events[0],
    ];
    expect(fold(shuffled)).toEqual(expected);
  });

  it('counts a release before arrival (pre-arrival filing) as zero hours', () => {
    const timeline = fold([events[6], event('port.CargoArrived', '2026-03-02T16:00:00.000Z')]);
    expect(clearanceHours(timeline.stamps)).toBe(0);
  });
});
