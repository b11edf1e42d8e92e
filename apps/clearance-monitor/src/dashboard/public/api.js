/* global sessionStorage, URLSearchParams */
// The dashboard's view of the monitor's API: the bearer token, and answers that may be missing.
import { locale } from './i18n.js';

const TOKEN_KEY = 'tongguan.dashboard.token';

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (value) => sessionStorage.setItem(TOKEN_KEY, value),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** The token was refused (401/403): the page asks for another one. */
export class AuthError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * GET a JSON resource with the token. Answers null when the endpoint does not exist on this monitor
 * (404 from an older version, or a query it does not understand), so a panel shows "—" instead of failing.
 */
export async function getJson(path, { optional = false } = {}) {
  const response = await fetch(path, {
    // the monitor's error messages come back in the language the page speaks
    headers: {
      authorization: `Bearer ${token.get() ?? ''}`,
      accept: 'application/json',
      'accept-language': locale(),
    },
    cache: 'no-store',
  });
  if (response.status === 401 || response.status === 403) {
    const body = await response.json().catch(() => ({}));
    throw new AuthError(response.status, body.message ?? `HTTP ${response.status}`);
  }
  if (!response.ok) {
    if (optional && response.status >= 400 && response.status < 500) return null;
    throw new Error(`${path}: HTTP ${response.status}`);
  }
  return response.json();
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  return search.toString();
}

/** Every page of a listing (up to maxPages), or null when the listing does not exist. */
export async function listAll(path, params, maxPages = 10) {
  const items = [];
  let cursor;
  for (let page = 0; page < maxPages; page++) {
    const answer = await getJson(`${path}?${query({ ...params, cursor })}`, { optional: true });
    if (!answer || !Array.isArray(answer.items)) return page === 0 ? null : items;
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}
