import { readAgencyRegistry } from '@tongguan/agencies';
import { Clock } from '@tongguan/clock';
import {
  ApiClient,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
  TEST_JWT_SECRET,
} from '@tongguan/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PlatformApi, type Service } from '../src/platform/platform-api';
import { writeRunReport } from '../src/report/run-report';
import { formatExportTrsTable, formatTrsTable, formatTrsTables } from '../src/report/trs-table';
import { parseOptions } from '../src/cli/options';
import { describeRun, readCalendar, runBlPrefix } from '../src/run-support';
import { calendarFileOf, loadScenario, withOverrides } from '../src/scenario/scenario-file';
import { Simulation } from '../src/simulation';
import { TrafficPlanner } from '../src/traffic/traffic-plan';
import { describeWhatIf, platformLimits } from '../src/whatif/limits-what-if';
import { writePlatformSettings } from '../src/whatif/platform-settings';

const SHIPMENTS = 6;
/** Monday 2 March 2026, 08:30 in Shenzhen: the officers' day starts with the traffic. */
const EPOCH = '2026-03-02T00:30:00Z';
const SPEED = 600;

/**
 * A short single-window day (a handful of shipments) driven through the five real services over their
 * public APIs, on a platform started as a what-if starts one: every approval limit cut by 53%
 * (`--limits 0.47`), the registry and the green-channel register written for it. The monitor, not the
 * simulator, says whether the shipments were released; the services' own tasks say which limits they
 * ran with.
 */
