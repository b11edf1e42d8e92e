import { Logger } from '@nestjs/common';
import { readAgencyRegistry } from '@tongguan/agencies';
import { Clock, HOUR_MS, WorkingCalendar } from '@tongguan/clock';
import { EventFactory, type MessagingOptions } from '@tongguan/messaging';
import mongoose, { type Connection, type Schema } from 'mongoose';
import { InspectionConfig } from '../src/config/inspection-config';
import { DeadlineWatcher } from '../src/deadlines/deadline-watcher';
import { pendingOpening } from '../src/risk/assessment-lifecycle';
import { AssessmentShipment, AssessmentShipmentSchema } from '../src/risk/assessment-shipment.schema';
import { PENDING_TASK_OPENING, PendingTaskOpeningSchema } from '../src/risk/pending-task-opening.schema';
import { RiskAssessmentRepository, type NewAssessment } from '../src/risk/risk-assessment.repository';
import { RiskAssessment, RiskAssessmentSchema } from '../src/risk/risk-assessment.schema';
import { RiskService } from '../src/risk/risk.service';
import { InspectionTaskRepository, type NewTask } from '../src/tasks/inspection-task.repository';
import { InspectionTask, InspectionTaskSchema } from '../src/tasks/inspection-task.schema';
import { OPEN_TASK_DEADLINE, OpenTaskDeadlineSchema } from '../src/tasks/open-task-deadline.schema';
import { TaskDeadlineTarget } from '../src/tasks/task-deadline-target';
import { TaskDeadlines } from '../src/tasks/task-deadlines';
import { TaskDeclaration, TaskDeclarationSchema } from '../src/tasks/task-declaration.schema';
import { TaskTransitions } from '../src/tasks/task-transitions';
import { TasksService } from '../src/tasks/tasks.service';

/**
 * The open sets the inspection service's periodic jobs read instead of every assessment and task,
 * against the real Mongo-wire server: written and removed with the writes they follow, guarded where
 * a sweep races a reopening, and rebuilt from the collections after a restart when an entry is lost.
 */
const runId = process.env.TEST_RUN_ID ?? `r${Date.now().toString(36)}`;
const dbName = `test_${runId}_inspectionopensets`;
const EPOCH = Date.parse('2026-03-02T08:00:00Z');
const hoursFromEpoch = (h: number) => new Date(EPOCH + h * HOUR_MS);

let connection: Connection;
let assessments: RiskAssessmentRepository;
let tasks: InspectionTaskRepository;
/** An open set's collection, read and edited behind the repositories' backs. */
const entriesOf = (collection: string) => connection.db!.collection<{ _id: string }>(collection);
let pendingEntries: ReturnType<typeof entriesOf>;
let deadlineEntries: ReturnType<typeof entriesOf>;
const calendar = WorkingCalendar.continuous();
/** Business time stands at 10:00 on the epoch's day (speed 1). */
const clock = new Clock({ epoch: hoursFromEpoch(2).toISOString(), speed: 1 });
const events = new EventFactory({ service: 'inspection' } as MessagingOptions, clock);
const documents = [{ code: 'INVOICE', description: 'commercial invoice' }];

function assessment(id: string, over: Partial<NewAssessment> = {}): NewAssessment {
  return {
    _id: id,
    assessmentId: `A-${id}`,
    shipmentId: `S-${id}`,
    importerId: 'TRADER-1',
    // YELLOW: a document check books no inspection slot
    channel: 'YELLOW',
    score: 80,
    reasons: [],
    matchedRules: [],
    randomlySelected: false,
    greenChannel: false,
    assessedAt: hoursFromEpoch(0),
    taskId: `T-${id}`,
    correlationId: `C-${id}`,
    riskAssessedEventId: `E-${id}`,
    version: 1,
    ...over,
  };
}

function task(id: string, deadlineHours: number): NewTask {
  return {
    _id: id,
    assessmentId: `A-${id}`,
    declarationId: `D-${id}`,
    shipmentId: `S-${id}`,
    kind: 'document-check',
    greenChannel: false,
    status: 'open',
    openedAt: hoursFromEpoch(0),
    limitHours: deadlineHours,
    deadline: hoursFromEpoch(deadlineHours),
    findings: [],
    documentRequests: [],
    correlationId: `C-${id}`,
    causationId: `E-${id}`,
  };
}

/** A deadline watcher as a freshly started process has it: its first sweep rebuilds the open set. */
function startedWatcher() {
  const transitions = new TaskTransitions(tasks, events, clock, calendar);
  Logger.overrideLogger(false);
  const target = new TaskDeadlineTarget(tasks, transitions, new TaskDeadlines());
  return {
    watcher: new DeadlineWatcher(target, clock, 60_000),
    transitions,
  };
}

