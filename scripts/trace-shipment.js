#!/usr/bin/env node
// One shipment's trace as a tree (service, span, duration), without a collector:
//   node scripts/trace-shipment.js --receive [--port 4318] [--file .local/traces/spans.jsonl]
//     an OTLP/HTTP receiver for http/json exports: run the services with
//     OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 OTEL_EXPORTER_OTLP_PROTOCOL=http/json
//     and every span they send is appended to the file, one JSON line each;
//   node scripts/trace-shipment.js <shipmentId | traceId> [--file ...]
//     prints every trace of that shipment (or that one trace) from the file.
// Needs the build (npm run build): the receiver and the tree are libs/platform/src/tracing.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const tracing = path.join(root, 'dist/libs/platform/src/tracing');
const { startOtlpJsonReceiver } = require(path.join(tracing, 'otlp-json-receiver'));
const { formatTraceTree, tracesOfShipment } = require(path.join(tracing, 'trace-tree'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const file = path.resolve(option('--file', path.join(root, '.local/traces/spans.jsonl')));

async function receive() {
  const port = Number(option('--port', '4318'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await startOtlpJsonReceiver(
    (spans) => fs.appendFileSync(file, spans.map((span) => `${JSON.stringify(span)}\n`).join('')),
    port,
  );
  process.stdout.write(`OTLP http/json receiver on http://127.0.0.1:${port}, spans to ${file}\n`);
}

function print(wanted) {
  const spans = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  const traces = /^[0-9a-f]{32}$/.test(wanted)
    ? [spans.filter((span) => span.traceId === wanted)].filter((trace) => trace.length > 0)
    : tracesOfShipment(spans, wanted.trim().toUpperCase());
  if (traces.length === 0) {
    process.stderr.write(`no trace of ${wanted} in ${file}\n`);
    process.exit(1);
  }
  for (const trace of traces) {
    const services = new Set(trace.map((span) => span.service)).size;
    process.stdout.write(`trace ${trace[0].traceId}: ${trace.length} spans, ${services} services\n`);
    process.stdout.write(`${formatTraceTree(trace)}\n\n`);
  }
}

if (args.includes('--receive')) void receive();
else if (args[0] && !args[0].startsWith('--')) print(args[0]);
else {
  process.stderr.write(
    'usage: trace-shipment.js --receive [--port N] [--file F] | <shipmentId|traceId> [--file F]\n',
  );
  process.exit(2);
}
