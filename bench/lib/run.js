// One measured run: the parties drive shipments through a platform (parties.js), and the run follows
// them on Kafka as an outside agency would, with a consumer group of its own: it times each shipment's
// events, counts the messages and tells the importer and the officer when to act.
const { randomUUID } = require('node:crypto');
const { setTimeout: sleep } = require('node:timers/promises');
const { HttpClient, HTTP_TIMEOUT_MS } = require('./http-client');
const { decide, settle, ship } = require('./parties');
const { TOPICS } = require('./platform');
const { kindCycle } = require('./shipments');
const { within } = require('./wait');

/** The events whose first arrival is timed from the lodge request's send, per shipment. */
const HOP_EVENTS = [
  'DeclarationAccepted',
  'RiskAssessed',
  'InspectionCompleted',
  'PaymentRequested',
  'PaymentSettled',
  'ShipmentReleased',
];

class Run {
  constructor(ctx, platform, label) {
    this.ctx = ctx;
    this.platform = platform;
    this.label = label;
    this.http = new HttpClient(platform, ctx.now);
    this.kinds = kindCycle(ctx.options.mix);
    this.shipments = new Map();
    this.events = new Map();
    this.messages = { count: 0, bytes: 0 };
    this.sampleHeaders = null;
    this.deadLetters = 0;
    this.taskNotYetOpen = 0;
    this.earlyRefusals = 0;
    this.actions = new Set();
    this.consumer = null;
  }

  /** A new shipment, followed from now on by its B/L (the key of all its events). */
  track({ bl, kind, trader, measured }) {
    const shipment = { bl, kind, trader, measured, problems: [], seen: {}, messages: 0, earlyRefusals: 0 };
    shipment.finished = new Promise((resolve) => (shipment.done = resolve));
    shipment.manifested = new Promise((resolve) => (shipment.onManifested = resolve));
    this.shipments.set(bl, shipment);
    return shipment;
  }

  fail(shipment, problem) {
    shipment.problems.push(problem);
    shipment.done();
    return shipment;
  }

  /** Runs an action in the background (the consumer must not wait on HTTP); drain waits for them. */
  act(promise) {
    const tracked = promise.catch((error) => this.ctx.log(`action failed: ${error.message}`));
    this.actions.add(tracked);
    void tracked.finally(() => this.actions.delete(tracked));
  }

  async startConsumer() {
    const topics = TOPICS.flatMap((t) => [t, `${t}.dlq`]).map((t) => `${this.platform.topicPrefix}${t}`);
    this.consumer = this.ctx.kafka.consumer({
      groupId: `bench-${randomUUID()}`,
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics, fromBeginning: true });
    const joined = new Promise((resolve) => this.consumer.on(this.consumer.events.GROUP_JOIN, resolve));
    await this.consumer.run({
      partitionsConsumedConcurrently: this.ctx.options.partitions * TOPICS.length,
      eachMessage: async ({ topic, message }) => this.onMessage(topic, message),
    });
    await within(joined, 60_000);
  }

  onMessage(topic, message) {
    if (topic.endsWith('.dlq')) {
      this.deadLetters++;
      return;
    }
    const at = this.ctx.now();
    let bytes = (message.key?.length ?? 0) + (message.value?.length ?? 0);
    for (const [key, value] of Object.entries(message.headers ?? {}))
      bytes += key.length + (value?.length ?? 0);
    this.messages.count++;
    this.messages.bytes += bytes;
    this.sampleHeaders ??= message.headers;
    const type = message.headers?.ce_type?.toString() ?? '';
    const parts = type.split('.');
    const name = parts.length >= 3 ? parts[parts.length - 2] : type;
    this.events.set(name, (this.events.get(name) ?? 0) + 1);
    const shipment = this.shipments.get(message.key?.toString() ?? '');
    if (!shipment) return;
    shipment.messages++;
    if (HOP_EVENTS.includes(name) && shipment.seen[name] === undefined) shipment.seen[name] = at;
    let payload;
    try {
      payload = JSON.parse(message.value?.toString() ?? 'null');
    } catch {
      return;
    }
    this.react(shipment, name, payload, at);
  }

  /** What the parties do when the events tell them to. */
  react(shipment, name, payload, at) {
    switch (name) {
      case 'BillOfLadingManifested':
        shipment.manifestedAt ??= at;
        shipment.onManifested();
        break;
      case 'RiskAssessed':
        shipment.channel = payload.channel;
        if (payload.channel !== 'GREEN' && payload.taskId && !shipment.decided) {
          shipment.decided = true;
          this.act(decide(this, shipment, payload.taskId));
        }
        break;
      case 'PaymentRequested':
        if (!shipment.settled) {
          shipment.settled = true;
          this.act(settle(this, shipment, payload.paymentId, payload.importerId));
        }
        break;
      case 'ShipmentReleased':
        if (shipment.releasedAt === undefined) {
          shipment.releasedAt = at;
          shipment.done();
        }
        break;
      case 'ReleaseRefused':
        shipment.refused = true;
        shipment.done();
        break;
      case 'InspectionDeemedApproved':
        shipment.deemed = true;
        break;
      default:
        break;
    }
  }

  /** A few shipments before the window, so that connections, JIT and caches are warm; one must pass. */
  async warmUp(count) {
    if (count === 0) return;
    const started = this.ctx.now();
    const shipments = await Promise.all(Array.from({ length: count }, (_, i) => ship(this, i, false)));
    await within(Promise.all(shipments.map((s) => s.finished)), 120_000);
    const released = shipments.filter((s) => s.releasedAt !== undefined).length;
    const seconds = ((this.ctx.now() - started) / 1000).toFixed(1);
    this.ctx.log(`${this.label}: warm-up ${released}/${count} released in ${seconds} s`);
    if (released === 0) {
      const problems = shipments.flatMap((s) => s.problems);
      throw new Error(`warm-up: no shipment released (${problems.join('; ') || 'no event'})`);
    }
  }

  /** Open loop: shipment i starts at i / rate seconds, whatever happens to the earlier ones. */
  async offerOpen(rate, total) {
    const started = this.ctx.now();
    this.offerStartedAt = started;
    const inFlight = [];
    for (let i = 0; i < total; i++) {
      const wait = started + (i * 1000) / rate - this.ctx.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(ship(this, i, true));
    }
    this.offerEndedAt = this.ctx.now();
    await Promise.all(inFlight);
  }

  /** Closed loop: `concurrency` importers, each starting its next shipment once the last is released. */
  async offerClosed(concurrency, { seconds, count }) {
    const started = this.ctx.now();
    this.offerStartedAt = started;
    const stopAt = started + seconds * 1000;
    let next = 0;
    const worker = async () => {
      while (count !== undefined ? next < count : this.ctx.now() < stopAt) {
        const shipment = await ship(this, next++, true);
        await within(shipment.finished, this.ctx.options.drain * 1000 + HTTP_TIMEOUT_MS);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    this.offerEndedAt = this.ctx.now();
  }

  /** Waits up to --drain seconds for the shipments in flight, then briefly for the parties' last calls. */
  async drain() {
    const deadline = this.ctx.now() + this.ctx.options.drain * 1000;
    const pending = () =>
      [...this.shipments.values()].some(
        (s) => s.measured && s.lodged && s.releasedAt === undefined && !s.refused,
      );
    while (this.ctx.now() < deadline && (pending() || this.actions.size > 0)) await sleep(250);
    await within(Promise.all([...this.actions]), 5_000);
  }
}

module.exports = { Run, HOP_EVENTS };