/**
 * The risk service as a freshly started process has it, for its pending-task sweep: that uses the
 * assessments, the tasks and the clock; what only assessing or booking a RED slot needs is left out.
 */
function startedRiskService(): RiskService {
  const config = new InspectionConfig();
  const { transitions } = startedWatcher();
  const unused = null as never;
  const taskService = new TasksService(
    tasks,
    transitions,
    unused,
    calendar,
    unused,
    new TaskDeadlines(),
    config,
    readAgencyRegistry({}),
  );
  return new RiskService(assessments, taskService, events, unused, clock, unused, unused, config);
}

beforeAll(async () => {
  const uri = process.env.MONGO_URI;
  if (!uri) throw new Error('MONGO_URI unset: run through jest (its global setup provides it)');
  connection = await mongoose.createConnection(uri, { dbName, retryWrites: false }).asPromise();
  // typed loosely: the repositories' constructors say what each is
  const model = (name: string, schema: Schema): never => connection.model(name, schema) as never;
  assessments = new RiskAssessmentRepository(
    model(RiskAssessment.name, RiskAssessmentSchema),
    model(AssessmentShipment.name, AssessmentShipmentSchema),
    model(PENDING_TASK_OPENING, PendingTaskOpeningSchema),
  );
  tasks = new InspectionTaskRepository(
    model(InspectionTask.name, InspectionTaskSchema),
    model(TaskDeclaration.name, TaskDeclarationSchema),
    model(OPEN_TASK_DEADLINE, OpenTaskDeadlineSchema),
  );
  pendingEntries = entriesOf('pending_task_openings');
  deadlineEntries = entriesOf('open_task_deadlines');
  await assessments.onModuleInit();
  await tasks.onModuleInit();
});

afterAll(async () => {
  try {
    await connection?.dropDatabase();
  } finally {
    await connection?.close();
  }
});

describe('pending task openings', () => {
  it('are added with an assessment that names a task and removed once it is opened', async () => {
    await assessments.record(assessment('DEC-1'), []);
    await assessments.record(assessment('DEC-GREEN', { channel: 'GREEN', taskId: '' }), []);
    expect(await pendingEntries.findOne({ _id: 'T-DEC-1' })).toMatchObject({
      declarationId: 'DEC-1',
      version: 1,
    });
    expect(await pendingEntries.countDocuments({ declarationId: 'DEC-GREEN' })).toBe(0);

    await assessments.taskOpened('DEC-1', 'T-DEC-1', clock.now());
    expect(await pendingEntries.findOne({ _id: 'T-DEC-1' })).toBeNull();
  });

  it('go with a withdrawal or a refused release, and an amendment adds the task it names', async () => {
    await assessments.record(assessment('DEC-2'), []);
    await assessments.reassess(assessment('DEC-2', { taskId: 'T-DEC-2-v2', version: 2 }), [], true);
    expect((await assessments.pendingOpenings(100)).map((e) => e._id)).toEqual(
      expect.arrayContaining(['T-DEC-2', 'T-DEC-2-v2']),
    );
    // the first version's task is superseded: the sweep drops it, and keeps the second
    const stored = await assessments.findVisible('DEC-2');
    expect(pendingOpening({ _id: 'T-DEC-2', version: 1 }, stored)).toBe('done');
    expect(pendingOpening({ _id: 'T-DEC-2-v2', version: 2 }, stored)).toBe('open');

    await assessments.markEnded('DEC-2', 'withdrawn', clock.now());
    expect(await pendingEntries.findOne({ _id: 'T-DEC-2-v2' })).toBeNull();

    await assessments.record(assessment('DEC-2R'), []);
    await assessments.markEnded('DEC-2R', 'closed', clock.now());
    expect(await pendingEntries.findOne({ _id: 'T-DEC-2R' })).toBeNull();
    expect(pendingOpening({ _id: 'T-DEC-2R', version: 1 }, await assessments.findVisible('DEC-2R'))).toBe(
      'done',
    );
  });

  it('are rebuilt from the assessments after a restart when an entry was lost', async () => {
    await assessments.record(assessment('DEC-3'), []);
    // a crash, a store edit, or data written before the open set existed: the entry is gone
    await pendingEntries.deleteOne({ _id: 'T-DEC-3' });
    expect(await pendingEntries.findOne({ _id: 'T-DEC-3' })).toBeNull();

    await assessments.recoverPendingOpenings();
    expect(await pendingEntries.findOne({ _id: 'T-DEC-3' })).toMatchObject({
      declarationId: 'DEC-3',
      version: 1,
    });
    // nothing opened, withdrawn, refused release or GREEN comes back
    expect(await pendingEntries.findOne({ _id: 'T-DEC-1' })).toBeNull();
    expect(await pendingEntries.findOne({ _id: 'T-DEC-2-v2' })).toBeNull();
    expect(await pendingEntries.findOne({ _id: 'T-DEC-2R' })).toBeNull();
  });
});

