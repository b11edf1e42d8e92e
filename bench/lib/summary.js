// The figures of one run, from what its driver saw (shipments, events, HTTP answers) and what was
// sampled over its window (processes, lag, outbox, store commands).
const { HOP_EVENTS } = require('./run');
const { perMinuteP99, growthRatio, round, summarise } = require('./stats');
const { total } = require('./metrics');

/** The names the report gives the hops (HOP_EVENTS in order). */
const HOP_NAMES = ['accepted', 'risk', 'decision', 'paymentRequested', 'settled', 'released'];

function summariseRun(run, { mode, offered, window, soakMinutes }) {
  const measured = [...run.shipments.values()].filter((s) => s.measured);
  const lodged = measured.filter((s) => s.lodged);
  const released = lodged.filter((s) => s.releasedAt !== undefined);
  const seconds = (from, to) => (to - from) / 1000;
  const latencies = released.map((s) => seconds(s.lodgedAt, s.releasedAt));
  const span = (times) => (times.length > 1 ? seconds(Math.min(...times), Math.max(...times)) : null);
  const releaseSpan = span(released.map((s) => s.releasedAt));
  const lodgeSpan = span(lodged.map((s) => s.lodgedAt));
  const offerSeconds = seconds(run.offerStartedAt, run.offerEndedAt);
  const inWindow = released.filter((s) => s.releasedAt <= run.offerEndedAt).length;
  const hops = Object.fromEntries(
    HOP_EVENTS.map((event, i) => {
      const reached = lodged.filter((s) => s.seen[event] !== undefined);
      const { n, p50, p99 } = summarise(reached.map((s) => seconds(s.lodgedAt, s.seen[event])));
      return [HOP_NAMES[i], { event, n, p50, p99 }];
    }),
  );
  const manifestEvent = summarise(
    measured
      .filter((s) => s.manifestedAt !== undefined)
      .map((s) => seconds(s.manifestSentAt, s.manifestedAt)),
  );
  const channels = {};
  for (const s of lodged) channels[s.channel ?? 'none'] = (channels[s.channel ?? 'none'] ?? 0) + 1;
  const errors = [...run.http.errors.entries()].map(([call, e]) => ({
    call,
    count: e.count,
    sample: e.sample,
  }));
  const storeCommands = total(window.storeCommands);
  const result = {
    label: run.label,
    mode,
    offered,
    offeredShipments: measured.length,
    lodged: lodged.length,
    lodgedPerSecond: lodgeSpan ? round((lodged.length - 1) / lodgeSpan) : null,
    released: released.length,
    // releases spread over first..last release: the rate the pipeline sustained
    releasedPerSecond: releaseSpan ? round((released.length - 1) / releaseSpan) : null,
    releasedPerSecondDuringOffer: round(inWindow / offerSeconds),
    refused: lodged.filter((s) => s.refused).length,
    unreleased: measured.length - released.length,
    deemedApproved: lodged.filter((s) => s.deemed).length,
    latencySeconds: summarise(latencies),
    // from the send of the (first) lodge request to the first arrival of each event on Kafka
    hopsSeconds: hops,
    // from the send of the manifest filing to BillOfLadingManifested on Kafka (the trader's feed)
    manifestEventSeconds: { p50: manifestEvent.p50, p99: manifestEvent.p99 },
    earlyRefusals: run.earlyRefusals,
    earlyRefusedShipments: measured.filter((s) => s.earlyRefusals > 0).length,
    lodgeHttpMs: summarise(
      lodged.map((s) => s.lodgeMs),
      0,
    ),
    httpCalls: run.http.calls,
    httpErrors: errors.reduce((sum, e) => sum + e.count, 0),
    httpErrorsByCall: errors,
    deadLetters: run.deadLetters,
    // tasks whose first claim was answered 404 INSPECTION.TASK_NOT_FOUND (RiskAssessed came before the task)
    taskNotYetOpen404: run.taskNotYetOpen,
    channels,
    events: Object.fromEntries(run.events),
    perShipment: {
      // Kafka messages keyed by a released shipment, and store commands of the window per release
      messages: released.length
        ? round(released.reduce((a, s) => a + s.messages, 0) / released.length, 1)
        : null,
      storeCommands:
        released.length && storeCommands !== null ? round(storeCommands / released.length, 1) : null,
    },
    meanMessageBytes: run.messages.count ? Math.round(run.messages.bytes / run.messages.count) : null,
    storeCommands: window.storeCommands,
    processes: window.processes,
    consumerLag: window.consumerLag,
    outboxBacklog: window.outboxBacklog,
    windowSeconds: round(window.seconds, 1),
    problems: measured.flatMap((s) => s.problems.map((p) => `${s.bl}: ${p}`)).slice(0, 20),
    offerSeconds: round(offerSeconds, 1),
  };
  if (soakMinutes) {
    const minutes = perMinuteP99(
      released.map((s) => ({
        startedAtSeconds: seconds(run.offerStartedAt, s.lodgedAt),
        value: seconds(s.lodgedAt, s.releasedAt),
      })),
      soakMinutes,
    );
    for (const m of minutes) {
      m.unreleased = lodged.filter(
        (s) =>
          s.releasedAt === undefined &&
          Math.floor(seconds(run.offerStartedAt, s.lodgedAt) / 60) + 1 === m.minute,
      ).length;
    }
    result.soak = { minutes, lastToFirstP99: growthRatio(minutes) };
  }
  return result;
}

module.exports = { summariseRun, HOP_NAMES };
