// The dashboard's panels, each rendered from what the monitor answered (null: the figure is not
// available from this monitor, shown as "—").
import { count, DASH, el, fill, hours, isNumber, percent, signedPercent, standing } from './format.js';
import { t } from './i18n.js';

/** Where the hours go, in pipeline order; keys the monitor adds later still show, after these. */
const STAGES = [
  'filing',
  'risk',
  'inspection',
  'payment',
  'release',
  'trader',
  'arrivalToLodgement',
  'lodgementToAcceptance',
  'acceptanceToRisk',
  'riskToInspection',
  'acceptanceToPayment',
  'releaseToGateOut',
];
const AGENCIES = ['importer', 'customs', 'inspection', 'logistics', 'port'];

/** A stage's label in the current language; a stage the dashboard does not know shows its key. */
export const stageLabel = (key) => (STAGES.includes(key) ? t(`stage.${key}`) : key);
/** Who holds a shipment (importer, customs ...) in the current language. */
export const holderLabel = (key) => (AGENCIES.includes(key) ? t(`agency.${key}`) : key);

function kpi(id, label, value, { tone = 'neutral', sub = '', raw } = {}) {
  return el(
    'div',
    { class: `kpi ${tone}`, id: `kpi-${id}`, 'data-value': raw ?? '' },
    el('div', { class: 'kpi-label' }, label),
    el('div', { class: 'kpi-value' }, value),
    el('div', { class: 'kpi-sub' }, sub),
  );
}

export function renderKpis(container, { stats, summary, context }) {
  const target = stats?.targetHours ?? context?.targetHours;
  const baseline = stats?.baselineHours ?? context?.baselineHours;
  const ratio = context?.atRiskRatio;
  const vsBaseline =
    isNumber(stats?.p50Hours) && isNumber(baseline) && baseline > 0 ? stats.p50Hours / baseline - 1 : null;
  fill(
    container,
    kpi('p50', t('kpi.p50'), hours(stats?.p50Hours), {
      tone: standing(stats?.p50Hours, target, ratio),
      sub: t('kpi.p50.sub', { target: hours(target), baseline: hours(baseline) }),
      raw: stats?.p50Hours,
    }),
    kpi('p90', t('kpi.p90'), hours(stats?.p90Hours), {
      tone: standing(stats?.p90Hours, target, ratio),
      sub: t('kpi.p90.sub', { mean: hours(stats?.meanHours), p99: hours(stats?.p99Hours) }),
      raw: stats?.p90Hours,
    }),
    kpi('baseline', t('kpi.baseline'), signedPercent(vsBaseline), {
      tone: isNumber(vsBaseline) ? (vsBaseline <= -0.5 ? 'on-track' : 'at-risk') : 'neutral',
      sub: t('kpi.baseline.sub', { baseline: hours(baseline) }),
    }),
    kpi('within', t('kpi.within'), percent(stats?.withinTargetRatio), {
      tone: isNumber(stats?.withinTargetRatio)
        ? stats.withinTargetRatio >= 0.9
          ? 'on-track'
          : stats.withinTargetRatio >= 0.75
            ? 'at-risk'
            : 'breached'
        : 'neutral',
      sub: t('kpi.within.sub'),
      raw: stats?.withinTargetRatio,
    }),
    kpi('released', t('kpi.released'), count(stats?.count), {
      sub: t('kpi.released.sub'),
      raw: stats?.count,
    }),
    kpi('in-flight', t('kpi.inFlight'), count(summary?.count), {
      sub: t('kpi.inFlight.sub'),
      raw: summary?.count,
    }),
    kpi('at-risk', t('kpi.atRisk'), count(summary?.atRisk), {
      tone: summary?.atRisk > 0 ? 'at-risk' : 'neutral',
      sub: t('kpi.atRisk.sub', { ratio: percent(ratio) }),
      raw: summary?.atRisk,
    }),
    kpi('breached', t('kpi.breached'), count(summary?.breached), {
      tone: summary?.breached > 0 ? 'breached' : 'neutral',
      sub: t('kpi.breached.sub', { target: hours(target) }),
      raw: summary?.breached,
    }),
  );
}

