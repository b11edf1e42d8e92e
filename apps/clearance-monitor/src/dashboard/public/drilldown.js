// One shipment: its Time Release Study stamps on a horizontal timeline against the target, and its
// audit trail (who, role, what, when, why).
import { clockTime, DASH, el, fill, fullTime, hours, isNumber, svg, wholeHours } from './format.js';
import { t } from './i18n.js';
import { slaBadge } from './shipments.js';

const STAMPS = [
  ['arrival', 'T0'],
  ['lodged', 'T1'],
  ['accepted', 'T2'],
  ['riskAssessed', 'T3'],
  ['inspected', 'T4'],
  ['paid', 'T5'],
  ['released', 'T6'],
  ['gateOut', 'T7'],
  // an export leaves on its vessel, not through the gate
  ['departed', 'T7'],
].map(([key, code]) => [key, () => t(`stamp.${key}`), code]);
const HOUR_MS = 3_600_000;
const WIDTH = 760;
const LANES = 4;

function timelineSvg(timeline, nowMs, targetHours) {
  const present = STAMPS.filter(([key]) => timeline[key]).map(([key, label, code]) => ({
    key,
    label: label(),
    code,
    ms: Date.parse(timeline[key]),
  }));
  if (present.length === 0) return el('p', { class: 'empty' }, t('timeline.none'));
  const arrivalMs = timeline.arrival ? Date.parse(timeline.arrival) : null;
  const endMs = timeline.released ? Date.parse(timeline.released) : nowMs;
  const targetMs = arrivalMs !== null && isNumber(targetHours) ? arrivalMs + targetHours * HOUR_MS : null;
  const startMs = Math.min(...present.map((s) => s.ms));
  const stopMs = Math.max(...present.map((s) => s.ms), endMs ?? 0, targetMs ?? 0, startMs + HOUR_MS);
  const left = 24;
  const right = WIDTH - 24;
  const axisY = 78;
  const x = (ms) => left + ((ms - startMs) / (stopMs - startMs)) * (right - left);

  const parts = [svg('line', { class: 'track', x1: left, x2: right, y1: axisY, y2: axisY })];
  if (arrivalMs !== null) {
    const state = timeline.slaState ?? 'on-track';
    parts.push(
      svg('line', {
        class: `span ${state}`,
        x1: x(arrivalMs),
        x2: x(endMs ?? arrivalMs),
        y1: axisY,
        y2: axisY,
      }),
    );
  }
  if (arrivalMs !== null) {
    // hours since arrival, the Time Release Study's measure
    const spanHours = (stopMs - arrivalMs) / HOUR_MS;
    const step = [1, 2, 5, 10, 20, 50, 100].find((h) => spanHours / h <= 8) ?? 200;
    for (let h = 0; h <= spanHours; h += step) {
      parts.push(
        svg(
          'text',
          { class: 'axis', x: x(arrivalMs + h * HOUR_MS), y: axisY - 10, 'text-anchor': 'middle' },
          `+${wholeHours(h)}`,
        ),
      );
    }
  }
  if (targetMs !== null) {
    parts.push(
      svg('line', { class: 'target', x1: x(targetMs), x2: x(targetMs), y1: 18, y2: axisY + 22 }),
      svg(
        'text',
        { class: 'target-label', x: x(targetMs), y: 12, 'text-anchor': 'middle' },
        t('timeline.target', { hours: wholeHours(targetHours) }),
      ),
    );
  }
  if (!timeline.released && isNumber(nowMs)) {
    parts.push(
      svg('text', { class: 'axis', x: x(nowMs), y: axisY - 26, 'text-anchor': 'middle' }, t('chart.now')),
      svg('line', { class: 'now', x1: x(nowMs), x2: x(nowMs), y1: axisY - 22, y2: axisY + 8 }),
    );
  }
  // labels take the first lane where they fit; when every lane is taken near the dot (stamps minutes
  // apart on a day-long axis) the label moves right along the lane that frees first, its leader slanted
  const laneEnds = new Array(LANES).fill(-Infinity);
  const sorted = [...present].sort((a, b) => a.ms - b.ms);
  for (const stamp of sorted) {
    const cx = x(stamp.ms);
    const text = `${stamp.code} ${stamp.label}`;
    let lane = laneEnds.findIndex((end) => end < cx);
    if (lane === -1) lane = laneEnds.indexOf(Math.min(...laneEnds));
    const labelX = Math.max(cx, laneEnds[lane]);
    laneEnds[lane] = labelX + text.length * 6.6 + 10;
    const labelY = axisY + 40 + lane * 16;
    parts.push(
      svg('line', { class: 'leader', x1: cx, x2: labelX, y1: axisY + 5, y2: labelY - 11 }),
      svg(
        'circle',
        { class: `stamp ${stamp.key}`, cx, cy: axisY, r: 5 },
        svg('title', {}, `${stamp.label}: ${fullTime(timeline[stamp.key])}`),
      ),
      svg('text', { class: 'stamp-label', x: labelX, y: labelY }, text),
    );
  }
  const height = axisY + 40 + LANES * 16;
  return svg(
    'svg',
    {
      class: 'timeline-svg',
      viewBox: `0 0 ${WIDTH} ${height}`,
      role: 'img',
      'aria-label': t('timeline.label'),
    },
    parts,
  );
}

