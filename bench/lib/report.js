// The benchmark's tables: on the terminal after each run, and as Markdown for docs/performance.md.
const { APPS } = require('./platform');
const { HOP_NAMES } = require('./summary');
const { ratio, shareOf } = require('./stats');
const { table, textTable } = require('./markdown');

const HOP_TITLES = {
  accepted: 'accepted',
  risk: 'risk',
  decision: 'decision (Y/R)',
  paymentRequested: 'payment req.',
  settled: 'settled',
  released: 'released',
};
const pair = (a, b) => (a === null || a === undefined ? '-' : `${a} / ${b ?? '-'}`);
const limitOfRun = (report, r) => report.limit?.byRepo?.[r.repoIndex ?? 0]?.shipmentsPerSecond ?? null;

/** CPU seconds and peak RSS of a service (instances summed), the JVMs and the bench. */
function processColumns(r) {
  const names = [...APPS, 'kafka', 'mongo', 'bench'];
  return names.map((name) => {
    const mine = (r.processes ?? []).filter((p) => p.name === name || p.name.startsWith(`${name}#`));
    if (mine.length === 0 || mine.some((p) => p.cpuSeconds === null)) return { name, cell: '-' };
    const cpu = mine.reduce((a, p) => a + p.cpuSeconds, 0);
    const rss = mine.reduce((a, p) => a + p.peakRssMb, 0);
    return { name, cell: `${cpu.toFixed(1)} s / ${rss} MB` };
  });
}

function mainRows(report) {
  return report.results.map((r) => [
    r.label,
    r.lodged,
    r.released,
    r.releasedPerSecond,
    shareOf(r.releasedPerSecond, limitOfRun(report, r)),
    r.latencySeconds.p50,
    r.latencySeconds.p90,
    r.latencySeconds.p99,
    r.unreleased,
    r.earlyRefusals,
    r.httpErrors,
    r.deadLetters,
    r.perShipment.messages,
    r.perShipment.storeCommands,
    r.loadAverage ? `${r.loadAverage.mean} / ${r.loadAverage.max}` : null,
  ]);
}
const MAIN_HEADER = [
  'run',
  'lodged',
  'released',
  'released/s',
  '% of limit',
  'p50 s',
  'p90 s',
  'p99 s',
  'unreleased',
  'early refusals',
  'HTTP errors',
  'dead letters',
  'msgs/shipment',
  'store cmds/shipment',
  'load mean / max',
];

const hopRows = (results) =>
  results.map((r) => [r.label, ...HOP_NAMES.map((h) => pair(r.hopsSeconds[h].p50, r.hopsSeconds[h].p99))]);
const perService = (results, key) =>
  results.map((r) => [r.label, ...APPS.map((app) => pair(r[key]?.[app]?.max, r[key]?.[app]?.end))]);

/** Before/after ratios of every checkout against the first, per measurement point. */
function ratioRows(report) {
  const first = report.results.filter((r) => (r.repoIndex ?? 0) === 0);
  return report.results
    .filter((r) => (r.repoIndex ?? 0) > 0)
    .flatMap((r) => {
      const base = first.find((b) => b.mode === r.mode && b.offered === r.offered);
      if (!base) return [];
      return [
        [
          r.label,
          base.label,
          ratio(r.releasedPerSecond, base.releasedPerSecond),
          ratio(r.latencySeconds.p50, base.latencySeconds.p50),
          ratio(r.latencySeconds.p99, base.latencySeconds.p99),
        ],
      ];
    });
}
const RATIO_HEADER = ['run', 'against', 'released/s ×', 'p50 ×', 'p99 ×'];

/** Terminal output of one or more runs. */
function printRuns(report, out = process.stdout) {
  const { results } = report;
  out.write(`${textTable(MAIN_HEADER, mainRows(report))}\n`);
  out.write(`\nlatency per hop from the lodge request's send, p50 / p99 s\n`);
  out.write(`${textTable(['run', ...HOP_NAMES.map((h) => HOP_TITLES[h])], hopRows(results))}\n`);
  out.write(`\nCPU seconds / peak RSS over the window\n`);
  out.write(
    `${textTable(
      ['run', ...processColumns(results[0]).map((c) => c.name)],
      results.map((r) => [r.label, ...processColumns(r).map((c) => c.cell)]),
    )}\n`,
  );
  out.write(
    `\nconsumer lag, messages max / end\n${textTable(['run', ...APPS], perService(results, 'consumerLag'))}\n`,
  );
  out.write(
    `\noutbox markers, max / end\n${textTable(['run', ...APPS], perService(results, 'outboxBacklog'))}\n`,
  );
  for (const r of results) {
    for (const e of r.httpErrorsByCall) out.write(`  ${r.label}: ${e.count} x ${e.call}: ${e.sample}\n`);
    if (r.soak) {
      const minutes = r.soak.minutes.map((m) => [m.minute, m.n, m.p99, m.unreleased]);
      out.write(`\n${r.label}: p99 of lodge -> release per minute of lodge time\n`);
      out.write(`${textTable(['minute', 'shipments', 'p99 s', 'unreleased'], minutes)}\n`);
      out.write(`last minute's p99 / first's: ${r.soak.lastToFirstP99 ?? '-'} (target <= 1.5)\n`);
    }
  }
  const ratios = ratioRows(report);
  if (ratios.length) out.write(`\nagainst the first checkout\n${textTable(RATIO_HEADER, ratios)}\n`);
}

