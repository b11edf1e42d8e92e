// Clearance time over the window: p50 and p90 of the shipments released in each bucket, against the
// target and the baseline, with the number released as faint bars. Inline SVG, no library.
import { count, el, fill, hours, isNumber, percentile, standing, svg, wholeHours } from './format.js';
import { t } from './i18n.js';

const HEIGHT = 260;
const MARGIN = { top: 16, right: 84, bottom: 26, left: 40 };
const HOUR_MS = 3_600_000;

/** Buckets computed in the browser from released shipments, when the monitor has no series endpoint. */
export function bucketsFromShipments(shipments, fromMs, toMs, bucketMinutes) {
  const size = bucketMinutes * 60_000;
  const buckets = [];
  for (let start = fromMs; start < toMs; start += size) buckets.push({ start, hours: [] });
  for (const shipment of shipments) {
    const released = Date.parse(shipment.released);
    if (!isNumber(shipment.clearanceHours) || !(released >= fromMs && released < toMs)) continue;
    buckets[Math.floor((released - fromMs) / size)]?.hours.push(shipment.clearanceHours);
  }
  return buckets.map(({ start, hours: values }) => {
    const sorted = values.sort((a, b) => a - b);
    return {
      start: new Date(start).toISOString(),
      count: sorted.length,
      p50Hours: percentile(sorted, 50),
      p90Hours: percentile(sorted, 90),
    };
  });
}

function niceStep(max) {
  for (const step of [1, 2, 5, 10, 20, 25, 50, 100, 200, 500]) if (max / step <= 6) return step;
  return 1000;
}

function linePath(points) {
  let d = '';
  let open = false;
  for (const point of points) {
    if (!point) {
      open = false;
      continue;
    }
    d += `${open ? 'L' : 'M'}${point.x.toFixed(1)},${point.y.toFixed(1)}`;
    open = true;
  }
  return d;
}

export function renderChart(
  container,
  { buckets, fromMs, toMs, bucketMinutes, targetHours, baselineHours, nowMs, atRiskRatio },
) {
  if (!buckets) {
    fill(container, el('p', { class: 'empty' }, t('chart.noData')));
    return;
  }
  const width = Math.max(360, container.clientWidth || 720);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const highest = Math.max(0, ...buckets.map((b) => (isNumber(b.p90Hours) ? b.p90Hours : 0)));
  const yMax = Math.max(targetHours * 1.5, highest * 1.1, 1);
  const step = niceStep(yMax);
  const top = Math.ceil(yMax / step) * step;
  const x = (ms) => MARGIN.left + ((ms - fromMs) / (toMs - fromMs)) * plotW;
  const y = (h) => MARGIN.top + plotH - (Math.min(h, top) / top) * plotH;
  const bucketW = ((bucketMinutes * 60_000) / (toMs - fromMs)) * plotW;
  const maxCount = Math.max(1, ...buckets.map((b) => b.count ?? 0));

  const grid = [];
  for (let h = 0; h <= top; h += step) {
    grid.push(svg('line', { class: 'grid', x1: MARGIN.left, x2: MARGIN.left + plotW, y1: y(h), y2: y(h) }));
    grid.push(svg('text', { class: 'axis', x: MARGIN.left - 6, y: y(h) + 4, 'text-anchor': 'end' }, `${h}`));
  }
  const labelEvery = Math.max(1, Math.ceil(64 / Math.max(bucketW, 1)));
  const ticks = buckets
    .filter((_, i) => i % labelEvery === 0)
    .map((b) => {
      const at = Date.parse(b.start);
      const label =
        bucketMinutes >= 24 * 60 || toMs - fromMs > 3 * 24 * HOUR_MS
          ? `${new Date(at).getUTCDate()}/${new Date(at).getUTCMonth() + 1} ${new Date(at).toISOString().slice(11, 13)}h`
          : new Date(at).toISOString().slice(11, 16);
      return svg('text', { class: 'axis', x: x(at), y: HEIGHT - 8, 'text-anchor': 'middle' }, label);
    });

  const bars = buckets.map((b) => {
    const h = ((b.count ?? 0) / maxCount) * plotH * 0.28;
    const at = Date.parse(b.start);
    return svg(
      'rect',
      {
        class: 'count-bar',
        x: x(at) + 1,
        y: MARGIN.top + plotH - h,
        width: Math.max(1, bucketW - 2),
        height: h,
      },
      svg(
        'title',
        {},
        t('chart.bucket', {
          time: new Date(at).toISOString().slice(11, 16),
          count: count(b.count ?? 0),
          p50: hours(b.p50Hours),
          p90: hours(b.p90Hours),
        }),
      ),
    );
  });
  const point = (b, key) =>
    b.count > 0 && isNumber(b[key])
      ? { x: x(Date.parse(b.start)) + bucketW / 2, y: y(b[key]), v: b[key] }
      : null;
  const p50 = buckets.map((b) => point(b, 'p50Hours'));
  const p90 = buckets.map((b) => point(b, 'p90Hours'));
  const dots = p50
    .filter(Boolean)
    .map((p) =>
      svg('circle', { class: `dot ${standing(p.v, targetHours, atRiskRatio)}`, cx: p.x, cy: p.y, r: 3 }),
    );

  const references = [
    svg('line', {
      class: 'target',
      x1: MARGIN.left,
      x2: MARGIN.left + plotW,
      y1: y(targetHours),
      y2: y(targetHours),
    }),
    svg(
      'text',
      { class: 'target-label', x: MARGIN.left + plotW + 4, y: y(targetHours) + 4 },
      t('chart.target', { hours: wholeHours(targetHours) }),
    ),
  ];
  if (isNumber(baselineHours)) {
    const onScale = baselineHours <= top;
    references.push(
      onScale
        ? svg('line', {
            class: 'baseline',
            x1: MARGIN.left,
            x2: MARGIN.left + plotW,
            y1: y(baselineHours),
            y2: y(baselineHours),
          })
        : null,
      svg(
        'text',
        {
          class: 'baseline-label',
          x: MARGIN.left + plotW + 4,
          y: onScale ? y(baselineHours) + 4 : MARGIN.top + 4,
        },
        `${t('chart.baseline', { hours: wholeHours(baselineHours) })}${onScale ? '' : ' ↑'}`,
      ),
    );
  }
  const now =
    isNumber(nowMs) && nowMs > fromMs && nowMs < toMs
      ? [
          svg('line', { class: 'now', x1: x(nowMs), x2: x(nowMs), y1: MARGIN.top, y2: MARGIN.top + plotH }),
          svg(
            'text',
            { class: 'axis', x: x(nowMs), y: MARGIN.top - 4, 'text-anchor': 'middle' },
            t('chart.now'),
          ),
        ]
      : [];

  const released = buckets.reduce((sum, b) => sum + (b.count ?? 0), 0);
  fill(
    container,
    svg(
      'svg',
      {
        viewBox: `0 0 ${width} ${HEIGHT}`,
        width,
        height: HEIGHT,
        role: 'img',
        'aria-label': t('chart.label'),
      },
      grid,
      bars,
      references,
      now,
      svg('path', { class: 'p90-line', d: linePath(p90) }),
      svg('path', { class: 'p50-line', d: linePath(p50) }),
      dots,
      ticks,
      svg('text', { class: 'axis', x: 4, y: MARGIN.top - 4 }, t('chart.hours')),
    ),
    released === 0 ? el('p', { class: 'chart-note' }, t('chart.noneReleased')) : null,
  );
}
