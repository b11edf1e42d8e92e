// Lists of shipments: the at-risk and breached table and the live activity; a row opens the shipment.
import { clockTime, DASH, el, fill, hours } from './format.js';

function channelChip(channel, green) {
  return el(
    'span',
    { class: `chip ${(channel ?? 'none').toLowerCase()}` },
    channel ?? '·',
    green ? el('span', { class: 'green-flag', title: 'green channel' }, ' ★') : null,
  );
}

export function slaBadge(state) {
  return el('span', { class: `badge ${state ?? 'unknown'}` }, state ?? DASH);
}

/** At-risk and breached shipments, worst first; a row opens the shipment. */
export function renderRisks(container, items, { nowMs, onOpen }) {
  if (items === null) {
    fill(
      container,
      el('p', { class: 'empty' }, `${DASH} (this monitor does not list shipments by state yet)`),
    );
    return;
  }
  if (items.length === 0) {
    fill(container, el('p', { class: 'empty ok' }, 'Nothing at risk or breached.'));
    return;
  }
  const rows = items.map((item) =>
    el(
      'tr',
      {
        class: `clickable ${item.sla ?? ''}`,
        tabindex: 0,
        'data-shipment': item.shipmentId,
        onclick: () => onOpen(item.shipmentId),
        onkeydown: (e) => e.key === 'Enter' && onOpen(item.shipmentId),
      },
      el('td', {}, slaBadge(item.sla)),
      el('td', { class: 'mono' }, item.shipmentId),
      el('td', {}, channelChip(item.channel, item.greenChannel)),
      el('td', {}, item.stage ?? DASH),
      el('td', {}, item.agency ?? DASH),
      el('td', { class: 'num' }, hours(item.elapsedHours)),
      el('td', { class: 'num' }, hours(item.predictedHours)),
      el('td', { class: 'num muted' }, clockTime(item.arrival, nowMs)),
    ),
  );
  fill(
    container,
    el(
      'table',
      { class: 'grid-table risks' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ['SLA', 'Shipment', 'Channel', 'Stage', 'Held by', 'Elapsed', 'Predicted', 'Arrived'].map((h, i) =>
            el('th', { class: i >= 5 ? 'num' : '' }, h),
          ),
        ),
      ),
      el('tbody', {}, rows),
    ),
  );
}

/** What the live feed reported lately: a quick way into the shipments that just moved. */
export function renderActivity(container, activity, { nowMs, onOpen }) {
  if (activity.length === 0) {
    fill(container, el('p', { class: 'empty' }, 'Waiting for events…'));
    return;
  }
  fill(
    container,
    el(
      'ul',
      { class: 'activity' },
      activity.map((entry) =>
        el(
          'li',
          {
            class: 'clickable',
            tabindex: 0,
            'data-shipment': entry.shipmentId,
            onclick: () => onOpen(entry.shipmentId),
            onkeydown: (e) => e.key === 'Enter' && onOpen(entry.shipmentId),
          },
          el('span', { class: 'muted' }, clockTime(entry.at, nowMs)),
          el('span', { class: 'mono' }, entry.shipmentId),
          entry.sla ? slaBadge(entry.sla) : el('span', { class: 'muted' }, 'updated'),
        ),
      ),
    ),
  );
}
