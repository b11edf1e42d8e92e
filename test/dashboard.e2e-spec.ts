import { ALL_TOPICS } from '@tongguan/contracts';
import {
  ApiClient,
  EventTap,
  eventually,
  ServiceProcesses,
  testEnvironment,
  tokenFor,
} from '@tongguan/testing';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Debian's chromium (CI installs it: scripts/ensure-deps.sh --with-chromium). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DOCS = path.join(__dirname, '..', 'docs');
const HOUR_MS = 3_600_000;
const run = Date.now().toString(36).toUpperCase();
const ops = tokenFor('ops', 'OPS-1');

/** Refreshes docs/<name>.png only when asked (UPDATE_SCREENSHOTS=1): a test run leaves the checkout clean. */
async function screenshot(of: Page | Locator, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS === '1') await of.screenshot({ path: path.join(DOCS, `${name}.png`) });
}

/**
 * The operations dashboard in a real browser: clearance-monitor as a process, pipeline events
 * published on its topics as the other services would, the page opened with an ops token.
 */
describe('operations dashboard (headless Chromium)', () => {
  const env = testEnvironment('dashboard');
  const services = new ServiceProcesses(env);
  const tap = new EventTap(env.KAFKA_BROKERS, env.TOPIC_PREFIX);
  let monitor: ApiClient;
  let browser: Browser;
  let page: Page;

  /** One shipment's events, stamped hours ago; released after `clearance` hours, or still in flight. */
  async function shipment(bl: string, arrivedHoursAgo: number, clearance: number | null, channel = 'YELLOW') {
    const at = (hoursAfterArrival: number) => ({
      time: new Date(Date.now() - (arrivedHoursAgo - hoursAfterArrival) * HOUR_MS).toISOString(),
    });
    const declarationId = `DEC-${bl}`;
    const common = { shipmentId: bl, declarationId, importerId: 'TRADER-1' };
    await tap.publish(
      'CargoArrived',
      {
        shipmentId: bl,
        vesselCallId: 'VC-042E',
        vesselName: 'COSCO SHIPPING ARIES',
        voyage: '042E',
        containerNumbers: ['CSQU3054383'],
        packages: 2,
        grossWeightKg: 3100,
      },
      at(0),
    );
    await tap.publish(
      'DeclarationLodged',
      { ...common, filerId: 'TRADER-1', greenChannel: channel === 'GREEN' },
      at(0.6),
    );
    await tap.publish(
      'DeclarationAccepted',
      {
        ...common,
        currency: 'CNY',
        items: [{ hsCode: '8517130000', originCountry: 'CN', customsValueMinor: 8_000_000 }],
        greenChannel: channel === 'GREEN',
      },
      at(1),
    );
    await tap.publish(
      'RiskAssessed',
      {
        shipmentId: bl,
        declarationId,
        assessmentId: `RA-${bl}`,
        channel: channel as 'GREEN' | 'YELLOW' | 'RED',
        score: channel === 'RED' ? 82 : 41,
        reasons: channel === 'RED' ? ['HS 8517 on the sampling list'] : ['document check for a new trader'],
        taskId: channel === 'GREEN' ? '' : `TASK-${bl}`,
      },
      at(1.5),
    );
    if (clearance === null) return;
    if (channel !== 'GREEN') {
      await tap.publish(
        'InspectionCompleted',
        {
          shipmentId: bl,
          declarationId,
          taskId: `TASK-${bl}`,
          result: 'passed',
          findings: ['seals intact, goods as declared'],
          officerId: 'OFFICER-9',
        },
        at(clearance * 0.6),
      );
    }
    await tap.publish(
      'PaymentSettled',
      {
        shipmentId: bl,
        paymentId: `PAY-${bl}`,
        importerId: 'TRADER-1',
        declarationId,
        declarationVersion: 1,
        assessedMinor: 1_000_00,
        dutiesAndTaxesMinor: 1_000_00,
        currency: 'CNY',
        amountMinor: 1_234_56,
        method: 'gateway',
        receiptNumber: `R-${bl}`,
      },
      at(clearance * 0.8),
    );
    await tap.publish('ShipmentReleased', common, at(clearance));
  }

  const released = async () =>
    (await monitor.get(`/v1/stats/clearance?from=${new Date(Date.now() - 24 * HOUR_MS).toISOString()}`)).body
      .count as number;
  const kpi = (id: string) => page.getAttribute(`#kpi-${id}`, 'data-value');

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: the dashboard test drives Debian's chromium. Install it with ` +
          `'sudo apt-get install -y chromium' (or 'bash scripts/ensure-deps.sh --with-chromium'), or set CHROMIUM_PATH.`,
      );
    }
    await tap.start([...ALL_TOPICS]);
    // the supervision checks the rolling window every half second, so its alert shows without waiting
    await services.start(['clearance-monitor'], {
      'clearance-monitor': { AGENCY_SCORECARD_REFRESH_MS: '500' },
    });
    monitor = new ApiClient(services.url('clearance-monitor'), ops);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1600, height: 880 }, locale: 'en-US' });
  });

  afterAll(async () => {
    await browser?.close();
    await services.stopAll();
    await tap.stop();
  });

  it('shows live figures that change as events arrive, without a reload', async () => {
    // shipments side by side (each one's events in order, though the monitor folds them in any order)
    await Promise.all([
      shipment(`DSH${run}A`, 20, 6, 'GREEN'),
      shipment(`DSH${run}B`, 16, 11),
      shipment(`DSH${run}C`, 12, 8.5, 'RED'),
      shipment(`DSH${run}D`, 30, 27, 'RED'),
      shipment(`DSH${run}E`, 17, null), // in flight past 75 % of the target: at risk
      shipment(`DSH${run}F`, 26, null, 'RED'), // in flight past the target: breached
    ]);
    await eventually(async () => (await released()) === 4, 60_000, 'four releases folded');

    await page.goto(`${services.url('clearance-monitor')}/dashboard?token=${ops}`);
    await eventually(async () => (await kpi('released')) === '4', 45_000, 'the page to show 4 released');
    expect(page.url()).not.toContain('token='); // the token left the address bar at once
    // the figures may load before the live stream says hello on a busy machine
    await eventually(async () => (await page.textContent('#live')) === 'live', 15_000, 'the live badge');
    expect(Number(await kpi('p50'))).toBeGreaterThan(0);
    await page.evaluate(() => Object.assign(globalThis, { dashboardMarker: 'same page' }));
    const refreshesBefore = Number(await page.getAttribute('body', 'data-refreshes'));

    await shipment(`DSH${run}G`, 9, 4.5);
    await eventually(async () => (await kpi('released')) === '5', 45_000, 'the page to show 5 released');
    expect(await page.evaluate(() => (globalThis as { dashboardMarker?: string }).dashboardMarker)).toBe(
      'same page',
    );
    expect(Number(await page.getAttribute('body', 'data-live-updates'))).toBeGreaterThan(0);
    expect(Number(await page.getAttribute('body', 'data-refreshes'))).toBeGreaterThan(refreshesBefore);
    // imports and exports side by side: these five are imports, no export yet
    await page.waitForSelector('#directions tr[data-direction="import"][data-count="5"]');
    expect(await page.getAttribute('#directions tr[data-direction="export"]', 'data-count')).toBe('0');
    await page.waitForSelector(`#activity [data-shipment="DSH${run}G"]`);
    await screenshot(page, 'dashboard');
  }, 240_000);

  it('drills down to a shipment: its TRS stamps on a timeline and its audit trail', async () => {
    const bl = `DSH${run}C`;
    await page.fill('#search-input', bl.toLowerCase());
    await page.press('#search-input', 'Enter');
    await page.waitForSelector('#drill-audit table');
    expect(await page.textContent('#drill-title')).toBe(bl);
    for (const stamp of ['arrival', 'lodged', 'accepted', 'riskAssessed', 'inspected', 'paid', 'released']) {
      expect(await page.getAttribute(`[data-stamp="${stamp}"]`, 'class')).toContain('done');
    }
    expect(await page.getAttribute('[data-stamp="gateOut"]', 'class')).toContain('pending');
    expect(await page.locator('#drill-timeline svg circle.stamp').count()).toBe(7);
    const audit = await page.textContent('#drill-audit');
    expect(audit).toContain(`declaration DEC-${bl} lodged`);
    expect(audit).toContain('risk channel RED');
    expect(audit).toContain('HS 8517 on the sampling list');
    expect(audit).toContain('OFFICER-9');
    expect(audit).toContain('inspection passed');
    expect(audit).toContain('released');
    await screenshot(page, 'dashboard-drilldown');
  });

  it('shows the agency scorecards computed from the decisions it was sent, a step under its target marked', async () => {
    await page.keyboard.press('Escape'); // close the drill-down
    // five licence verifications in the last hours: three within the 16 h limit, one late, one lapsed
    // (tacit approval). Within limit 3 of 5 = 60 %, under the 85 % target; hours 4, 6, 10, 16, 20:
    // p50 10, p90 at rank 3.6 → 16 + 0.6 × 4 = 18.4
    const decisions = [
      ['approved', 4, true],
      ['approved', 6, true],
      ['refused', 10, true],
      ['approved', 20, false],
      ['deemed-approved', 16, false],
    ] as const;
    for (const [i, [outcome, decisionHours, withinLimit]] of decisions.entries()) {
      const decidedAt = Date.now() - (decisions.length - i) * 600_000;
      const openedAt = new Date(decidedAt - decisionHours * HOUR_MS);
      await tap.publish(
        'AgencyDecisionRecorded',
        {
          shipmentId: `DSH${run}L${i}`,
          declarationId: `DEC-DSH${run}L${i}`,
          taskId: `LIC-${run}-${i}`,
          agency: 'licensing',
          step: 'licence-verification',
          outcome,
          decidedBy: outcome === 'deemed-approved' ? 'tacit-approval' : 'LICENSING-OFFICER-2',
          openedAt: openedAt.toISOString(),
          dueAt: new Date(openedAt.getTime() + 16 * HOUR_MS).toISOString(),
          limitHours: 16,
          decisionHours,
          traderWaitHours: 0,
          withinLimit,
          greenChannel: false,
          reasons: [],
        },
        { time: new Date(decidedAt).toISOString() },
      );
    }
    const row = '#scorecards tr[data-agency="licensing"][data-step="licence-verification"]';
    const field = (name: string) => page.textContent(`${row} [data-field="${name}"]`);
    await eventually(
      async () => (await field('decisions')) === '5',
      45_000,
      'the scorecard to show 5 decisions',
    );
    expect(await field('within')).toBe('60 %');
    expect(await field('target')).toBe('85 %');
    expect(await field('tacit')).toBe('1');
    expect(await field('p50')).toBe('10 h');
    expect(await field('p90')).toBe('18 h');
    expect(await field('limit')).toBe('16 h');
    expect(await field('complaints')).toBe('0');
    expect(await page.getAttribute(row, 'data-below-target')).toBe('true');
    // every registry agency's steps are listed; one without decisions is not judged
    const idle = '#scorecards tr[data-agency="customs"][data-step="acceptance-review"]';
    expect(await page.getAttribute(idle, 'data-below-target')).toBe('false');
    expect(await page.textContent(`${idle} [data-field="within"]`)).toBe('—');
    // five decisions are enough for the rolling-window supervision to alert
    await page.waitForSelector('#scorecards .scorecard-alert[data-agency="licensing"]', { timeout: 45_000 });
    expect(await page.textContent('#scorecards .scorecard-alert')).toContain('below target: 60 %');
    await screenshot(page.locator('.scorecards-panel'), 'dashboard-scorecards');
  });

  it('speaks Simplified Chinese to a zh-CN browser, with Chinese number and date formats, and keeps each user’s choice', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 880 }, locale: 'zh-CN' });
    const zh = await context.newPage();
    const url = `${services.url('clearance-monitor')}/dashboard`;
    await zh.goto(`${url}?token=${ops}`);
    await zh.waitForSelector('#kpi-released[data-value="5"]');
    expect(await zh.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await zh.inputValue('#language')).toBe('zh-CN');
    expect(await zh.title()).toBe('通关 · 通关运行看板');
    expect(await zh.textContent('#kpi-released .kpi-label')).toBe('已放行');
    expect(await zh.textContent('.chart-panel h2')).toBe('通关时间');
    expect(await zh.textContent('.directions-panel h2')).toBe('进口与出口');
    expect(await zh.textContent('#directions tr[data-direction="export"] td')).toBe('出口');
    expect(await zh.textContent('#risks thead')).toContain('已用时');
    await eventually(
      async () => (await zh.textContent('#live')) === '实时',
      15_000,
      'the live badge in Chinese',
    );
    // numbers as zh-CN formats them: 60%, 10小时, and the registry's Chinese names of agency and step
    const row = '#scorecards tr[data-agency="licensing"][data-step="licence-verification"]';
    await zh.waitForSelector(row);
    expect(await zh.textContent(`${row} [data-field="within"]`)).toBe('60%');
    expect(await zh.textContent(`${row} [data-field="p50"]`)).toBe('10小时');
    expect(await zh.textContent(`${row} [data-field="limit"]`)).toBe('16小时');
    expect(await zh.textContent(`${row} td:first-child`)).toMatch(/\p{Script=Han}/u);
    expect(await zh.textContent('#scorecards .scorecard-alert')).toContain('未达标');
    // every English word of the page has its Chinese, and no other
    const keys = await zh.evaluate(`(async () => {
      const { EN } = await import('/dashboard/assets/messages-en.js');
      const { ZH_CN } = await import('/dashboard/assets/messages-zh-cn.js');
      return { en: Object.keys(EN).sort(), zh: Object.keys(ZH_CN).sort() };
    })()`);
    expect((keys as { zh: string[] }).zh).toEqual((keys as { en: string[] }).en);
    await screenshot(zh, 'dashboard.zh-CN');

    // dates too: the audit trail's times as zh-CN writes them
    await zh.fill('#search-input', `DSH${run}C`);
    await zh.press('#search-input', 'Enter');
    await zh.waitForSelector('#drill-audit table');
    expect(await zh.textContent('#drill-body h3')).toBe('时间线');
    expect(await zh.textContent('#drill-audit tbody td:first-child')).toMatch(
      /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2} UTC$/,
    );
    await zh.keyboard.press('Escape');

    // OPS-1 switches to English: kept for OPS-1 across a reload; another user still gets the browser's
    await zh.selectOption('#language', 'en');
    await eventually(
      async () => (await zh.textContent('#kpi-released .kpi-label')) === 'Released',
      10_000,
      'English',
    );
    expect(await zh.textContent(`${row} [data-field="within"]`)).toBe('60 %');
    await zh.reload();
    await zh.waitForSelector('#kpi-released[data-value="5"]');
    expect(await zh.textContent('#kpi-released .kpi-label')).toBe('Released');
    expect(await zh.getAttribute('html', 'lang')).toBe('en');
    const other = await context.newPage();
    await other.goto(`${url}?token=${tokenFor('ops', 'OPS-2')}`);
    await other.waitForSelector('#kpi-released[data-value="5"]');
    expect(await other.textContent('#kpi-released .kpi-label')).toBe('已放行');
    await context.close();
  }, 120_000);

  it('shows "—" for what a monitor does not offer and computes the chart from released shipments itself', async () => {
    const older = await browser.newPage({ viewport: { width: 1600, height: 880 } });
    const missing = { status: 404, contentType: 'application/json', body: '{"code":"HTTP.NOT_FOUND"}' };
    await older.route('**/v1/shipments/in-flight/summary', (route) => route.fulfill(missing));
    await older.route('**/v1/stats/clearance/series?**', (route) => route.fulfill(missing));
    await older.goto(`${services.url('clearance-monitor')}/dashboard?token=${ops}`);
    await older.waitForSelector('#kpi-released[data-value="5"]');
    expect(await older.textContent('#kpi-in-flight .kpi-value')).toBe('—');
    expect(await older.textContent('#queues')).toBe('—');
    // the chart still draws: buckets computed in the browser from GET /v1/shipments?state=released
    expect(await older.getAttribute('#chart path.p50-line', 'd')).toMatch(/^M/);
    // a string, so that the test's own module transform leaves the browser's import() alone
    const buckets = await older.evaluate(`(async () => {
      const chart = await import('/dashboard/assets/chart.js');
      const from = Date.parse('2026-03-02T00:00:00Z');
      const released = (hour, hours) => ({ released: new Date(from + hour * 3600000).toISOString(), clearanceHours: hours });
      const shipments = [released(0.5, 2), released(0.9, 4), released(0.2, 10), released(1.5, 7), released(5, 1)];
      return chart.bucketsFromShipments(shipments, from, from + 2 * 3600000, 60);
    })()`);
    expect(buckets).toEqual([
      { start: '2026-03-02T00:00:00.000Z', count: 3, p50Hours: 4, p90Hours: 8.8 },
      { start: '2026-03-02T01:00:00.000Z', count: 1, p50Hours: 7, p90Hours: 7 },
    ]);
    await older.close();
  });

  it('guards the live feed like the data endpoints, streams hello and updates, and never logs the token', async () => {
    const live = `${services.url('clearance-monitor')}/v1/live`;
    expect((await fetch(live)).status).toBe(401);
    expect((await fetch(`${live}?token=${tokenFor('importer', 'TRADER-1')}`)).status).toBe(403);
    expect((await fetch(`${live}?token=not-a-token`)).status).toBe(401);
    expect((await fetch(`${services.url('clearance-monitor')}/dashboard`)).status).toBe(200);

    // an ops reader gets `hello`, then an `update` naming the shipment whose events just arrived
    const stream = await fetch(`${live}?token=${ops}`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = stream.body!.getReader();
    let received = '';
    const readUntil = (text: string) =>
      eventually(
        async () => {
          const { value } = await reader.read();
          received += new TextDecoder().decode(value);
          return received.includes(text);
        },
        30_000,
        `the stream to carry ${text}`,
      );
    await readUntil('event: hello');
    const bl = `DSH${run}H`;
    await shipment(bl, 3, null, 'GREEN');
    await readUntil(bl);
    const update = received.split('\n\n').find((frame) => frame.includes(bl))!;
    expect(update).toContain('event: update');
    expect(JSON.parse(update.split('data: ')[1])).toMatchObject({
      shipmentIds: expect.arrayContaining([bl]),
    });
    await reader.cancel();
    const port = new URL(services.url('clearance-monitor')).port;
    const log = fs.readFileSync(
      path.join(__dirname, '..', '.local', 'logs', `test-clearance-monitor-${port}.log`),
      'utf8',
    );
    expect(log).not.toContain(ops);
  });
});
