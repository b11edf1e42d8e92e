/* global AbortSignal */
// The parties' HTTP calls to a platform (round-robin over its instances), with the errors counted per
// route and status.

const HTTP_TIMEOUT_MS = 60_000;

class HttpClient {
  constructor(platform, now) {
    this.platform = platform;
    this.now = now;
    this.calls = 0;
    /** "METHOD app/route -> status": { count, sample } */
    this.errors = new Map();
  }

  recordError(method, app, route, status, text) {
    const key = `${method} ${app}${route.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')} -> ${status || 'no answer'}`;
    const entry = this.errors.get(key) ?? { count: 0, sample: text.slice(0, 300) };
    entry.count++;
    this.errors.set(key, entry);
  }

  /**
   * One call as `role` of `party`: { ok, status, body (parsed JSON if ok, else the text), ms }. A non-2xx
   * answer counts as an HTTP error unless `expected(answer)` says it is part of the flow.
   */
  async call(app, role, party, method, route, body, { expected } = {}) {
    this.calls++;
    const started = this.now();
    let status = 0;
    let text = '';
    try {
      const response = await fetch(`${this.platform.url(app)}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${this.platform.token(role, party)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      text = error.message;
    }
    const ms = this.now() - started;
    if (status < 200 || status >= 300) {
      const answer = { ok: false, status, body: text, ms };
      if (!expected?.(answer)) this.recordError(method, app, route, status, text);
      return answer;
    }
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { ok: true, status, body: parsed, ms };
  }
}

module.exports = { HttpClient, HTTP_TIMEOUT_MS };
