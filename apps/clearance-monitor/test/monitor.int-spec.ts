import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';
import { randomUUID } from 'node:crypto';
import { exampleStamps, hoursAfter, WORKED_EXAMPLE } from '../src/testing/worked-example';
import { metric, pipelineEvents, publishAll, type PipelineEvent } from './monitor.fixtures';

const env = testEnvironment('monitor');
const processes = new ServiceProcesses(env);
const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
let api: ApiClient;
const ops = () => api.as(tokenFor('ops'));
const PIPELINE_TOPICS = [
  'port.events.v1',
  'declaration.events.v1',
  'inspection.events.v1',
  'logistics.events.v1',
];

/** The timeline once it has every stamp the check names. */
async function timelineWith(shipmentId: string, stamps: string[]) {
  return eventually(
    async () => {
      const answer = await ops().get(`/v1/shipments/${shipmentId}/timeline`);
      return answer.status === 200 && stamps.every((s) => answer.body[s] !== null) && answer.body;
    },
    60_000,
    `timeline of ${shipmentId} with ${stamps.join(', ')}`,
  );
}

/** Polls until the answer matches, then asserts it (so a mismatch shows its diff). */
async function settled(path: string, expected: Record<string, unknown>) {
  let last: unknown;
  try {
    await eventually(
      async () => {
        last = (await ops().get(path)).body;
        expect(last).toMatchObject(expected);
        return true;
      },
      60_000,
      path,
    );
  } catch {
    // fall through to the assertion below, which shows the difference
  }
  expect(last).toMatchObject(expected);
  return last as Record<string, any>;
}

beforeAll(async () => {
  await tap.start([...PIPELINE_TOPICS, 'clearance.alerts.v1']);
  await processes.start(['clearance-monitor']);
  api = new ApiClient(processes.url('clearance-monitor'));
});

afterAll(async () => {
  await tap.stop();
  await processes.stopAll();
});

describe('timeline fold', () => {
  const arrival = '2026-03-02T08:00:00.000Z';
  const stamps = {
    arrival,
    lodged: hoursAfter(arrival, 1),
    accepted: hoursAfter(arrival, 1),
    riskAssessed: hoursAfter(arrival, 2),
    inspected: hoursAfter(arrival, 6),
    paid: hoursAfter(arrival, 4),
    released: hoursAfter(arrival, 7),
    gateOut: hoursAfter(arrival, 9),
  };

  it('gives the same timeline, measured once, for out-of-order and duplicated events as for the in-order run', async () => {
    const red = { channel: 'RED' };
    const clearanceBefore = await metric(api, 'tongguan_clearance_hours_count', red);
    const inspectionBefore = await metric(api, 'tongguan_clearance_stage_hours_count', {
      ...red,
      stage: 'inspection',
    });

    await publishAll(tap, pipelineEvents('MON-ORDER-1', stamps));
    const shuffled: PipelineEvent[] = pipelineEvents('MON-SHUFFLE-1', stamps)
      .map((e) => ({ ...e, id: randomUUID() }))
      .reverse();
    const [gateOut, released, paid, inspected, risk, accepted, lodged, arrived] = shuffled;
    const later = (e: PipelineEvent, hours: number) => ({
      ...e,
      id: randomUUID(),
      time: hoursAfter(e.time, hours),
    });
    await publishAll(tap, [
      released,
      gateOut,
      paid,
      released, // redelivered: same ce_id
      later(released, 3), // re-announced later under a new id: the earliest stamp stands
      inspected,
      accepted,
      risk,
      paid,
      lodged,
      later(risk, 1),
      arrived,
      gateOut,
    ]);

    const inOrder = await timelineWith('MON-ORDER-1', Object.keys(stamps));
    const outOfOrder = await timelineWith('MON-SHUFFLE-1', Object.keys(stamps));
    const comparable = ({ shipmentId, declarationId, asOf, ...rest }: Record<string, unknown>) => rest;
    expect(comparable(outOfOrder)).toEqual(comparable(inOrder));
    expect(inOrder).toMatchObject({
      ...stamps,
      channel: 'RED',
      clearanceHours: 7,
      dwellHours: 9,
      stage: 'done',
      agency: null,
      slaState: 'met',
    });

    await new Promise((r) => setTimeout(r, 3_000)); // room for the trailing duplicates to be handled
    expect(await metric(api, 'tongguan_clearance_hours_count', red)).toBe(clearanceBefore + 2);
    expect(await metric(api, 'tongguan_clearance_stage_hours_count', { ...red, stage: 'inspection' })).toBe(
      inspectionBefore + 2,
    );
  });
});