/** How the limit was obtained, in one paragraph per checkout. */
function limitText(report) {
  const { limit } = report;
  if (!limit) return 'The limit was not measured in this run (`--no-limit` or `--soak`).';
  const { kafka, store } = limit;
  const lines = [
    `Raw figures: Kafka ${kafka.msgsPerSecond} messages/s end to end (${kafka.messages} messages of ` +
      `${kafka.messageBytes} bytes, ${kafka.producers} idempotent acks=all producers, batches of ${kafka.batch}, ` +
      `one consumer group; ${kafka.producedPerSecond}/s produced); store ${store.opsPerSecond} operations/s ` +
      `(insertOne + findOne + updateOne by \`_id\`, ${store.concurrency} at once, ${store.documentBytes}-byte documents).`,
  ];
  for (const l of limit.byRepo) {
    lines.push(
      `${l.repoLabel}: ${l.msgsPerShipment} messages and ${l.storeOpsPerShipment ?? '-'} store commands per ` +
        `shipment (calibration run) → Kafka allows ${l.kafka ?? '-'}/s, the store ${l.store ?? '-'}/s: ` +
        `limit **${l.shipmentsPerSecond ?? '-'} shipments/s** (${l.boundBy ?? 'no figure'}).`,
    );
  }
  return lines.join('\n\n');
}

/** The Markdown between the bench markers of docs/performance.md. */
function markdownSection(report) {
  const { machine, results } = report;
  const r = 'r';
  const parts = [
    `Measured ${machine.date} on ${machine.cpus} × ${machine.cpuModel}, ${machine.ramGiB} GiB RAM, Node ` +
      `${machine.node}, commit ${machine.commits.join(', ')}; load average ${machine.loadAverage.join(' / ')} ` +
      `(1/5/15 min) at the start. Command: \`${machine.command}\`.`,
    limitText(report),
    table(MAIN_HEADER, mainRows(report), ['l', ...Array(MAIN_HEADER.length - 2).fill(r), 'l']),
    'Latency per hop, from the send of the lodge request to the first arrival of each event (p50 / p99 s; ' +
      'decision = InspectionCompleted, YELLOW and RED only):',
    table(['run', ...HOP_NAMES.map((h) => HOP_TITLES[h])], hopRows(results), [
      'l',
      ...HOP_NAMES.map(() => r),
    ]),
    'CPU seconds / peak RSS of each process over the window (offer and drain; instances summed):',
    table(
      ['run', ...processColumns(results[0]).map((c) => c.name)],
      results.map((x) => [x.label, ...processColumns(x).map((c) => c.cell)]),
      ['l', ...processColumns(results[0]).map(() => r)],
    ),
    'Consumer lag of each service group (messages, max / end of the window):',
    table(['run', ...APPS], perService(results, 'consumerLag'), ['l', ...APPS.map(() => r)]),
    'Outbox backlog, documents with events not yet relayed (outbox markers, max / end):',
    table(['run', ...APPS], perService(results, 'outboxBacklog'), ['l', ...APPS.map(() => r)]),
  ];
  for (const x of results.filter((y) => y.soak)) {
    parts.push(`Soak ${x.label}: p99 of lodge → release per minute of lodge time:`);
    const minutes = x.soak.minutes.map((m) => [m.minute, m.n, m.p99, m.unreleased]);
    parts.push(table(['minute', 'shipments', 'p99 s', 'unreleased'], minutes, [r, r, r, r]));
    parts.push(`Last minute's p99 over the first's: **${x.soak.lastToFirstP99 ?? '-'}** (target ≤ 1.5).`);
  }
  const ratios = ratioRows(report);
  if (ratios.length)
    parts.push('Against the first checkout:', table(RATIO_HEADER, ratios, ['l', 'l', r, r, r]));
  return parts.join('\n\n');
}

module.exports = { printRuns, markdownSection, limitText };
