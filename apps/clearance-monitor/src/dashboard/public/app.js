/* global document, window, location, history, EventSource, URLSearchParams, setInterval, clearTimeout */
// The operations dashboard: loads the figures, listens to the monitor's live feed and refetches what
// changed. The token arrives once in ?token= (or the form) and stays in this tab's sessionStorage.
import { AuthError, getJson, listAll, query, token } from './api.js';
import { bucketsFromShipments, renderChart } from './chart.js';
import { renderDrilldown } from './drilldown.js';
import { clockTime, el, fill } from './format.js';
import { renderActivity, renderKpis, renderQueues, renderRisks, renderStages } from './panels.js';

const HOUR_MS = 3_600_000;
const WINDOWS = {
  '6h': { hours: 6, bucketMinutes: 15 },
  '24h': { hours: 24, bucketMinutes: 60 },
  '7d': { hours: 168, bucketMinutes: 360 },
};
/** Elapsed hours grow with the clock even when no event arrives: refresh now and then anyway. */
const PERIODIC_REFRESH_MS = 60_000;
const MAX_ACTIVITY = 14;

const $ = (id) => document.getElementById(id);
const state = {
  context: null,
  clock: { businessMs: Date.now(), realMs: Date.now(), speed: 1 },
  window: sessionWindow(),
  activity: [],
  drill: null,
  source: null,
  refreshing: null,
  again: false,
};
const counters = document.body.dataset;
counters.liveUpdates = '0';
counters.refreshes = '0';

function sessionWindow() {
  const chosen = new URLSearchParams(location.search).get('window');
  return chosen in WINDOWS ? chosen : '24h';
}

function businessNow() {
  return state.clock.businessMs + (Date.now() - state.clock.realMs) * state.clock.speed;
}

function syncClock(nowIso, speed) {
  const ms = Date.parse(nowIso);
  if (!Number.isNaN(ms))
    state.clock = { businessMs: ms, realMs: Date.now(), speed: speed ?? state.clock.speed };
}

function windowBounds() {
  const { hours, bucketMinutes } = WINDOWS[state.window];
  const bucketMs = bucketMinutes * 60_000;
  const toMs = Math.ceil((businessNow() + 1) / bucketMs) * bucketMs;
  return { fromMs: toMs - hours * HOUR_MS, toMs, bucketMinutes };
}

async function loadSeries(fromMs, toMs, bucketMinutes) {
  const range = { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() };
  const series = await getJson(`/v1/stats/clearance/series?${query({ ...range, bucketMinutes })}`, {
    optional: true,
  });
  if (series && Array.isArray(series.buckets)) return series.buckets;
  const released = await listAll('/v1/shipments', { state: 'released', ...range, limit: 200 });
  return released ? bucketsFromShipments(released, fromMs, toMs, bucketMinutes) : null;
}

async function loadRisks() {
  const [atRisk, breached] = await Promise.all([
    listAll('/v1/shipments', { state: 'at-risk', limit: 100 }, 1),
    listAll('/v1/shipments', { state: 'breached', limit: 100 }, 1),
  ]);
  if (atRisk === null && breached === null) return null;
  const tagged = [
    ...(breached ?? []).map((s) => ({ sla: 'breached', ...s })),
    ...(atRisk ?? []).map((s) => ({ sla: 'at-risk', ...s })),
  ];
  return tagged.sort((a, b) => (b.elapsedHours ?? 0) - (a.elapsedHours ?? 0));
}

async function refreshOnce() {
  const { fromMs, toMs, bucketMinutes } = windowBounds();
  const range = query({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() });
  const [stats, summary, buckets, risks] = await Promise.all([
    getJson(`/v1/stats/clearance?${range}`),
    getJson('/v1/shipments/in-flight/summary', { optional: true }),
    loadSeries(fromMs, toMs, bucketMinutes),
    loadRisks(),
  ]);
  const nowMs = businessNow();
  const context = state.context;
  renderKpis($('kpis'), { stats, summary, context });
  renderChart($('chart'), {
    buckets,
    fromMs,
    toMs,
    bucketMinutes,
    nowMs,
    targetHours: stats.targetHours ?? context.targetHours,
    baselineHours: stats.baselineHours ?? context.baselineHours,
    atRiskRatio: context.atRiskRatio,
  });
  renderStages($('stages'), stats);
  renderQueues($('queues'), summary);
  renderRisks(
    $('risks'),
    risks ??
      (summary?.oldest ? summary.oldest.filter((s) => s.sla === 'at-risk' || s.sla === 'breached') : null),
    { nowMs, onOpen: openShipment },
  );
  renderActivity($('activity'), state.activity, { nowMs, onOpen: openShipment });
  $('updated').textContent = `updated ${clockTime(new Date(nowMs).toISOString(), nowMs)}`;
  counters.refreshes = String(Number(counters.refreshes) + 1);
}

/** One refresh at a time; news during one schedules exactly one more. */
function refresh() {
  if (state.refreshing) {
    state.again = true;
    return state.refreshing;
  }
  state.refreshing = refreshOnce()
    .catch(handleError)
    .finally(() => {
      state.refreshing = null;
      if (state.again) {
        state.again = false;
        void refresh();
      }
    });
  return state.refreshing;
}