describe('statistics', () => {
  const arrival = '2025-06-10T00:00:00.000Z';
  const window = 'from=2025-06-09T00:00:00Z&to=2025-06-13T00:00:00Z';

  beforeAll(async () => {
    const events = WORKED_EXAMPLE.flatMap((e) =>
      pipelineEvents(`MON-STATS-${e.suffix}`, exampleStamps(e, arrival), e.channel, e.greenChannel),
    );
    await publishAll(tap, events.reverse());
  });

  it('matches the hand-computed worked example (arithmetic in clearance-statistics.spec.ts)', async () => {
    const stats = await settled(`/v1/stats/clearance?${window}`, {
      count: 4,
      // every stamp folded (the four topics are consumed independently)
      byStage: {
        filing: { count: 4 },
        risk: { count: 4 },
        inspection: { count: 3 },
        payment: { count: 4 },
        release: { count: 4 },
      },
    });
    expect(stats).toMatchObject({
      from: '2025-06-09T00:00:00.000Z',
      to: '2025-06-13T00:00:00.000Z',
      count: 4,
      targetHours: 20,
      baselineHours: 70,
      meanHours: 13,
      p50Hours: 12.5,
      p90Hours: 22.9,
      p99Hours: 24.79,
      withinTargetRatio: 0.75,
      byStage: {
        filing: { count: 4, meanHours: 1.75, p50Hours: 1.5, p90Hours: 3.4 },
        risk: { count: 4, meanHours: 1.125, p50Hours: 1, p90Hours: 1.7 },
        inspection: { count: 3, meanHours: 11.333, p50Hours: 12, p90Hours: 16.8 },
        payment: { count: 4, meanHours: 3.75, p50Hours: 3, p90Hours: 5.1 },
        release: { count: 4, meanHours: 1.5, p50Hours: 1, p90Hours: 2.4 },
      },
      byChannel: {
        GREEN: { count: 1, meanHours: 2 },
        YELLOW: { count: 1, meanHours: 7 },
        RED: { count: 2, meanHours: 21.5, p90Hours: 24.3, withinTargetRatio: 0.5 },
      },
      byGreenChannel: { green: { count: 1 }, standard: { count: 3, meanHours: 16.667 } },
      byAgency: { logistics: { count: 1 }, inspection: { count: 3, p50Hours: 18 } },
      byDay: { '2025-06-10': { count: 3, meanHours: 9 }, '2025-06-11': { count: 1, meanHours: 25 } },
    });
    // a window that holds none of them
    expect(
      (await ops().get('/v1/stats/clearance?from=2025-06-12T00:00:00Z&to=2025-06-13T00:00:00Z')).body,
    ).toMatchObject({ count: 0, meanHours: null });
  });

  it('buckets the example by release time', async () => {
    const series = await ops().get(
      '/v1/stats/clearance/series?from=2025-06-10T00:00:00Z&to=2025-06-12T00:00:00Z&bucketMinutes=720',
    );
    expect(series.status).toBe(200);
    expect(series.body.buckets).toEqual([
      { start: '2025-06-10T00:00:00.000Z', count: 2, p50Hours: 4.5, p90Hours: 6.5 },
      { start: '2025-06-10T12:00:00.000Z', count: 1, p50Hours: 18, p90Hours: 18 },
      { start: '2025-06-11T00:00:00.000Z', count: 1, p50Hours: 25, p90Hours: 25 },
      { start: '2025-06-11T12:00:00.000Z', count: 0, p50Hours: null, p90Hours: null },
    ]);
  });

  it('answers 400 listing every problem of the window', async () => {
    const bad = await ops().get('/v1/stats/clearance?from=yesterday&to=2025-13-01&colour=red');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'from', 'to']);
    const reversed = await ops().get('/v1/stats/clearance?from=2025-06-13T00:00:00Z&to=2025-06-09T00:00:00Z');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors).toEqual([expect.objectContaining({ path: 'from', code: 'WINDOW_INVALID' })]);
    const wide = await ops().get('/v1/stats/clearance?from=2020-01-01T00:00:00Z&to=2025-01-01T00:00:00Z');
    expect(wide.body.errors).toEqual([expect.objectContaining({ code: 'WINDOW_TOO_WIDE' })]);
    const buckets = await ops().get('/v1/stats/clearance/series?bucketMinutes=0&from=nope');
    expect(buckets.status).toBe(400);
    expect(buckets.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'bucketMinutes',
      'from',
    ]);
    expect((await api.as(tokenFor('customs')).get(`/v1/stats/clearance?${window}`)).status).toBe(403);
  });
});