function stampTable(timeline, nowMs) {
  const arrivalMs = timeline.arrival ? Date.parse(timeline.arrival) : null;
  return el(
    'div',
    { class: 'stamps' },
    STAMPS.map(([key, label, code]) => {
      const at = timeline[key];
      const offset = at && arrivalMs !== null ? (Date.parse(at) - arrivalMs) / HOUR_MS : null;
      return el(
        'div',
        { class: `stamp-cell ${at ? 'done' : 'pending'}`, 'data-stamp': key },
        el('div', { class: 'stamp-code' }, `${code} ${label()}`),
        el('div', { class: 'stamp-time' }, at ? clockTime(at, nowMs) : t('timeline.pending')),
        el(
          'div',
          { class: 'muted' },
          isNumber(offset) ? `${offset >= 0 ? '+' : '−'}${hours(Math.abs(offset))}` : '',
        ),
      );
    }),
  );
}

function auditTable(audit) {
  if (!audit) return el('p', { class: 'empty' }, `${DASH} ${t('audit.none')}`);
  return el(
    'table',
    { class: 'grid-table audit' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ['when', 'who', 'role', 'what', 'why'].map((h) => el('th', {}, t(`audit.${h}`))),
      ),
    ),
    el(
      'tbody',
      {},
      audit.entries.map((entry) =>
        el(
          'tr',
          {},
          el('td', { class: 'mono nowrap' }, fullTime(entry.at)),
          el('td', { class: 'mono' }, entry.actor ?? DASH),
          el('td', {}, el('span', { class: `role ${entry.role}` }, entry.role ?? DASH)),
          el('td', {}, entry.action ?? DASH),
          el('td', { class: 'muted' }, entry.reasons?.length ? entry.reasons.join('; ') : DASH),
        ),
      ),
    ),
  );
}

export function renderDrilldown(container, { shipmentId, timeline, audit, nowMs, error }) {
  if (error) {
    fill(container, el('h2', { class: 'mono' }, shipmentId), el('p', { class: 'empty' }, error));
    return;
  }
  const facts = [
    [
      t('fact.channel'),
      timeline.channel
        ? `${t(`channel.${timeline.channel}`)}${timeline.greenChannel ? t('fact.green') : ''}`
        : DASH,
    ],
    [t('fact.clearance'), hours(timeline.clearanceHours)],
    [t('fact.dwell'), hours(timeline.dwellHours)],
    [t('fact.inspection'), timeline.inspectionOutcome ?? DASH],
    [t('fact.declaration'), timeline.declarationId ?? DASH],
  ];
  fill(
    container,
    el(
      'div',
      { class: 'drill-head' },
      el('h2', { class: 'mono', id: 'drill-title' }, timeline.shipmentId ?? shipmentId),
      slaBadge(timeline.slaState),
      timeline.withdrawn ? el('span', { class: 'badge unknown' }, t('drill.withdrawn')) : null,
    ),
    el(
      'dl',
      { class: 'facts' },
      facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]),
    ),
    timeline.refusedReasons?.length
      ? el('p', { class: 'refused' }, t('drill.refused', { reasons: timeline.refusedReasons.join('; ') }))
      : null,
    el('h3', {}, t('drill.timeline')),
    el(
      'div',
      { class: 'timeline', id: 'drill-timeline' },
      timelineSvg(timeline, nowMs, timeline.targetHours),
      stampTable(timeline, nowMs),
    ),
    el('h3', {}, t('drill.audit')),
    el('div', { id: 'drill-audit' }, auditTable(audit)),
  );
}
