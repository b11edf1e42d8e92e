/* global document, window, location, history, URLSearchParams, setInterval, clearTimeout */
// The operations dashboard: loads the figures, listens to the monitor's live feed and refetches what
// changed. The token arrives once in ?token= (or the form) and stays in this tab's sessionStorage.
import { AuthError, getJson, token } from './api.js';
import { renderChart } from './chart.js';
import { renderDrilldown } from './drilldown.js';
import { loadFigures } from './figures.js';
import { LiveFeed } from './live.js';
import { clockTime, el, fill, fullTime, wholeHours } from './format.js';
import { chooseLocale, locale, restoreLocale, t, translatePage } from './i18n.js';
import { renderDirections, renderKpis, renderQueues, renderStages } from './panels.js';
import { renderScorecards } from './scorecards.js';
import { renderActivity, renderRisks } from './shipments.js';

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
  refreshing: null,
  again: false,
  live: { status: 'off', text: 'live.off' },
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

async function refreshOnce() {
  const { fromMs, toMs, bucketMinutes } = windowBounds();
  const { stats, summary, buckets, risks, scorecards, standings } = await loadFigures(
    fromMs,
    toMs,
    bucketMinutes,
  );
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
  renderDirections($('directions'), stats);
  renderQueues($('queues'), summary);
  renderRisks(
    $('risks'),
    risks ??
      (summary?.oldest ? summary.oldest.filter((s) => s.sla === 'at-risk' || s.sla === 'breached') : null),
    { nowMs, onOpen: openShipment },
  );
  renderActivity($('activity'), state.activity, { nowMs, onOpen: openShipment });
  renderScorecards($('scorecards'), { scorecards, standings });
  $('updated').textContent = t('updated', { time: clockTime(new Date(nowMs).toISOString(), nowMs) });
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
      : { shipmentId, error: t('drill.unknown') },
  );
}

function openShipment(shipmentId) {
  const id = String(shipmentId).trim().toUpperCase();
  if (!id) return;
  state.drill = id;
  history.replaceState(null, '', `${location.pathname}${location.search}#shipment=${encodeURIComponent(id)}`);
  $('drill').hidden = false;
  fill($('drill-body'), el('p', { class: 'empty' }, t('drill.loading', { id })));
  loadDrill(id).catch(handleError);
}

function closeDrill() {
  state.drill = null;
  $('drill').hidden = true;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

/** The live badge: its state and the key of its text, kept to say it again in another language. */
function setLive(status, text) {
  state.live = { status, text };
  const badge = $('live');
  badge.className = `live ${status}`;
  badge.textContent = t(text);
}

function onUpdate(message) {
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

const live = new LiveFeed({
  onHello: (hello) => {
    syncClock(hello.now, hello.clockSpeed);
    void refresh(); // after a reconnect, catch up on whatever was missed
  },
  onUpdate,
  onStatus: setLive,
  onError: (error) => handleError(error),
});

function handleError(error) {
  if (error instanceof AuthError) {
    askForToken(error.status === 403 ? t('token.notOps') : t('token.refused', { message: error.message }));
    return;
  }
  console.error(error);
  setLive('off', 'live.error');
}

function askForToken(reason) {
  live.close();
  $('token-reason').textContent = reason;
  $('token-dialog').hidden = false;
  $('token-input').focus();
}

function showTarget() {
  if (!state.context) return;
  $('target').textContent = t('target.line', {
    target: wholeHours(state.context.targetHours),
    baseline: wholeHours(state.context.baselineHours),
  });
}

/** Says every label again in the language now chosen: the page's own words, then what the panels drew. */
function relabel() {
  translatePage();
  $('language').value = locale();
  setLive(state.live.status, state.live.text);
  showTarget();
  if (state.context) void refresh();
  if (state.drill) loadDrill(state.drill).catch(handleError);
}

async function start() {
  $('token-dialog').hidden = true;
  restoreLocale(token.get());
  relabel();
  try {
    state.context = await getJson('/v1/dashboard/context');
  } catch (error) {
    handleError(error);
    return;
  }
  syncClock(state.context.now, state.context.clockSpeed);
  showTarget();
  live.connect();
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
  $('language').addEventListener('change', () => {
    chooseLocale($('language').value, token.get());
    relabel();
  });
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
    askForToken(t('token.signedOut'));
  });
  setInterval(() => {
    $('clock').textContent = fullTime(new Date(businessNow()).toISOString());
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
restoreLocale(token.get());
translatePage();
$('language').value = locale();
wireControls();
if (token.get()) void start();
else askForToken(t('token.ask'));