describe('the traffic simulator against the real services', () => {
  const { scenario: filed, file } = loadScenario('single-window');
  // one export per vessel call (4 imports × 0.2 / 0.8), its vessel leaving 10 h after arriving, so that
  // the day's two exports reach departure within the run; their draws come from the scenario's seed
  const asFiled = withOverrides(filed, [
    'exports.share=0.2',
    'exports.berthHours={"dist":"fixed","value":10}',
    'exports.gateInBeforeDepartureHours={"dist":"uniform","min":5,"max":6}',
    'exports.loadingBeforeDepartureHours=3',
  ]);
  const whatIf = { factor: 0.47, steps: [] };
  const limits = platformLimits(readAgencyRegistry({}), asFiled, whatIf);
  const scenario = limits.scenario;
  const calendarFile = calendarFileOf(scenario, file);
  const settings = writePlatformSettings(limits, calendarFile);
  // the clock reaches the epoch once the services have had time to start
  const anchor = new Date(Date.now() + 90_000).toISOString();
  const env = testEnvironment('simulator', {
    CLOCK_EPOCH: EPOCH,
    CLOCK_SPEED: String(SPEED),
    CLOCK_ANCHOR: anchor,
    // no random selection: the run's BL prefix changes every run, and a shipment drawn at random would
    // turn a planned document check into a physical inspection, so the day's checks would vary by run
    RISK_RANDOM_RATE: '0',
    INSPECTION_CALENDAR_FILE: calendarFile,
    ...settings.env,
  });
  const services = new ServiceProcesses(env);

  beforeAll(() =>
    services.start(['port-exchange', 'declaration', 'inspection', 'logistics-trading', 'clearance-monitor']),
  );
  afterAll(async () => {
    await services.stopAll();
    settings.remove();
  });

  it('drives a handful of single-window imports to release and exports to departure under the cut limits, and tables the what-if', async () => {
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
      calendar: readCalendar(calendarFile),
      registry: settings.registry,
      kafkaBrokers: env.KAFKA_BROKERS.split(','),
      topicPrefix: env.TOPIC_PREFIX,
      blPrefix,
      log: (line) => lines.push(line),
      startMs: Math.max(Date.parse(EPOCH), clock.nowMs()),
    });

    await simulation.run({ shipments: SHIPMENTS, horizonHours: 36 });

    const calls = new TrafficPlanner(scenario, blPrefix).plan(SHIPMENTS);
    const planned = calls.flatMap((c) => c.shipments);
    const exports = calls.flatMap((c) => c.exports ?? []);
    expect(exports).toHaveLength(2);
    expect(simulation.planned).toBe(SHIPMENTS + exports.length);
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
    // each export: lodged before its goods came, gated in, released for loading, loaded and departed
    const exporter = new ApiClient(urls.declaration, tokenFor('exporter', exports[0].importerId));
    for (const shipment of exports) {
      const timeline = await eventually(
        async () => {
          const answer = await monitor.get(`/v1/shipments/${shipment.blNumber}/timeline`);
          return answer.status === 200 && answer.body.departed ? answer.body : undefined;
        },
        30_000,
        `the departure of ${shipment.blNumber} in the monitor; the run:\n${describeRun(simulation).join('\n')}`,
      );
      expect(timeline).toMatchObject({ direction: 'export', loadingIncidents: [] });
      expect(Date.parse(timeline.lodged)).toBeLessThan(Date.parse(timeline.arrival));
    }
    const exported = await exporter.get(`/v1/declarations?shipmentId=${exports[0].blNumber}`);
    expect(exported.body.items[0]).toMatchObject({ direction: 'export', status: 'goods-exited' });
    expect(simulation.outcomes.count('export gated in')).toBe(exports.length);
    expect(simulation.outcomes.count('released for loading')).toBe(exports.length);
    expect(simulation.outcomes.count('export loaded')).toBe(exports.length);
    expect(simulation.outcomes.count('departed (goods exited)')).toBe(exports.length);

    const stats = (await monitor.get('/v1/stats/clearance')).body;
    expect(stats.count).toBe(SHIPMENTS + exports.length);
    expect(stats.byDirection.import.count).toBe(SHIPMENTS);
    expect(stats.byDirection.export).toMatchObject({
      count: exports.length,
      departure: { count: exports.length },
    });
    expect(simulation.outcomes.count('released')).toBe(SHIPMENTS);
    // and the cargo left: transport ordered, quoted, booked, through the gate in its pickup hour
    expect(simulation.outcomes.count('gate-out recorded')).toBe(SHIPMENTS);
    // the fifth shipment carries shotguns for a major project: the licensing authority never decides it
    expect(simulation.outcomes.count('controlled goods lodged')).toBe(1);
    // whatever could not be done is counted and said, never hidden; here nothing may go wrong
    const unexpected = simulation.incidents.summary();
    expect(unexpected).toEqual([]);

    // the what-if's limits reached the services: each document check of the day ran on 4 h × 0.47
    // (half of it on the green channel), its deadline that many working hours after it opened
    const inspection = new ApiClient(urls.inspection, tokenFor('ops', 'OPS-1'));
    const calendar = readCalendar(calendarFile);
    const tasks = (
      await Promise.all(
        planned.map(
          async (s) => (await inspection.get(`/v1/inspection-tasks?shipmentId=${s.blNumber}`)).body.items,
        ),
      )
    ).flat() as {
      kind: string;
      greenChannel: boolean;
      limitHours: number;
      openedAt: string;
      deadline: string;
      documentRequests: unknown[];
    }[];
    const checks = tasks.filter((t) => t.kind === 'document-check');
    expect(checks.length).toBeGreaterThanOrEqual(3);
    for (const task of checks) {
      expect(task.limitHours).toBeCloseTo(task.greenChannel ? 0.94 : 1.88, 6);
      if (task.documentRequests.length === 0) {
        const due = calendar.addWorkingHours(new Date(task.openedAt), task.limitHours);
        expect(Date.parse(task.deadline)).toBeCloseTo(due.getTime(), -3);
      }
    }

    // the shotguns' licence check, on the major project's green channel, lapsed into tacit approval at
    // 8 h × 0.47 of the licensing authority's five-day calendar, as the desk timed it
    const desk = new ApiClient(urls.inspection, tokenFor('ops', 'OPS-1'));
    const licensing = (
      (await desk.get('/v1/approvals?agency=licensing&pageSize=100')).body.items as {
        shipmentId: string;
        status: string;
        greenChannel: boolean;
        limitHours: number;
        openedAt: string;
        dueAt: string;
      }[]
    ).filter((a) => a.shipmentId === planned[4].blNumber);
    expect(licensing).toEqual([
      expect.objectContaining({ status: 'deemed-approved', greenChannel: true, limitHours: 3.76 }),
    ]);
    const licensingDue = settings.registry
      .calendarOf('licensing')
      .addWorkingHours(new Date(licensing[0].openedAt), 3.76);
    expect(licensing[0].dueAt).toBe(licensingDue.toISOString());

    // the what-if's table, as the command prints it and writes it to its report
    const decisions = simulation.agencyDecisions();
    expect(decisions.tacitApprovals.byStep['licensing/licence-verification']).toBe(1);
    expect(decisions.limitsApplied['licensing/licence-verification']).toEqual({
      ordinary: [],
      green: [3.76],
    });
    expect(decisions.limitsApplied['inspection/document-check']?.ordinary ?? [1.88]).toEqual([1.88]);
    const columns = [{ label: describeWhatIf(whatIf), stats, decisions }];
    const table = formatTrsTable(columns);
    for (const row of [
      'shipments released',
      'within 20 h',
      'clearance p90 (h)',
      'tacit approvals (deemed approved)',
    ])
      expect(table).toContain(row);
    expect(table.split('\n')[0]).toMatch(/^Time Release Study: imports .*limits ×0\.47$/);
    const exportTable = formatExportTrsTable(columns).split('\n');
    expect(exportTable[0]).toMatch(/^Time Release Study: exports .*limits ×0\.47$/);
    expect(exportTable.find((l) => l.startsWith('released for loading'))).toMatch(/\s2$/);
    expect(exportTable.find((l) => l.startsWith('departed (goods exited)'))).toMatch(/\s2$/);
    expect(exportTable.find((l) => l.startsWith('gate-in → departure p50 (h)'))).toMatch(/\d\.\d$/);
    expect(formatTrsTables(columns)).toContain(exportTable.join('\n'));
    const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sim-report-')), 'whatif.json');
    writeRunReport(reportFile, parseOptions(['--limits', '0.47']).options, [{ column: columns[0] }], table);
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    expect(report.columns[0]).toMatchObject({
      label: 'limits ×0.47',
      stats: { count: SHIPMENTS + exports.length, byDirection: { import: { count: SHIPMENTS } } },
    });
    expect(report.columns[0].agencyDecisions.tacitApprovals.total).toBe(decisions.tacitApprovals.total);
    expect(report.table).toEqual(table.split('\n'));
    expect(report.tables).toEqual({ import: table.split('\n'), export: exportTable });
  }, 400_000);
});
