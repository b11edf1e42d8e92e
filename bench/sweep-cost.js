#!/usr/bin/env node
// Cost of the periodic sweeps as the stored data grows: each sweep's read as the previous build made it
// (the queries of commit 6999327, copied below verbatim: they scan the whole collection on
// mongo-java-server) against the read of the open set that replaced it, on the same seeded database.
//   node bench/sweep-cost.js [--sizes 1000,20000] [--open 50] [--runs 15] [--mongo mongodb://127.0.0.1:27017]
// Needs the compiled build (npx tsc -p tsconfig.build.json). At each size the database holds that many
// finished items (assessments whose task is open, decided tasks, released timelines) plus --open items
// in flight written through the real repositories, so their open-set entries are written as in service.
'use strict';

require('../scripts/register-paths');
const { randomUUID } = require('node:crypto');
const mongoose = require('mongoose');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SIZES = option('sizes', '1000,20000').split(',').map(Number);
const OPEN = Number(option('open', 50));
const RUNS = Number(option('runs', 15));
const MONGO = option('mongo', process.env.MONGO_URI ?? 'mongodb://127.0.0.1:27017');

const dist = (path) => require(`../dist/${path}`);
const { RiskAssessmentRepository } = dist('apps/inspection/src/risk/risk-assessment.repository');
const { RiskAssessment, RiskAssessmentSchema } = dist('apps/inspection/src/risk/risk-assessment.schema');
const { AssessmentShipment, AssessmentShipmentSchema } = dist(
  'apps/inspection/src/risk/assessment-shipment.schema',
);
const pending = dist('apps/inspection/src/risk/pending-task-opening.schema');
const { InspectionTaskRepository } = dist('apps/inspection/src/tasks/inspection-task.repository');
const { InspectionTask, InspectionTaskSchema } = dist('apps/inspection/src/tasks/inspection-task.schema');
const { TaskDeclaration, TaskDeclarationSchema } = dist('apps/inspection/src/tasks/task-declaration.schema');
const deadlines = dist('apps/inspection/src/tasks/open-task-deadline.schema');
const { TimelineRepository } = dist('apps/clearance-monitor/src/timelines/timeline.repository');
const { Timeline, TimelineSchema } = dist('apps/clearance-monitor/src/timelines/timeline.schema');
const { WorkingSetsRepository } = dist('apps/clearance-monitor/src/timelines/working-sets.repository');
const inFlight = dist('apps/clearance-monitor/src/timelines/in-flight-shipment.schema');
const releases = dist('apps/clearance-monitor/src/timelines/recent-release.schema');
const { applyEvent } = dist('apps/clearance-monitor/src/timelines/timeline');
const prediction = dist('apps/clearance-monitor/src/prediction/completion-prediction');
const { Events } = dist('libs/contracts/src');

const HOUR = 3_600_000;
const DEADLINE_POLL_MS = 5_000;
const WITHOUT_OUTBOX = { outbox: 0, outboxPending: 0, outboxSeq: 0 };

// ------------------------------------------------------------- the previous build's reads (6999327)

const previous = {
  pendingTasks: (m) =>
    m.assessments
      .find(
        { taskId: { $ne: '' }, taskOpenedAt: { $exists: false }, withdrawnAt: { $exists: false } },
        WITHOUT_OUTBOX,
      )
      .limit(100)
      .lean(),
  deadlines: (m) =>
    m.tasks
      .find({ status: 'open', deadline: { $lte: horizon() } }, { deadline: 1 })
      .sort({ deadline: 1 })
      .limit(1000)
      .lean(),
  stageTimes: async (m) => {
    const released = await m.timelines
      .find({ releasedAt: { $exists: true, $gte: since() } }, { stamps: 1, channel: 1 })
      .sort({ releasedAt: -1 })
      .limit(2000)
      .lean();
    return prediction.stageTimesFrom(released, 20);
  },
  inFlight: (m) =>
    m.timelines
      .find(
        { arrivedAt: { $exists: true }, releasedAt: { $exists: false }, withdrawn: { $ne: true } },
        {
          stamps: 1,
          channel: 1,
          greenChannel: 1,
          withdrawn: 1,
          arrivedAt: 1,
          releasedAt: 1,
          atRiskAlerted: 1,
          breachAlerted: 1,
        },
      )
      .sort({ arrivedAt: 1, _id: 1 })
      .limit(20_000)
      .lean(),
};

// --------------------------------------------------------------------- the open sets' reads (now)

