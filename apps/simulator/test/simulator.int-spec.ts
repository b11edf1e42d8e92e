import { Clock } from '@tongguan/clock';
import {
  ApiClient,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
  TEST_JWT_SECRET,
} from '@tongguan/testing';
import { PlatformApi, type Service } from '../src/platform/platform-api';
import { readCalendar, runBlPrefix } from '../src/run-modes';
import { calendarFileOf, loadScenario } from '../src/scenario/scenario-file';
import { Simulation } from '../src/simulation';
import { TrafficPlanner } from '../src/traffic/traffic-plan';

const SHIPMENTS = 6;
/** Monday 2 March 2026, 08:30 in Shenzhen: the officers' day starts with the traffic. */
const EPOCH = '2026-03-02T00:30:00Z';
const SPEED = 600;

/**
 * A short single-window day (a handful of shipments) driven through the five real services over their
 * public APIs; the monitor, not the simulator, says whether they were released.
 */
describe('the traffic simulator against the real services', () => {
  // the clock reaches the epoch once the services have had time to start
  const anchor = new Date(Date.now() + 90_000).toISOString();
  const env = testEnvironment('simulator', {
    CLOCK_EPOCH: EPOCH,
    CLOCK_SPEED: String(SPEED),
    CLOCK_ANCHOR: anchor,
    RISK_RANDOM_RATE: '0.03',
  });
  const services = new ServiceProcesses(env);

  beforeAll(() =>
    services.start(['port-exchange', 'declaration', 'inspection', 'logistics-trading', 'clearance-monitor']),
  );
  afterAll(() => services.stopAll());

  it('drives a handful of single-window shipments to release, as the monitor records them', async () => {
    const { scenario, file } = loadScenario('single-window');
    const apps: Record<Service, Parameters<ServiceProcesses['url']>[0]> = {
      monitor: 'clearance-monitor',
      declaration: 'declaration',
      inspection: 'inspection',
      logistics: 'logistics-trading',
      port: 'port-exchange',
    };
    const urls = Object.fromEntries(
      Object.entries(apps).map(([service, app]) => [service, services.url(app)]),
    ) as Record<Service, string>;
    const clock = new Clock({ epoch: EPOCH, speed: SPEED, anchor });
    const blPrefix = runBlPrefix();
    const lines: string[] = [];
    const simulation = new Simulation({
      scenario,
      api: new PlatformApi(urls, TEST_JWT_SECRET),
      clock,
      calendar: readCalendar(calendarFileOf(scenario, file)),
      kafkaBrokers: env.KAFKA_BROKERS.split(','),
      topicPrefix: env.TOPIC_PREFIX,
      blPrefix,
      log: (line) => lines.push(line),
      startMs: Math.max(Date.parse(EPOCH), clock.nowMs()),
    });

    await simulation.run({ shipments: SHIPMENTS, horizonHours: 36 });

    const planned = new TrafficPlanner(scenario, blPrefix).plan(SHIPMENTS).flatMap((c) => c.shipments);
    expect(simulation.planned).toBe(SHIPMENTS);
    const monitor = new ApiClient(urls.monitor, tokenFor('ops', 'OPS-1'));
    for (const shipment of planned) {
      const timeline = await eventually(
        async () => {
          const answer = await monitor.get(`/v1/shipments/${shipment.blNumber}/timeline`);
          return answer.status === 200 && answer.body.released ? answer.body : undefined;
        },
        30_000,
        `the release of ${shipment.blNumber} in the monitor`,
      );
      expect(timeline.arrival).not.toBeNull();
      expect(timeline.lodged).not.toBeNull();
    }
    const stats = (await monitor.get('/v1/stats/clearance')).body;
    expect(stats.count).toBe(SHIPMENTS);
    expect(simulation.outcomes.count('released')).toBe(SHIPMENTS);
    // and the cargo left: transport ordered, quoted, booked, through the gate in its pickup hour
    expect(simulation.outcomes.count('gate-out recorded')).toBe(SHIPMENTS);
    // whatever could not be done is counted and said, never hidden; here nothing may go wrong
    const unexpected = simulation.incidents.summary();
    expect(unexpected).toEqual([]);
  }, 400_000);
});