export function renderStages(container, stats) {
  const byStage = stats?.byStage;
  if (!byStage || Object.keys(byStage).length === 0) {
    fill(container, el('p', { class: 'empty' }, DASH));
    return;
  }
  const known = STAGES.filter((key) => key in byStage);
  const keys = [...known, ...Object.keys(byStage).filter((key) => !STAGES.includes(key))];
  const means = keys.map((key) => (isNumber(byStage[key]?.meanHours) ? byStage[key].meanHours : 0));
  const total = means.reduce((a, b) => a + b, 0);
  const bar = el(
    'div',
    { class: 'stage-bar', role: 'img', 'aria-label': t('stages.bar') },
    keys.map((key, i) => {
      const segment = el('div', {
        class: `stage-seg s${i % 6}`,
        title: `${stageLabel(key)}: ${hours(means[i])}`,
      });
      segment.style.width = `${total > 0 ? (means[i] / total) * 100 : 100 / keys.length}%`;
      return segment;
    }),
  );
  const rows = keys.map((key, i) => {
    const stage = byStage[key] ?? {};
    return el(
      'tr',
      {},
      el('td', {}, el('span', { class: `swatch s${i % 6}` }), stageLabel(key)),
      el('td', { class: 'num' }, hours(stage.meanHours)),
      el('td', { class: 'num' }, hours(stage.p50Hours)),
      el('td', { class: 'num' }, hours(stage.p90Hours)),
      el('td', { class: 'num muted' }, count(stage.count)),
    );
  });
  fill(
    container,
    bar,
    el(
      'table',
      { class: 'grid-table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', {}, t('stages.stage')),
          el('th', { class: 'num' }, t('stages.mean')),
          el('th', { class: 'num' }, 'p50'),
          el('th', { class: 'num' }, 'p90'),
          el('th', { class: 'num' }, t('stages.n')),
        ),
      ),
      el('tbody', {}, rows),
    ),
  );
}

export function renderQueues(container, summary) {
  const queues = summary?.queues;
  if (!queues) {
    fill(container, el('p', { class: 'empty' }, DASH));
    return;
  }
  const agencies = [...AGENCIES, ...Object.keys(queues).filter((a) => !AGENCIES.includes(a))];
  const max = Math.max(1, ...agencies.map((a) => queues[a] ?? 0));
  fill(
    container,
    agencies.map((agency) => {
      const value = queues[agency] ?? 0;
      const fillBar = el('div', { class: 'queue-fill' });
      fillBar.style.width = `${(value / max) * 100}%`;
      return el(
        'div',
        { class: 'queue-row', 'data-agency': agency },
        el('span', { class: 'queue-name' }, holderLabel(agency)),
        el('div', { class: 'queue-track' }, fillBar),
        el('span', { class: 'num queue-count' }, count(value)),
      );
    }),
  );
}

/** Imports and exports side by side (stats byDirection): clearance, and for exports gate-in → departure. */
export function renderDirections(container, stats) {
  const byDirection = stats?.byDirection;
  if (!byDirection) {
    fill(container, el('p', { class: 'empty' }, DASH));
    return;
  }
  const row = (direction) => {
    const d = byDirection[direction] ?? {};
    return el(
      'tr',
      { 'data-direction': direction, 'data-count': d.count ?? '' },
      el('td', {}, t(`direction.${direction}`)),
      el('td', { class: 'num' }, count(d.count)),
      el('td', { class: 'num' }, hours(d.p50Hours)),
      el('td', { class: 'num' }, hours(d.p90Hours)),
      el('td', { class: 'num' }, percent(d.withinTargetRatio)),
      el('td', { class: 'num' }, direction === 'export' ? hours(d.departure?.p50Hours) : DASH),
      el('td', { class: 'num muted' }, direction === 'export' ? count(d.departure?.count) : DASH),
    );
  };
  fill(
    container,
    el(
      'table',
      { class: 'grid-table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', {}, t('directions.direction')),
          el('th', { class: 'num' }, t('directions.released')),
          el('th', { class: 'num' }, 'p50'),
          el('th', { class: 'num' }, 'p90'),
          el('th', { class: 'num' }, t('directions.within')),
          el('th', { class: 'num' }, t('directions.departure')),
          el('th', { class: 'num' }, t('directions.departed')),
        ),
      ),
      el('tbody', {}, ['import', 'export'].map(row)),
    ),
  );
}