const current = {
  // what RiskService.openPendingTasks reads: the entries, then their assessments by _id
  pendingTasks: async (r) => {
    const entries = await r.assessments.pendingOpenings(1000);
    return r.assessments.findVisibleMany(entries.map((e) => e.declarationId));
  },
  deadlines: (r) => r.tasks.deadlinesDueBy(horizon(), 1000),
  stageTimes: async (r) =>
    prediction.stageTimesFromSamples(await r.timelines.releasedSince(since(), 2000), 20),
  inFlight: (r) => r.timelines.inFlight(20_000),
};

const horizon = () => new Date(Date.now() + 2 * DEADLINE_POLL_MS);
const since = () => new Date(Date.now() - 14 * 24 * HOUR);

// ------------------------------------------------------------------------------------------ seeding

function finishedAssessment(i, now) {
  return {
    _id: `DEC-${i}`,
    assessmentId: randomUUID(),
    shipmentId: `SHIP-${i}`,
    importerId: `TRADER-${i % 50}`,
    channel: i % 2 ? 'RED' : 'YELLOW',
    score: 60,
    reasons: ['origin on the watch list', 'declared value below the reference'],
    matchedRules: ['ORIGIN-WATCH', 'UNDERVALUATION'],
    randomlySelected: false,
    greenChannel: false,
    traderHistory: { passed: 3, failed: 0 },
    assessedAt: new Date(now - HOUR),
    taskId: `TASK-${i}`,
    correlationId: randomUUID(),
    riskAssessedEventId: randomUUID(),
    taskOpenedAt: new Date(now - HOUR),
    version: 1,
    revision: 2,
    outbox: [],
    outboxPending: false,
  };
}

function decidedTask(i, now) {
  return {
    _id: `TASK-${i}`,
    assessmentId: randomUUID(),
    declarationId: `DEC-${i}`,
    shipmentId: `SHIP-${i}`,
    kind: 'document-check',
    greenChannel: false,
    status: 'passed',
    openedAt: new Date(now - 2 * HOUR),
    limitHours: 4,
    deadline: new Date(now - HOUR),
    officerId: 'OFFICER-1',
    claimedBy: 'OFFICER-1',
    findings: [],
    decidedAt: new Date(now - 1.5 * HOUR),
    documentRequests: [],
    correlationId: randomUUID(),
    causationId: randomUUID(),
    revision: 3,
    outbox: [],
    outboxPending: false,
  };
}

function releasedTimeline(i, now) {
  const arrival = now - 13 * 24 * HOUR + (i % 10_000) * 60_000;
  const stamp = (hours) => new Date(arrival + hours * HOUR).toISOString();
  const stamps = {
    arrival: stamp(0),
    lodged: stamp(1),
    accepted: stamp(1.2),
    riskAssessed: stamp(1.5),
    inspected: i % 3 ? stamp(4) : null,
    paid: stamp(3),
    released: stamp(5),
    gateOut: stamp(9),
  };
  return {
    _id: `SHIP-${i}`,
    shipmentId: `SHIP-${i}`,
    stamps,
    arrivedAt: new Date(stamps.arrival),
    releasedAt: new Date(stamps.released),
    channel: i % 3 ? 'RED' : 'GREEN',
    greenChannel: false,
    declarationId: `DEC-${i}`,
    importerId: `TRADER-${i % 50}`,
    inspectionOutcome: i % 3 ? 'passed' : null,
    refusedReasons: [],
    withdrawn: false,
    revision: 9,
    outbox: [],
    outboxPending: false,
    createdAt: new Date(now),
    updatedAt: new Date(now),
  };
}

async function insertFinished(models, from, to) {
  const now = Date.now();
  for (let start = from; start < to; start += 1000) {
    const ids = Array.from({ length: Math.min(1000, to - start) }, (_, k) => start + k);
    await models.assessments.collection.insertMany(ids.map((i) => finishedAssessment(i, now)));
    await models.tasks.collection.insertMany(ids.map((i) => decidedTask(i, now)));
    await models.timelines.collection.insertMany(ids.map((i) => releasedTimeline(i, now)));
  }
}

/** Items in flight, written through the repositories so their entries are written as in service. */
async function writeOpen(repos) {
  const now = Date.now();
  for (let i = 0; i < OPEN; i++) {
    const id = `OPEN-${i}`;
    const assessment = { ...finishedAssessment(i, now), _id: `DEC-${id}`, taskId: `TASK-${id}` };
    delete assessment.taskOpenedAt;
    delete assessment.revision;
    delete assessment.outbox;
    delete assessment.outboxPending;
    await repos.assessments.record(assessment, []);
    const task = { ...decidedTask(i, now), _id: `TASK-${id}`, status: 'open' };
    // a fifth of them come due within the next sweeps
    task.deadline = new Date(now + (i % 5 === 0 ? 5_000 : 4 * HOUR));
    for (const key of ['officerId', 'claimedBy', 'decidedAt', 'revision', 'outbox', 'outboxPending'])
      delete task[key];
    await repos.tasks.open(task);
    for (const [name, hours] of [
      ['CargoArrived', -2],
      ['DeclarationLodged', -1],
    ]) {
      const event = {
        id: randomUUID(),
        type: Events[name].type,
        source: Events[name].source,
        time: new Date(now + hours * HOUR).toISOString(),
        subject: `SHIP-${id}`,
        correlationId: id,
        causationId: id,
        name,
        payload: {
          shipmentId: `SHIP-${id}`,
          declarationId: `DEC-${id}`,
          importerId: 'TRADER-1',
          greenChannel: false,
        },
      };
      await repos.timelines.fold(`SHIP-${id}`, (facts) => applyEvent(facts, event));
    }
  }
}

