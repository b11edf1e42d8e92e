#!/usr/bin/env node
// Uploads manifests of many B/Ls to a running port-exchange and prints rows/s per run and the median.
//   node bench/manifest-upload.js [--url http://127.0.0.1:3004] [--rows 5000] [--runs 3] [--format csv|ndjson]
// Each run announces its own vessel call and B/L numbers; after the runs the last file is sent again
// to time the idempotent replay (every row "unchanged"). The token is minted with scripts/token.js, so
// JWT_SECRET must be the one the service runs with.
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { Buffer } = require('node:buffer');
const path = require('node:path');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const baseUrl = option('url', process.env.PORT_EXCHANGE_URL ?? 'http://127.0.0.1:3004');
const rows = Number(option('rows', 5000));
const runs = Number(option('runs', 3));
const format = option('format', 'csv');
if (!(rows > 0) || !(runs > 0) || !['csv', 'ndjson'].includes(format)) {
  process.stderr.write(
    'usage: node bench/manifest-upload.js [--url U] [--rows N] [--runs N] [--format csv|ndjson]\n',
  );
  process.exit(2);
}

const token = execFileSync(process.execPath, [
  path.join(__dirname, '..', 'scripts', 'token.js'),
  '--role',
  'port',
  '--party',
  'BENCH-TERMINAL',
])
  .toString()
  .trim();

// ISO 6346 letter values skip multiples of 11; weights are 2^position; mod 11, 10 -> 0
const LETTERS = {};
for (let letter = 0, value = 10; letter < 26; letter++, value++) {
  if (value % 11 === 0) value++;
  LETTERS[String.fromCharCode(65 + letter)] = value;
}
function containerNumber(owner, serial) {
  const firstTen = `${owner}${String(serial).padStart(6, '0')}`;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (i < 4 ? LETTERS[firstTen[i]] : Number(firstTen[i])) * 2 ** i;
  return `${firstTen}${(sum % 11) % 10}`;
}

function manifestFile(prefix) {
  const lines = [];
  for (let i = 0; i < rows; i++) {
    lines.push({
      blNumber: `${prefix}${String(i).padStart(6, '0')}`,
      consignee: `BENCH CONSIGNEE ${i}, LTD`,
      consigneePartyId: `BENCH-TRADER-${i % 50}`,
      containerNumbers: [containerNumber('BNCU', (2 * i) % 1e6), containerNumber('BNCU', (2 * i + 1) % 1e6)],
      packages: 1 + (i % 400),
      grossWeightKg: 1000 + (i % 9000) + 0.5,
    });
  }
  if (format === 'ndjson') {
    return {
      type: 'application/x-ndjson',
      body: lines.map((line) => JSON.stringify(line)).join('\n') + '\n',
    };
  }
  const quote = (text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const csv = lines.map((l) =>
    [
      l.blNumber,
      quote(l.consignee),
      l.consigneePartyId,
      l.containerNumbers.join(';'),
      l.packages,
      l.grossWeightKg,
    ].join(','),
  );
  return {
    type: 'text/csv',
    body:
      ['blNumber,consignee,consigneePartyId,containerNumbers,packages,grossWeightKg', ...csv].join('\r\n') +
      '\r\n',
  };
}

async function request(method, route, contentType, body) {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

async function timedUpload(callId, file) {
  const started = process.hrtime.bigint();
  const report = await request('POST', `/v1/vessel-calls/${callId}/manifest-uploads`, file.type, file.body);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { report, seconds };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function main() {
  const rates = [];
  let last;
  process.stdout.write(`${baseUrl}: ${runs} run(s) of ${rows} B/Ls (2 containers each) as ${format}\n`);
  for (let run = 1; run <= runs; run++) {
    const call = await request(
      'POST',
      '/v1/vessel-calls',
      'application/json',
      JSON.stringify({ vesselName: 'BENCH CARRIER', voyage: `B${run}`, eta: new Date().toISOString() }),
    );
    const file = manifestFile(`BN${randomBytes(4).toString('hex').toUpperCase()}`);
    const { report, seconds } = await timedUpload(call.id, file);
    if (report.stored !== rows || report.rejected !== 0) {
      throw new Error(
        `run ${run}: expected ${rows} stored, got ${JSON.stringify({ ...report, errors: report.errors.slice(0, 3) })}`,
      );
    }
    rates.push(rows / seconds);
    last = { callId: call.id, file };
    const mib = (Buffer.byteLength(file.body) / 1024 / 1024).toFixed(2);
    process.stdout.write(
      `run ${run}: ${rows} rows (${mib} MiB) in ${seconds.toFixed(2)} s = ${(rows / seconds).toFixed(0)} rows/s\n`,
    );
  }
  const replay = await timedUpload(last.callId, last.file);
  if (replay.report.unchanged !== rows || replay.report.stored !== 0) {
    throw new Error(`replay stored again: ${JSON.stringify({ ...replay.report, errors: [] })}`);
  }
  process.stdout.write(
    `median: ${median(rates).toFixed(0)} rows/s; replay of the last file: ${replay.seconds.toFixed(2)} s, ` +
      `${(rows / replay.seconds).toFixed(0)} rows/s, all ${rows} unchanged\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