describe('the pending-task sweep', () => {
  it('opens, after a restart, the tasks of assessments whose opening and entry were both lost', async () => {
    await assessments.record(assessment('DEC-4'), []);
    // the handler died after the assessment, before the task; the entry went missing as well
    await pendingEntries.deleteOne({ _id: 'T-DEC-4' });

    const risk = startedRiskService();
    await risk.recoverPendingOpenings();
    // it also sees DEC-3's task, still to open (its entry was rebuilt above), and DEC-2's first task,
    // superseded by the amendment, whose entry it drops
    expect(await risk.openPendingTasks()).toBe(3);
    expect(await tasks.findVisible('T-DEC-3')).toMatchObject({ status: 'open' });
    expect(await tasks.findVisible('T-DEC-2')).toBeNull();
    expect(await tasks.findVisible('T-DEC-4')).toMatchObject({ status: 'open', declarationId: 'DEC-4' });
    expect(await assessments.findVisible('DEC-4')).toMatchObject({ taskOpenedAt: expect.any(Date) });
    expect(await pendingEntries.findOne({ _id: 'T-DEC-4' })).toBeNull();
    expect(await deadlineEntries.findOne({ _id: 'T-DEC-4' })).not.toBeNull();
    // a second sweep finds nothing left to open
    expect(await risk.openPendingTasks()).toBe(0);
  });
});

describe('open task deadlines', () => {
  it('follow a task from its opening through a pause and an answer to its decision', async () => {
    const { transitions } = startedWatcher();
    expect(await tasks.open(task('T-10', 6))).toBe(true);
    expect(await deadlineEntries.findOne({ _id: 'T-10' })).toMatchObject({ deadline: hoursFromEpoch(6) });

    const request = { kind: 'request-documents', officerId: 'O-1', requestId: 'R-1', documents } as const;
    await transitions.apply('T-10', request, hoursFromEpoch(3));
    // kept while paused: the answer may reopen the task at any moment
    expect(await deadlineEntries.findOne({ _id: 'T-10' })).not.toBeNull();

    await transitions.apply('T-10', { kind: 'documents-submitted' }, hoursFromEpoch(5));
    expect(await deadlineEntries.findOne({ _id: 'T-10' })).toMatchObject({ deadline: hoursFromEpoch(8) });

    await transitions.apply('T-10', {
      kind: 'record-result',
      officerId: 'O-1',
      result: 'passed',
      findings: [],
    });
    expect(await deadlineEntries.findOne({ _id: 'T-10' })).toBeNull();
    // a late redelivered opening of the decided task puts nothing back
    expect(await tasks.open(task('T-10', 6))).toBe(false);
    expect(await deadlineEntries.findOne({ _id: 'T-10' })).toBeNull();
  });

  it('are rebuilt at the first sweep after a restart: an overdue task whose entry was lost is deemed approved', async () => {
    await tasks.open(task('T-11', 1));
    await tasks.open(task('T-12', 30));
    await deadlineEntries.deleteMany({ _id: { $in: ['T-11', 'T-12'] } });

    const { watcher } = startedWatcher();
    await watcher.sweep();
    expect(await tasks.findVisible('T-11')).toMatchObject({ status: 'deemed-approved' });
    expect(await deadlineEntries.findOne({ _id: 'T-11' })).toBeNull();
    // the far one is watched again, not yet due
    expect(await deadlineEntries.findOne({ _id: 'T-12' })).toMatchObject({ deadline: hoursFromEpoch(30) });
    await watcher.onApplicationShutdown();
  });

  it("drops a paused task's entry when it comes due, but not one an answer wrote again since it was read", async () => {
    const { watcher, transitions } = startedWatcher();
    await watcher.sweep();
    await tasks.open(task('T-13', 1));
    const request = { kind: 'request-documents', officerId: 'O-1', requestId: 'R-2', documents } as const;
    await transitions.apply('T-13', request, hoursFromEpoch(0.5));
    const read = (await tasks.deadlinesDueBy(clock.now(), 10)).find((e) => e._id === 'T-13')!;
    expect(read).toBeDefined();

    // the answer reopens the task between the sweep's read and its removal
    await tasks.watchDeadline('T-13', hoursFromEpoch(4));
    await tasks.dropStaleDeadline(read);
    expect(await deadlineEntries.findOne({ _id: 'T-13' })).toMatchObject({ deadline: hoursFromEpoch(4) });

    // without an answer, the sweep drops it and deems nothing
    await tasks.watchDeadline('T-13', hoursFromEpoch(1));
    await watcher.sweep();
    expect(await deadlineEntries.findOne({ _id: 'T-13' })).toBeNull();
    expect(await tasks.findVisible('T-13')).toMatchObject({ status: 'documents-requested' });
    await watcher.onApplicationShutdown();
  });
});
