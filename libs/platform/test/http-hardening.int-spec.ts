import { signToken, TOKEN_ISSUER } from '@tongguan/auth';
import { ServiceProcesses, TEST_JWT_SECRET, testEnvironment, tokenFor } from '@tongguan/testing';
import jwt from 'jsonwebtoken';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

/** Debian's chromium, as test/dashboard.e2e-spec.ts drives it (CI installs it). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * What every service's HTTP front does with hostile input, measured on real processes: declaration
 * (it takes JSON bodies) and clearance-monitor (its dashboard and live stream). The rate limits are
 * set low here so that the test reaches them.
 */
const PER_PARTY = 30;
const ANONYMOUS = 15;
const env = testEnvironment('httphardening', {
  RATE_LIMIT_PER_PARTY: String(PER_PARTY),
  RATE_LIMIT_ANONYMOUS: String(ANONYMOUS),
  RATE_LIMIT_WINDOW_SECONDS: '120',
});
const services = new ServiceProcesses(env);
let declaration: string;
let monitor: string;

beforeAll(async () => {
  await services.start(['declaration', 'clearance-monitor']);
  declaration = services.url('declaration');
  monitor = services.url('clearance-monitor');
});

afterAll(async () => {
  await services.stopAll();
});

const logOf = (url: string, app: string) =>
  fs.readFileSync(
    path.join(__dirname, '..', '..', '..', '.local', 'logs', `test-${app}-${new URL(url).port}.log`),
    'utf8',
  );

