/* global document, localStorage, navigator, atob */
// The dashboard's language: Simplified Chinese or English, chosen per user (the token's subject) and
// kept in localStorage; until a user chooses, the browser's language decides.
import { EN } from './messages-en.js';
import { ZH_CN } from './messages-zh-cn.js';

export const LOCALES = { en: EN, 'zh-CN': ZH_CN };
const KEY_PREFIX = 'tongguan.dashboard.language';

let current = browserLocale();

/** zh, zh-CN, zh-SG and zh-Hans read Simplified Chinese; Traditional Chinese and the rest read English. */
export function localeOf(tag) {
  const [language, ...rest] = String(tag ?? '')
    .toLowerCase()
    .split('-');
  if (language === 'en') return 'en';
  if (language !== 'zh') return undefined;
  return rest.some((s) => ['hant', 'tw', 'hk', 'mo'].includes(s)) ? undefined : 'zh-CN';
}

function browserLocale() {
  const tags = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of tags) {
    const locale = localeOf(tag);
    if (locale) return locale;
  }
  return 'en';
}

/** Whose choice it is: the token's subject (or party); none without a readable token. */
function userOf(token) {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return payload.sub ?? payload.party ?? null;
  } catch {
    return null;
  }
}

export function locale() {
  return current;
}

/** The language this user chose before, else the browser's. */
export function restoreLocale(token) {
  const user = token ? userOf(token) : null;
  const saved = user ? localStorage.getItem(`${KEY_PREFIX}:${user}`) : null;
  current = saved in LOCALES ? saved : browserLocale();
  return current;
}

/** The user's choice, kept for the next visit. */
export function chooseLocale(next, token) {
  if (!(next in LOCALES)) return current;
  current = next;
  const user = token ? userOf(token) : null;
  if (user) localStorage.setItem(`${KEY_PREFIX}:${user}`, next);
  return current;
}

/** A text of the current language with its {placeholders} filled; an unknown key shows as itself. */
export function t(key, params = {}) {
  const template = LOCALES[current][key] ?? EN[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** The page's fixed words: data-i18n (text) and data-i18n-<attribute> (placeholder, aria-label, title). */
export function translatePage(root = document) {
  document.documentElement.lang = current;
  document.title = t('page.title');
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const attribute of ['placeholder', 'aria-label', 'title']) {
    for (const node of root.querySelectorAll(`[data-i18n-${attribute}]`)) {
      node.setAttribute(attribute, t(node.getAttribute(`data-i18n-${attribute}`)));
    }
  }
}
