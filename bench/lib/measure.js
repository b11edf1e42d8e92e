// One measured run from start to clean-up: fresh topics and databases, the services started, a
// warm-up, then the window (offer and drain) over which processes, consumer lag, outbox backlog and
// the services' store commands are watched.
const { randomBytes } = require('node:crypto');
const os = require('node:os');
const { setInterval, clearInterval } = require('node:timers');
const { difference, scrapeStoreCommands } = require('./metrics');
const { APPS, Platform, TOPICS } = require('./platform');
const { ProcessWatch } = require('./procfs');
const { Run } = require('./run');
const { consumerLagSampler, outboxBacklogSampler } = require('./samplers');
const { summariseRun } = require('./summary');

/**
 * plan: { mode: 'open' | 'closed', value (rate or concurrency), label, seconds, count?, soakMinutes?,
 * inspect?: async ({ platform, run, mongo }) => extra figures read before the data is removed }
 */
async function measure(ctx, repo, plan) {
  const { options, log, now } = ctx;
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const platform = new Platform(ctx, repo, runId);
  ctx.platforms.add(platform);
  const run = new Run(ctx, platform, plan.label);
  const mongo = new ctx.MongoClient(options.mongo, { maxPoolSize: 2, serverSelectionTimeoutMS: 10_000 });
  const admin = ctx.kafka.admin();
  const loads = [os.loadavg()[0]];
  const loadTimer = setInterval(() => loads.push(os.loadavg()[0]), 5_000);
  try {
    log(
      `${plan.label}: topics ${platform.topicPrefix}*, databases ${platform.dbPrefix}*, logs ${platform.logDir}`,
    );
    await platform.createTopics();
    await run.startConsumer();
    const started = now();
    await platform.start();
    log(
      `${plan.label}: ${platform.processes.length} services healthy in ${((now() - started) / 1000).toFixed(1)} s`,
    );
    await run.warmUp(options.warmup);
    await platform.toggleProfiles();
    await Promise.all([mongo.connect(), admin.connect()]);
    const watch = new ProcessWatch([
      ...platform.pids(),
      ...ctx.infraPids,
      { name: 'bench', pid: process.pid },
    ]);
    const lag = consumerLagSampler(admin, platform.topicPrefix, APPS, TOPICS);
    const backlog = outboxBacklogSampler(mongo, platform.databases());
    const commandsBefore = await scrapeStoreCommands(platform.urls());
    const windowStart = now();
    watch.start();
    lag.start();
    backlog.start();
    if (plan.mode === 'open')
      await run.offerOpen(plan.value, plan.count ?? Math.round(plan.value * plan.seconds));
    else await run.offerClosed(plan.value, { seconds: plan.seconds, count: plan.count });
    log(`${plan.label}: offered ${[...run.shipments.values()].filter((s) => s.measured).length}, draining`);
    await run.drain();
    const window = {
      seconds: (now() - windowStart) / 1000,
      processes: watch.stop(),
      consumerLag: await lag.stop(),
      outboxBacklog: await backlog.stop(),
      storeCommands: difference(await scrapeStoreCommands(platform.urls()), commandsBefore),
    };
    await platform.toggleProfiles();
    const result = summariseRun(run, {
      mode: plan.mode,
      offered: plan.value,
      window,
      soakMinutes: plan.soakMinutes,
    });
    if (plan.inspect) Object.assign(result, await plan.inspect({ platform, run, mongo }));
    // the 1-minute load average of the machine, every 5 s of the run (2 cores: above 2 is queueing)
    result.loadAverage = {
      before: Number(loads[0].toFixed(2)),
      mean: Number((loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(2)),
      max: Number(Math.max(...loads).toFixed(2)),
    };
    return result;
  } finally {
    clearInterval(loadTimer);
    await run.consumer?.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await mongo.close().catch(() => undefined);
    await platform.stop();
    if (!options.keepData) await platform.removeData().catch((e) => log(`cleanup: ${e.message}`));
    ctx.platforms.delete(platform);
  }
}

/** Mean BSON size of the documents the run stored (up to 500 per collection), for the raw store test. */
async function meanDocumentBytes(ctx, mongo, databases) {
  let bytes = 0;
  let docs = 0;
  for (const [, name] of databases) {
    const db = mongo.db(name);
    for (const { name: collection } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      for (const doc of await db.collection(collection).find({}).limit(500).toArray()) {
        bytes += ctx.BSON.calculateObjectSize(doc);
        docs++;
      }
    }
  }
  return docs ? Math.round(bytes / docs) : null;
}

module.exports = { measure, meanDocumentBytes };