describe('shipments in flight', () => {
  // real clock, 20 h target: arrivals a few hours ago are on track; each holds a different agency
  const now = Date.now();
  const ago = (hours: number) => new Date(now - hours * 3_600_000).toISOString();
  const shipments = [
    { id: 'MON-Q1', agency: 'importer', stage: 'filing', stamps: { arrival: ago(5) } },
    { id: 'MON-Q2', agency: 'customs', stage: 'risk', stamps: { arrival: ago(4.5), lodged: ago(4.4) } },
    {
      id: 'MON-Q3',
      agency: 'inspection',
      stage: 'inspection',
      channel: 'RED' as const,
      stamps: {
        arrival: ago(4),
        lodged: ago(3.9),
        accepted: ago(3.9),
        riskAssessed: ago(3.8),
        paid: ago(3.7),
      },
    },
    {
      id: 'MON-Q4',
      agency: 'logistics',
      stage: 'payment',
      channel: 'GREEN' as const,
      stamps: { arrival: ago(3.5), lodged: ago(3.4), accepted: ago(3.4), riskAssessed: ago(3.3) },
    },
    {
      id: 'MON-Q5',
      agency: 'customs',
      stage: 'release',
      channel: 'GREEN' as const,
      stamps: {
        arrival: ago(3),
        lodged: ago(2.9),
        accepted: ago(2.9),
        riskAssessed: ago(2.8),
        paid: ago(2.5),
      },
    },
  ];

  beforeAll(async () => {
    for (const s of shipments) await publishAll(tap, pipelineEvents(s.id, s.stamps, s.channel ?? 'RED'));
  });

  it('counts the queue of each agency and lists the oldest first', async () => {
    const summary = await settled('/v1/shipments/in-flight/summary', {
      count: 5,
      queues: { importer: 1, customs: 2, inspection: 1, logistics: 1, port: 0 },
      oldest: shipments.map((s) => ({ shipmentId: s.id, stage: s.stage, agency: s.agency })),
    });
    expect(summary).toMatchObject({ atRisk: 0, breached: 0, targetHours: 20 });
    expect(summary.oldest[0]).toMatchObject({ sla: 'on-track', released: null, clearanceHours: null });
    expect(summary.oldest[0].elapsedHours).toBeCloseTo(5, 1);
    expect(summary.oldest[0].predictedHours).toBeGreaterThan(5);
  });

  it('puts decisions that move no TRS stamp on the audit trail, leaving the timeline as it was', async () => {
    const before = await ops().get('/v1/shipments/MON-Q1/timeline');
    await tap.publish(
      'GateInRecorded',
      { shipmentId: 'MON-Q1', gateTransactionId: 'GI-1', truckPlate: 'LU-B54321' },
      { time: ago(0.5) },
    );
    const trail = await eventually(
      async () => {
        const answer = await ops().get('/v1/shipments/MON-Q1/audit');
        return (
          answer.body.entries?.some((e: { action: string }) => e.action.includes('gate-in')) && answer.body
        );
      },
      60_000,
      'the gate-in on the audit trail',
    );
    expect(trail.entries.map((e: { role: string }) => e.role)).toEqual(['port', 'port']);
    const { asOf: _a, elapsedHours: _e, predictedHours: _p, ...unchanged } = before.body;
    expect((await ops().get('/v1/shipments/MON-Q1/timeline')).body).toMatchObject(unchanged);
  });

  it('pages through the shipments of a state with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/v1/shipments?state=in-flight&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await ops().get(query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i: { shipmentId: string }) => i.shipmentId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(shipments.map((s) => s.id));

    const released = await ops().get('/v1/shipments?state=released&limit=200');
    expect(released.body.items).toHaveLength(6); // the two fold shipments and the four of the example
    expect(released.body.items[0]).toMatchObject({ shipmentId: 'MON-SHUFFLE-1', sla: 'met', stage: 'done' });
    expect((await ops().get('/v1/shipments?state=breached')).body.items).toEqual([]);
    const bad = await ops().get('/v1/shipments?state=lost&limit=1000&cursor=zzz');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['cursor', 'limit', 'state']);
  });
});
