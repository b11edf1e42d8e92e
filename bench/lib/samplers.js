// Backlogs sampled over a measured window: the services' Kafka consumer lag (every second) and the
// documents whose staged events the outbox relays have not sent yet (outbox markers, every ~2 s).
const { clearTimeout } = require('node:timers');
const { lagOf } = require('./stats');

/** Samples `fn` every `everyMs` while running; keeps the max and the last value of each key it returns. */
class Sampler {
  constructor(everyMs, fn) {
    this.everyMs = everyMs;
    this.fn = fn;
    this.max = {};
    this.last = {};
    this.failures = 0;
    this.stopped = true;
    this.timer = null;
  }

  async sampleOnce() {
    try {
      for (const [key, value] of Object.entries(await this.fn())) {
        if (value === null) continue;
        this.max[key] = Math.max(this.max[key] ?? 0, value);
        this.last[key] = value;
      }
    } catch {
      this.failures++; // the window goes on; a sampler that never answers shows no keys
    }
  }

  async loop() {
    while (!this.stopped) {
      const started = Date.now();
      await this.sampleOnce();
      const wait = this.everyMs - (Date.now() - started);
      if (wait > 0 && !this.stopped)
        await new Promise((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, wait);
        });
    }
  }

  start() {
    this.stopped = false;
    this.running = this.loop();
  }

  /** { [key]: { max, end } }, after one last sample so that `end` is the state at the window's end. */
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.running;
    await this.sampleOnce();
    return Object.fromEntries(
      Object.keys(this.max).map((key) => [key, { max: this.max[key], end: this.last[key] ?? null }]),
    );
  }
}

/** Lag of each group `${topicPrefix}tongguan-<app>` over the topics it has committed offsets on. */
function consumerLagSampler(admin, topicPrefix, apps, topics) {
  const physical = topics.map((t) => `${topicPrefix}${t}`);
  return new Sampler(1_000, async () => {
    const ends = Object.fromEntries(
      await Promise.all(physical.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)])),
    );
    const lags = await Promise.all(
      apps.map(async (app) => {
        const offsets = await admin.fetchOffsets({ groupId: `${topicPrefix}tongguan-${app}` });
        return [app, offsets.length ? lagOf(ends, offsets) : null];
      }),
    );
    return Object.fromEntries(lags);
  });
}

/** Outbox markers (documents with events not yet relayed) in each of the run's databases. */
function outboxBacklogSampler(mongo, dbNames) {
  return new Sampler(2_000, async () =>
    Object.fromEntries(
      await Promise.all(
        dbNames.map(async ([app, db]) => [
          app,
          // `count` without a filter: mongo-java-server answers it from the collection's size, no scan
          await mongo.db(db).collection('outbox_markers').estimatedDocumentCount(),
        ]),
      ),
    ),
  );
}

module.exports = { Sampler, consumerLagSampler, outboxBacklogSampler };
