// Lists of shipments: the at-risk and breached table and the live activity; a row opens the shipment.
import { clockTime, DASH, el, fill, hours } from './format.js';
import { t } from './i18n.js';
import { holderLabel } from './panels.js';

const POSITIONS = ['filing', 'risk', 'inspection', 'payment', 'release', 'gate-out', 'done'];
/** Where a shipment stands, in the current language; a position the dashboard does not know shows as sent. */
const positionLabel = (key) => (POSITIONS.includes(key) ? t(`position.${key}`) : key);

function channelChip(channel, green) {
  return el(
    'span',
    { class: `chip ${(channel ?? 'none').toLowerCase()}` },
    channel ? t(`channel.${channel}`) : '·',
    green ? el('span', { class: 'green-flag', title: t('channel.green') }, ' ★') : null,
  );
}

export function slaBadge(state) {
  return el('span', { class: `badge ${state ?? 'unknown'}` }, state ? t(`sla.${state}`) : DASH);
}

/** At-risk and breached shipments, worst first; a row opens the shipment. */
export function renderRisks(container, items, { nowMs, onOpen }) {
  if (items === null) {
    fill(container, el('p', { class: 'empty' }, `${DASH} ${t('risks.unavailable')}`));
    return;
  }
  if (items.length === 0) {
    fill(container, el('p', { class: 'empty ok' }, t('risks.none')));
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
      el('td', {}, item.stage ? positionLabel(item.stage) : DASH),
      el('td', {}, item.agency ? holderLabel(item.agency) : DASH),
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
          ['sla', 'shipment', 'channel', 'stage', 'heldBy', 'elapsed', 'predicted', 'arrived'].map((h, i) =>
            el('th', { class: i >= 5 ? 'num' : '' }, t(`risks.${h}`)),
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
    fill(container, el('p', { class: 'empty' }, t('activity.waiting')));
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
          entry.sla ? slaBadge(entry.sla) : el('span', { class: 'muted' }, t('activity.updated')),
        ),
      ),
    ),
  );
}