/** POSTs raw bytes to the lodgement endpoint as an importer of its own (its own rate budget). */
async function lodgeRaw(body: Buffer | string, headers: Record<string, string>) {
  const response = await fetch(`${declaration}/v1/declarations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokenFor('importer', 'BODY-TRADER')}`,
      'content-type': 'application/json',
      ...headers,
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('response headers', () => {
  it('carries helmet’s security headers and no X-Powered-By on the API, the docs and the dashboard', async () => {
    for (const url of [
      `${declaration}/health`,
      `${declaration}/v1/declarations/D-1`,
      `${declaration}/docs`,
    ]) {
      const response = await fetch(url);
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    }
    // Swagger UI still loads: its page and the scripts it names are served from its own origin
    const docs = await fetch(`${declaration}/docs`);
    expect(docs.status).toBe(200);
    const html = await docs.text();
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script).not.toMatch(/^https?:/);
      expect((await fetch(new URL(script, docs.url))).status).toBe(200); // as a browser resolves it
    }
    // the dashboard keeps its own, stricter policy
    const page = await fetch(`${monitor}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-powered-by')).toBeNull();
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'self'/);
  });
});

describe('Swagger UI under the security headers', () => {
  it('renders in a browser with no Content-Security-Policy violation, and asks for no https upgrade', async () => {
    const docs = await fetch(`${declaration}/docs`);
    expect(docs.headers.get('content-security-policy')).not.toMatch(/upgrade-insecure-requests/);
    if (!fs.existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM}: see test/dashboard.e2e-spec.ts`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${declaration}/docs`);
      await page.waitForSelector('.swagger-ui .information-container .title', { timeout: 30_000 });
      expect(await page.textContent('.swagger-ui .information-container .title')).toContain('Tongguan');
      await page.waitForSelector('.opblock-summary-path', { timeout: 30_000 });
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('request bodies', () => {
  const json = JSON.stringify({ blNumber: 'BODY0001' });

  it.each([
    [
      'an unsupported Content-Encoding',
      json,
      { 'content-encoding': 'compress' },
      415,
      'REQUEST.ENCODING_UNSUPPORTED',
    ],
    [
      'an unsupported charset',
      json,
      { 'content-type': 'application/json; charset=latin1' },
      415,
      'REQUEST.CHARSET_UNSUPPORTED',
    ],
    [
      'an unknown charset',
      json,
      { 'content-type': 'application/json; charset=x-klingon' },
      415,
      'REQUEST.CHARSET_UNSUPPORTED',
    ],
    [
      'a corrupt gzip body',
      Buffer.from('definitely not gzip'),
      { 'content-encoding': 'gzip' },
      400,
      'REQUEST.BODY_UNREADABLE',
    ],
    [
      'a truncated gzip body',
      gzipSync(json).subarray(0, 15),
      { 'content-encoding': 'gzip' },
      400,
      'REQUEST.BODY_UNREADABLE',
    ],
    [
      'a corrupt deflate body',
      Buffer.from('not deflate either'),
      { 'content-encoding': 'deflate' },
      400,
      'REQUEST.BODY_UNREADABLE',
    ],
    ['malformed JSON', '{"blNumber": ', {}, 400, 'REQUEST.MALFORMED_JSON'],
    ['20,000-deep JSON', '['.repeat(20_000) + ']'.repeat(20_000), {}, 400, 'REQUEST.TOO_DEEP'],
    [
      '20,000-deep JSON in a field',
      `{"blNumber":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`,
      {},
      400,
      'REQUEST.TOO_DEEP',
    ],
  ])('answers %s with its status and a stable code', async (_what, body, headers, status, code) => {
    const answer = await lodgeRaw(body, headers);
    expect(answer).toMatchObject({ status, body: { code, message: expect.any(String) } });
    expect(answer.body.correlationId).toEqual(expect.any(String));
  });

  it('still reads gzip and deflate bodies (they reach validation: 422), and logs no 5xx for any bad body', async () => {
    for (const [encoding, body] of [
      ['gzip', gzipSync('{"unknownField":1}')],
      ['deflate', deflateSync('{"unknownField":1}')],
    ] as const) {
      const answer = await lodgeRaw(body, { 'content-encoding': encoding });
      expect(answer.status).toBe(422);
    }
    const log = logOf(declaration, 'declaration');
    expect(log).not.toMatch(/HttpError/);
    expect(log).not.toMatch(/Maximum call stack/);
  });
});

describe('bearer tokens', () => {
  const sign = (options: jwt.SignOptions) =>
    jwt.sign({ role: 'importer', party: 'TOKEN-TRADER' }, TEST_JWT_SECRET, {
      issuer: TOKEN_ISSUER,
      ...options,
    });

  it('refuses a token without exp and one valid for ten years with 401; a 12-hour token passes', async () => {
    const get = (token: string) =>
      fetch(`${declaration}/v1/declarations?page=1`, { headers: { authorization: `Bearer ${token}` } });
    for (const token of [sign({}), sign({ expiresIn: '3650d' })]) {
      const answer = await get(token);
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ code: 'AUTH.TOKEN_INVALID' });
    }
    expect((await get(sign({ expiresIn: '12h' }))).status).toBe(200);
  });

  it('ends a live stream when the token that opened it expires, and refuses tokens without exp', async () => {
    const live = `${monitor}/v1/live?token=`;
    const opsNoExp = jwt.sign({ role: 'ops', party: 'OPS-1' }, TEST_JWT_SECRET, { issuer: TOKEN_ISSUER });
    expect((await fetch(live + opsNoExp)).status).toBe(401);
    const opsTenYears = signToken(
      { role: 'ops', party: 'OPS-1' },
      TEST_JWT_SECRET,
      TOKEN_ISSUER,
      10 * 365 * 86_400,
    );
    expect((await fetch(live + opsTenYears)).status).toBe(401);

    const shortLived = signToken({ role: 'ops', party: 'OPS-1' }, TEST_JWT_SECRET, TOKEN_ISSUER, 4);
    const expiresAtMs = (jwt.decode(shortLived, { json: true })!.exp as number) * 1000;
    const stream = await fetch(live + shortLived);
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    let received = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    expect(received).toContain('event: hello');
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAtMs - 50);
    expect(Date.now()).toBeLessThan(expiresAtMs + 10_000);
  });
});

describe('rate limits', () => {
  const get = (token?: string) =>
    fetch(`${declaration}/v1/declarations?page=1`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('answers 429 with Retry-After past the limit for one party while another party and /health go on', async () => {
    const greedy = tokenFor('importer', 'GREEDY-TRADER');
    const statuses = [];
    for (let i = 0; i < PER_PARTY; i++) statuses.push((await get(greedy)).status);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    const refused = await get(greedy);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'RATE_LIMIT.EXCEEDED', message: expect.any(String) });

    expect((await get(tokenFor('importer', 'PATIENT-TRADER'))).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await fetch(`${declaration}/health`)).status).toBe(200);
    expect((await fetch(`${declaration}/metrics`)).status).toBe(200);
  });

  it('limits callers without a valid token by IP, before authentication answers them', async () => {
    // the headers test above spent part of this IP's budget: go on until it is used up
    const statuses: number[] = [];
    for (let i = 0; i <= ANONYMOUS && !statuses.includes(429); i++) {
      statuses.push((await get(i % 2 ? 'forged.token.here' : undefined)).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses.length).toBeGreaterThan(ANONYMOUS - 5);
    // a party with a valid token keeps its own budget
    expect((await get(tokenFor('importer', 'OTHER-TRADER'))).status).toBe(200);
  });
});
