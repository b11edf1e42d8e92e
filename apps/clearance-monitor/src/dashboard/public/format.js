/* global document */
// Small helpers shared by the dashboard's panels: DOM building, number and time formatting. English
// keeps the notation ops read (6.2 h, 60 %, 2 Mar 08:05); Chinese is formatted by Intl for zh-CN.
import { locale } from './i18n.js';

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

const zh = () => locale() === 'zh-CN';

/** Hours the way ops read them: 0.4 h, 6.2 h, 27 h, 113 h (0.4小时 … 113小时 in Chinese). */
export function hours(value) {
  if (!isNumber(value)) return DASH;
  const digits = value < 10 ? 1 : 0;
  if (zh()) {
    return new Intl.NumberFormat('zh-CN', {
      style: 'unit',
      unit: 'hour',
      unitDisplay: 'short',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
  }
  return digits ? `${value.toFixed(1)} h` : `${Math.round(value)} h`;
}

/** Whole hours as a limit or window is stated: 16 h, 16小时. */
export function wholeHours(value) {
  if (!isNumber(value)) return DASH;
  return zh()
    ? new Intl.NumberFormat('zh-CN', { style: 'unit', unit: 'hour', unitDisplay: 'short' }).format(value)
    : `${value} h`;
}

export function count(value) {
  return isNumber(value) ? value.toLocaleString(zh() ? 'zh-CN' : 'en-GB') : DASH;
}

export function percent(ratio) {
  if (!isNumber(ratio)) return DASH;
  return zh()
    ? new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 0 }).format(ratio)
    : `${Math.round(ratio * 100)} %`;
}

/** A change as a signed share: −88 % (-88% in Chinese). */
export function signedPercent(ratio) {
  if (!isNumber(ratio)) return DASH;
  if (zh()) {
    return new Intl.NumberFormat('zh-CN', {
      style: 'percent',
      maximumFractionDigits: 0,
      signDisplay: 'exceptZero',
    }).format(ratio);
  }
  return `${ratio > 0 ? '+' : '−'}${Math.abs(Math.round(ratio * 100))} %`;
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
  if (zh()) {
    const day = new Intl.DateTimeFormat('zh-CN', { month: 'short', day: 'numeric', timeZone: 'UTC' });
    return `${day.format(date)} ${hm}`;
  }
  return `${date.getUTCDate()} ${date.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${hm}`;
}

const ZH_FULL = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
};

/** 2026-03-02 08:05:09 UTC (2026/03/02 08:05:09 UTC in Chinese). */
export function fullTime(iso) {
  if (!iso) return DASH;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return DASH;
  if (zh()) return `${new Intl.DateTimeFormat('zh-CN', ZH_FULL).format(date)} UTC`;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
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
