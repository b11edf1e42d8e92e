/* global document */
// Small helpers shared by the dashboard's panels: DOM building, number and time formatting.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Builds an element: el('td', { class: 'num' }, '12.5'); children may be nodes, strings or arrays. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  return build(node, attributes, children);
}

export function svg(tag, attributes = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

function build(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return node;
}

/** Replaces an element's content. */
export function fill(node, ...children) {
  node.replaceChildren();
  for (const child of children.flat(Infinity)) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
}

export const DASH = '—';

export function isNumber(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Hours the way ops read them: 0.4 h, 6.2 h, 27 h, 113 h. */
export function hours(value) {
  if (!isNumber(value)) return DASH;
  if (value < 10) return `${value.toFixed(1)} h`;
  return `${Math.round(value)} h`;
}

export function count(value) {
  return isNumber(value) ? value.toLocaleString('en-GB') : DASH;
}

export function percent(ratio) {
  return isNumber(ratio) ? `${Math.round(ratio * 100)} %` : DASH;
}

/** 08:05 for today, 2 Mar 08:05 otherwise (business time, shown in UTC as the platform records it). */
export function clockTime(iso, nowMs) {
  if (!iso) return DASH;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return DASH;
  const hm = date.toISOString().slice(11, 16);
  const sameDay =
    nowMs !== undefined && new Date(nowMs).toISOString().slice(0, 10) === date.toISOString().slice(0, 10);
  if (sameDay) return hm;
  return `${date.getUTCDate()} ${date.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${hm}`;
}

export function fullTime(iso) {
  if (!iso) return DASH;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? DASH : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The state a number of hours stands in against the target: on-track, at-risk (past the ratio) or breached. */
export function standing(value, targetHours, atRiskRatio = 0.75) {
  if (!isNumber(value) || !isNumber(targetHours)) return 'unknown';
  if (value > targetHours) return 'breached';
  return value >= targetHours * atRiskRatio ? 'at-risk' : 'on-track';
}

/** Percentile with linear interpolation between closest ranks, as the monitor computes it. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}