// ----------------------------------------------------------------------------------------- timing

/** Medians of the two reads, run in turn so that the machine's load swings hit both alike. */
async function medians(before, after) {
  const times = { before: [], after: [] };
  const time = async (fn, into) => {
    const started = process.hrtime.bigint();
    await fn();
    into.push(Number(process.hrtime.bigint() - started) / 1e6);
  };
  for (let run = 0; run < RUNS; run++) {
    await time(before, times.before);
    await time(after, times.after);
  }
  const middle = (list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return { before: middle(times.before), after: middle(times.after) };
}

async function main() {
  const dbName = `test_bench_sweeps_${Date.now().toString(36)}`;
  const connection = await mongoose.createConnection(MONGO, { dbName, retryWrites: false }).asPromise();
  const model = (name, schema) => connection.model(name, schema);
  const models = {
    assessments: model(RiskAssessment.name, RiskAssessmentSchema),
    tasks: model(InspectionTask.name, InspectionTaskSchema),
    timelines: model(Timeline.name, TimelineSchema),
  };
  /** The repositories as a freshly started process has them (their open sets are rebuilt at first read). */
  const started = async () => {
    const sets = new WorkingSetsRepository(
      model(inFlight.IN_FLIGHT_SHIPMENT, inFlight.InFlightShipmentSchema),
      model(releases.RECENT_RELEASE, releases.RecentReleaseSchema),
    );
    const repos = {
      assessments: new RiskAssessmentRepository(
        models.assessments,
        model(AssessmentShipment.name, AssessmentShipmentSchema),
        model(pending.PENDING_TASK_OPENING, pending.PendingTaskOpeningSchema),
      ),
      tasks: new InspectionTaskRepository(
        models.tasks,
        model(TaskDeclaration.name, TaskDeclarationSchema),
        model(deadlines.OPEN_TASK_DEADLINE, deadlines.OpenTaskDeadlineSchema),
      ),
      timelines: new TimelineRepository(models.timelines, sets),
    };
    for (const repo of Object.values(repos)) await repo.onModuleInit();
    await sets.onModuleInit();
    return repos;
  };
  try {
    await writeOpen(await started());
    const rows = [];
    let stored = 0;
    for (const size of SIZES) {
      const seeding = Date.now();
      await insertFinished(models, stored, size);
      stored = size;
      process.stderr.write(
        `${size} finished items seeded in ${((Date.now() - seeding) / 1000).toFixed(1)} s\n`,
      );
      // the finished items were inserted behind the fold's back: a restart fills the releases' window
      // from them, as the fold would have (the once-per-process rebuild scans: not part of a sweep)
      const repos = await started();
      await current.inFlight(repos);
      await current.stageTimes(repos);
      for (const sweep of Object.keys(previous)) {
        const { before, after } = await medians(
          () => previous[sweep](models),
          () => current[sweep](repos),
        );
        rows.push({ sweep, size, before, after });
      }
    }
    printTable(rows);
  } finally {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}

function printTable(rows) {
  const fmt = (ms) => ms.toFixed(2).padStart(8);
  const sweeps = [...new Set(rows.map((r) => r.sweep))];
  console.log(`\nmedian of ${RUNS} runs (ms), ${OPEN} items in flight; growth = largest / smallest size`);
  console.log(
    `${'sweep'.padEnd(14)} ${SIZES.map((s) => `before@${s}`.padStart(13) + `after@${s}`.padStart(13)).join('')}  growth before / after`,
  );
  for (const sweep of sweeps) {
    const of = rows.filter((r) => r.sweep === sweep);
    const cells = of.map((r) => `${fmt(r.before).padStart(13)}${fmt(r.after).padStart(13)}`).join('');
    const first = of[0];
    const last = of[of.length - 1];
    const growth = `${(last.before / first.before).toFixed(1)}x / ${(last.after / first.after).toFixed(1)}x`;
    console.log(`${sweep.padEnd(14)} ${cells}  ${growth}`);
  }
  console.log(JSON.stringify(rows));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