async function loadDrill(shipmentId) {
  const path = `/v1/shipments/${encodeURIComponent(shipmentId)}`;
  const [timeline, audit] = await Promise.all([
    getJson(`${path}/timeline`, { optional: true }),
    getJson(`${path}/audit`, { optional: true }),
  ]);
  if (state.drill !== shipmentId) return;
  renderDrilldown(
    $('drill-body'),
    timeline
      ? { shipmentId, timeline, audit, nowMs: businessNow() }
      : { shipmentId, error: 'The monitor knows no shipment with this id.' },
  );
}

function openShipment(shipmentId) {
  const id = String(shipmentId).trim().toUpperCase();
  if (!id) return;
  state.drill = id;
  history.replaceState(null, '', `${location.pathname}${location.search}#shipment=${encodeURIComponent(id)}`);
  $('drill').hidden = false;
  fill($('drill-body'), el('p', { class: 'empty' }, `Loading ${id}…`));
  loadDrill(id).catch(handleError);
}

function closeDrill() {
  state.drill = null;
  $('drill').hidden = true;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

function setLive(status, text) {
  const badge = $('live');
  badge.className = `live ${status}`;
  badge.textContent = text;
}

function onUpdate(event) {
  const message = JSON.parse(event.data);
  syncClock(message.now);
  counters.liveUpdates = String(Number(counters.liveUpdates) + 1);
  const slaOf = new Map((message.alerts ?? []).map((a) => [a.shipmentId, a.sla]));
  const fresh = message.shipmentIds.map((shipmentId) => ({
    shipmentId,
    at: message.now,
    sla: slaOf.get(shipmentId),
  }));
  const seen = new Set(fresh.map((f) => f.shipmentId));
  state.activity = [...fresh, ...state.activity.filter((a) => !seen.has(a.shipmentId))].slice(
    0,
    MAX_ACTIVITY,
  );
  void refresh();
  if (state.drill && (message.more || seen.has(state.drill))) loadDrill(state.drill).catch(handleError);
}

function connectLive() {
  state.source?.close();
  const source = new EventSource(`/v1/live?${query({ token: token.get() })}`);
  state.source = source;
  setLive('connecting', 'connecting…');
  source.addEventListener('hello', (event) => {
    const hello = JSON.parse(event.data);
    syncClock(hello.now, hello.clockSpeed);
    setLive('on', 'live');
    void refresh(); // after a reconnect, catch up on whatever was missed
  });
  source.addEventListener('update', onUpdate);
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) {
      setLive('off', 'offline');
      // a refused token closes the stream for good; anything else: try again shortly
      getJson('/v1/dashboard/context').then(() => setTimeout(connectLive, 5000), handleError);
    } else {
      setLive('connecting', 'reconnecting…');
    }
  });
}

function handleError(error) {
  if (error instanceof AuthError) {
    askForToken(error.status === 403 ? 'This token is not for role ops.' : `Token refused: ${error.message}`);
    return;
  }
  console.error(error);
  setLive('off', 'error: retrying');
}

function askForToken(reason) {
  state.source?.close();
  $('token-reason').textContent = reason;
  $('token-dialog').hidden = false;
  $('token-input').focus();
}

async function start() {
  $('token-dialog').hidden = true;
  try {
    state.context = await getJson('/v1/dashboard/context');
  } catch (error) {
    handleError(error);
    return;
  }
  syncClock(state.context.now, state.context.clockSpeed);
  $('target').textContent =
    `target ${state.context.targetHours} h · baseline ${state.context.baselineHours} h`;
  connectLive();
  await refresh();
  const wanted = new URLSearchParams(location.hash.slice(1)).get('shipment');
  if (wanted) openShipment(wanted);
}

function wireControls() {
  const select = $('window');
  select.value = state.window;
  select.addEventListener('change', () => {
    state.window = select.value;
    void refresh();
  });
  $('search').addEventListener('submit', (event) => {
    event.preventDefault();
    openShipment($('search-input').value);
  });
  $('drill-close').addEventListener('click', closeDrill);
  document.addEventListener('keydown', (event) => event.key === 'Escape' && closeDrill());
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('token-input').value.trim();
    if (!value) return;
    token.set(value);
    $('token-input').value = '';
    void start();
  });
  $('sign-out').addEventListener('click', () => {
    token.clear();
    askForToken('Signed out. Paste an ops token to continue.');
  });
  setInterval(() => {
    $('clock').textContent = new Date(businessNow()).toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
  }, 1000);
  setInterval(() => state.context && void refresh(), PERIODIC_REFRESH_MS);
  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => state.context && void refresh(), 250);
  });
}

// the token arrives once in the address; keep it out of history, bookmarks and screenshots
const params = new URLSearchParams(location.search);
if (params.get('token')) {
  token.set(params.get('token'));
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
}
wireControls();
if (token.get()) void start();
else askForToken('Paste a bearer token with role ops (npm run -s token -- --role ops --party OPS-1).');
