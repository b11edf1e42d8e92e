// The dashboard's panels, each rendered from what the monitor answered (null: the figure is not
// available from this monitor, shown as "—").
import { count, DASH, el, fill, hours, isNumber, percent, standing } from './format.js';

/** Where the hours go, in pipeline order; keys the monitor adds later still show, after these. */
const STAGE_LABELS = {
  filing: 'Filing (arrival → lodged)',
  risk: 'Risk (lodged → assessed)',
  inspection: 'Inspection',
  payment: 'Payment (accepted → paid)',
  release: 'Release',
  trader: 'Trader (notices, payment)',
  arrivalToLodgement: 'Arrival → lodgement',
  lodgementToAcceptance: 'Lodgement → acceptance',
  acceptanceToRisk: 'Acceptance → risk',
  riskToInspection: 'Risk → inspection',
  acceptanceToPayment: 'Acceptance → payment',
  releaseToGateOut: 'Release → gate-out',
};
const AGENCIES = ['importer', 'customs', 'inspection', 'logistics', 'port'];

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
    kpi('p50', 'Clearance p50', hours(stats?.p50Hours), {
      tone: standing(stats?.p50Hours, target, ratio),
      sub: `target ${hours(target)} · baseline ${hours(baseline)}`,
      raw: stats?.p50Hours,
    }),
    kpi('p90', 'Clearance p90', hours(stats?.p90Hours), {
      tone: standing(stats?.p90Hours, target, ratio),
      sub: `mean ${hours(stats?.meanHours)} · p99 ${hours(stats?.p99Hours)}`,
      raw: stats?.p90Hours,
    }),
    kpi(
      'baseline',
      'p50 vs baseline',
      isNumber(vsBaseline)
        ? `${vsBaseline > 0 ? '+' : '−'}${Math.abs(Math.round(vsBaseline * 100))} %`
        : DASH,
      {
        tone: isNumber(vsBaseline) ? (vsBaseline <= -0.5 ? 'on-track' : 'at-risk') : 'neutral',
        sub: `against ${hours(baseline)} before the reform`,
      },
    ),
    kpi('within', 'Within target', percent(stats?.withinTargetRatio), {
      tone: isNumber(stats?.withinTargetRatio)
        ? stats.withinTargetRatio >= 0.9
          ? 'on-track'
          : stats.withinTargetRatio >= 0.75
            ? 'at-risk'
            : 'breached'
        : 'neutral',
      sub: `of released shipments`,
      raw: stats?.withinTargetRatio,
    }),
    kpi('released', 'Released', count(stats?.count), { sub: 'in this window', raw: stats?.count }),
    kpi('in-flight', 'In flight', count(summary?.count), {
      sub: 'arrived or lodged, not released',
      raw: summary?.count,
    }),
    kpi('at-risk', 'At risk', count(summary?.atRisk), {
      tone: summary?.atRisk > 0 ? 'at-risk' : 'neutral',
      sub: `past ${percent(ratio)} of target`,
      raw: summary?.atRisk,
    }),
    kpi('breached', 'Breached', count(summary?.breached), {
      tone: summary?.breached > 0 ? 'breached' : 'neutral',
      sub: `over ${hours(target)}, not released`,
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
  const known = Object.keys(STAGE_LABELS).filter((key) => key in byStage);
  const keys = [...known, ...Object.keys(byStage).filter((key) => !(key in STAGE_LABELS))];
  const means = keys.map((key) => (isNumber(byStage[key]?.meanHours) ? byStage[key].meanHours : 0));
  const total = means.reduce((a, b) => a + b, 0);
  const bar = el(
    'div',
    { class: 'stage-bar', role: 'img', 'aria-label': 'Mean hours per stage' },
    keys.map((key, i) => {
      const segment = el('div', {
        class: `stage-seg s${i % 6}`,
        title: `${STAGE_LABELS[key] ?? key}: ${hours(means[i])}`,
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
      el('td', {}, el('span', { class: `swatch s${i % 6}` }), STAGE_LABELS[key] ?? key),
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
          el('th', {}, 'Stage'),
          el('th', { class: 'num' }, 'mean'),
          el('th', { class: 'num' }, 'p50'),
          el('th', { class: 'num' }, 'p90'),
          el('th', { class: 'num' }, 'n'),
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
        el('span', { class: 'queue-name' }, agency),
        el('div', { class: 'queue-track' }, fillBar),
        el('span', { class: 'num queue-count' }, count(value)),
      );
    }),
  );
}
