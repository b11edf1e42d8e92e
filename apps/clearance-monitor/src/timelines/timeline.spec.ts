import { namedEvent } from '../testing/named-events';
import {
  applyEvent,
  clearanceHours,
  departureHours,
  emptyTimeline,
  type FoldedEvent,
  type TimelineFacts,
} from './timeline';

const events: FoldedEvent[] = [
  namedEvent('CargoArrived', '2026-03-02T08:00:00.000Z'),
  namedEvent('DeclarationLodged', '2026-03-02T09:00:00.000Z', {
    declarationId: 'd1',
    importerId: 'T1',
    greenChannel: false,
  }),
  namedEvent('DeclarationAccepted', '2026-03-02T09:00:00.000Z', { declarationId: 'd1' }),
  namedEvent('RiskAssessed', '2026-03-02T09:30:00.000Z', { declarationId: 'd1', channel: 'RED' }),
  namedEvent('InspectionCompleted', '2026-03-02T14:00:00.000Z', { declarationId: 'd1', result: 'passed' }),
  namedEvent('PaymentSettled', '2026-03-02T11:00:00.000Z'),
  namedEvent('ShipmentReleased', '2026-03-02T14:30:00.000Z', { declarationId: 'd1' }),
  namedEvent('GateOutRecorded', '2026-03-02T18:00:00.000Z'),
];

const fold = (list: FoldedEvent[]): TimelineFacts => list.reduce(applyEvent, emptyTimeline('COSU1'));

describe('export timeline fold', () => {
  const exported: FoldedEvent[] = [
    namedEvent('DeclarationLodged', '2026-03-02T06:00:00.000Z', {
      declarationId: 'x1',
      importerId: 'EXP-1',
      greenChannel: false,
      direction: 'export',
    }),
    namedEvent('ExportGateInRecorded', '2026-03-02T08:00:00.000Z', { declarationId: 'x1' }),
    namedEvent('ReleasedForLoading', '2026-03-02T10:30:00.000Z', {
      declarationId: 'x1',
      exporterId: 'EXP-1',
    }),
    namedEvent('LoadingIncident', '2026-03-02T20:00:00.000Z', {
      vesselCallId: 'VC-1',
      containerNumber: 'MSKU9070323',
      kind: 'not-released-for-loading',
      reason: 'not released',
    }),
    namedEvent('GoodsDeparted', '2026-03-02T22:00:00.000Z', { vesselCallId: 'VC-1' }),
  ];

  it('measures an export from the gate-in: to the release for loading, and to the departure', () => {
    const timeline = fold(exported);
    expect(timeline.direction).toBe('export');
    expect(clearanceHours(timeline.stamps)).toBe(2.5);
    expect(departureHours(timeline.stamps)).toBe(14);
    expect(timeline.loadingIncidents).toEqual([
      expect.objectContaining({ containerNumber: 'MSKU9070323', kind: 'not-released-for-loading' }),
    ]);
  });

  it('gives the same export timeline whatever the order, an incident kept once', () => {
    expect(fold([...exported, exported[3]].reverse())).toEqual(fold(exported));
  });

  it('leaves an import an import', () => {
    expect(fold(events).direction).toBe('import');
  });
});

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
      departed: null,
    });
    expect(timeline).toMatchObject({
      channel: 'RED',
      declarationId: 'd1',
      importerId: 'T1',
      inspectionOutcome: 'passed',
    });
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
    const timeline = fold([events[6], namedEvent('CargoArrived', '2026-03-02T16:00:00.000Z')]);
    expect(clearanceHours(timeline.stamps)).toBe(0);
  });

  it('keeps an officer’s result over a tacit approval, in either order', () => {
    const deemed = namedEvent('InspectionDeemedApproved', '2026-03-02T13:00:00.000Z', {
      declarationId: 'd1',
    });
    expect(fold([events[4], deemed]).inspectionOutcome).toBe('passed');
    expect(fold([deemed, events[4]])).toMatchObject({
      inspectionOutcome: 'passed',
      stamps: { inspected: '2026-03-02T13:00:00.000Z' },
    });
  });

  it('records a withdrawal and every reason release was refused, once each', () => {
    const refused = (reasons: string[]) =>
      namedEvent('ReleaseRefused', '2026-03-02T15:00:00.000Z', { declarationId: 'd1', reasons });
    const timeline = fold([
      refused(['inspection failed']),
      refused(['inspection failed', 'duty unpaid']),
      namedEvent('DeclarationWithdrawn', '2026-03-02T16:00:00.000Z', {
        declarationId: 'd1',
        importerId: 'T1',
      }),
    ]);
    expect(timeline).toMatchObject({
      withdrawn: true,
      refusedReasons: ['inspection failed', 'duty unpaid'],
      importerId: 'T1',
    });
  });

  it('records each wait for the trader from its request to its answer, in any order', () => {
    const requested = namedEvent('DocumentsRequested', '2026-03-02T10:00:00.000Z', {
      declarationId: 'd1',
      requestId: 'R1',
    });
    const submitted = namedEvent('DocumentsSubmitted', '2026-03-02T12:00:00.000Z', {
      declarationId: 'd1',
      importerId: 'T1',
      noticeId: 'N1',
      documents: [
        { agency: 'inspection', requestId: 'R1', code: 'PACKING_LIST', documentRef: 'doc-1' },
        { agency: 'inspection', requestId: 'R1', code: 'INVOICE', documentRef: 'doc-2' },
      ],
    });
    const paymentRequested = namedEvent('PaymentRequested', '2026-03-02T09:30:00.000Z', {
      paymentId: 'P1',
      importerId: 'T1',
    });
    const settled = namedEvent('PaymentSettled', '2026-03-02T11:00:00.000Z', { paymentId: 'P1' });
    const all = [requested, submitted, paymentRequested, settled];
    const timeline = fold(all);
    expect(timeline.traderWaits).toEqual([
      {
        kind: 'notice',
        id: 'R1',
        requestedAt: '2026-03-02T10:00:00.000Z',
        answeredAt: '2026-03-02T12:00:00.000Z',
      },
      {
        kind: 'payment',
        id: 'P1',
        requestedAt: '2026-03-02T09:30:00.000Z',
        answeredAt: '2026-03-02T11:00:00.000Z',
      },
    ]);
    expect(fold([...all].reverse())).toEqual(timeline);
    expect(fold([settled, submitted, submitted, requested, paymentRequested])).toEqual(timeline);
  });
});
