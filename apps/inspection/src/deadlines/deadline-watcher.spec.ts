import { WorkingCalendar, Clock, HOUR_MS } from '@tongguan/clock';
import type { InspectionTask } from '../tasks/inspection-task.schema';
import type { InspectionTaskRepository } from '../tasks/inspection-task.repository';
import type { OpenTaskDeadline } from '../tasks/open-task-deadline.schema';
import { TaskDeadlines } from '../tasks/task-deadlines';
import { TaskDeadlineTarget } from '../tasks/task-deadline-target';
import { deadlineWatch, decide, type TaskFact } from '../tasks/task-lifecycle';
import type { TaskTransitions } from '../tasks/task-transitions';
import { DeadlineWatcher } from './deadline-watcher';

const EPOCH = Date.parse('2026-03-02T08:00:00Z');
const calendar = WorkingCalendar.continuous();

function task(id: string, deadlineHours: number): InspectionTask {
  return {
    _id: id,
    shipmentId: `SHIP-${id}`,
    status: 'open',
    openedAt: new Date(EPOCH),
    limitHours: 8,
    deadline: new Date(EPOCH + deadlineHours * HOUR_MS),
    documentRequests: [],
  } as unknown as InspectionTask;
}

/**
 * In-memory stand-ins for the task store, its open set of deadlines and the transitions: each fact is
 * decided by the real lifecycle and stored, like the revision-guarded write, so a second tacit approval
 * finds nothing to do, and the open set follows each stored transition as the real one does.
 */
function fakeStore(tasks: InspectionTask[], clock: Clock, entries = new Map<string, OpenTaskDeadline>()) {
  const approved: string[] = [];
  const watch = (id: string, deadline: Date) =>
    entries.set(id, { _id: id, deadline, n: (entries.get(id)?.n ?? 0) + 1, at: new Date() });
  const repository = {
    recoverOpenDeadlines: async () => {
      for (const t of tasks) if (t.status === 'open') watch(t._id, t.deadline);
    },
    deadlinesDueBy: async (until: Date, limit: number) =>
      [...entries.values()]
        .filter((e) => e.deadline.getTime() <= until.getTime())
        .sort((a, b) => a.deadline.getTime() - b.deadline.getTime())
        .slice(0, limit),
    watchDeadline: async (id: string, deadline: Date) => void watch(id, deadline),
    dropStaleDeadline: async (entry: OpenTaskDeadline) => {
      if (entries.get(entry._id)?.n === entry.n) entries.delete(entry._id);
    },
  };
  const transitions = {
    apply: async (id: string, fact: TaskFact) => {
      const stored = tasks.find((t) => t._id === id) ?? null;
      if (!stored) return { task: null, transition: null };
      const before = { ...stored };
      const decision = decide(stored, fact, clock.now(), calendar);
      const transition = decision && 'transition' in decision ? decision.transition : null;
      if (transition) {
        Object.assign(stored, transition.set);
        if (transition.announce) approved.push(id);
        const follow = deadlineWatch(transition);
        if (follow === 'drop') entries.delete(id);
        else if (follow !== 'keep') watch(id, follow.watch);
      }
      return { task: before, transition };
    },
  };
  return {
    repository: repository as unknown as InspectionTaskRepository,
    transitions: transitions as unknown as TaskTransitions,
    approved,
    entries,
  };
}

/** 3600x: one real second is one business hour; the real clock is jest's. */
function watcherAt(
  businessHours: number,
  tasks: InspectionTask[],
  pollMs = 500,
  entries?: Map<string, OpenTaskDeadline>,
) {
  const clock = new Clock({
    epoch: new Date(EPOCH + businessHours * HOUR_MS).toISOString(),
    speed: 3600,
    anchor: new Date(Date.now()).toISOString(),
  });
  const store = fakeStore(tasks, clock, entries);
  const deadlines = new TaskDeadlines();
  const target = new TaskDeadlineTarget(store.repository, store.transitions, deadlines);
  const watcher = new DeadlineWatcher(target, clock, pollMs);
  return { watcher, deadlines, approved: store.approved, entries: store.entries };
}

describe('DeadlineWatcher', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('deems approved at once exactly the open tasks whose deadline has passed', async () => {
    const tasks = [task('a', 4), task('b', 8), task('c', 12)];
    const { watcher, approved } = watcherAt(8, tasks);
    await watcher.sweep();
    expect(approved).toEqual(['a', 'b']);
    expect(tasks.map((t) => t.status)).toEqual(['deemed-approved', 'deemed-approved', 'open']);
  });

  it('fires once: a second sweep (or a second instance) finds nothing more to do', async () => {
    const tasks = [task('a', 1)];
    const { watcher, approved, entries } = watcherAt(2, tasks);
    const other = watcherAt(2, tasks, 500, entries).watcher;
    await Promise.all([watcher.sweep(), other.sweep()]);
    await watcher.sweep();
    expect(approved).toEqual(['a']);
  });

  it('fires a deadline due before the next sweep on its own timer, on time', async () => {
    // 0.1 business hour away = 100 real ms at 3600x; the poll is 500 ms
    const tasks = [task('a', 2.1)];
    const { watcher, approved } = watcherAt(2, tasks);
    expect(await watcher.sweep()).toBe(500);
    await jest.advanceTimersByTimeAsync(99);
    expect(approved).toEqual([]);
    await jest.advanceTimersByTimeAsync(2);
    expect(approved).toEqual(['a']);
    await watcher.onApplicationShutdown();
  });

  it('leaves a far deadline to a later sweep', async () => {
    const tasks = [task('a', 10)];
    const { watcher, approved } = watcherAt(2, tasks);
    await watcher.sweep();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(approved).toEqual([]);
  });

  it('arms a task opened by this instance at once, and follows a deadline that moved', async () => {
    const tasks = [task('a', 2.2)];
    const { watcher, deadlines, approved } = watcherAt(2, tasks);
    watcher.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(1);
    deadlines.set('a', tasks[0].deadline);
    // the importer's answer moved the deadline 0.1 business hour later before the timer fired
    tasks[0].deadline = new Date(EPOCH + 2.3 * HOUR_MS);
    await jest.advanceTimersByTimeAsync(210);
    expect(approved).toEqual([]);
    await jest.advanceTimersByTimeAsync(100);
    expect(approved).toEqual(['a']);
    await watcher.onApplicationShutdown();
  });

  it('rebuilds its open set from the tasks at its first sweep: a task whose entry was lost still gets its deadline', async () => {
    const tasks = [task('a', 4), task('b', 12)];
    // both entries lost (a crash between the write and its entry, or tasks stored before the set existed)
    const { watcher, approved, entries } = watcherAt(8, tasks);
    await watcher.sweep();
    expect(approved).toEqual(['a']);
    expect([...entries.keys()]).toEqual(['b']);
  });

  it('drops the entry of a task paused for documents when it comes due, and deems nothing', async () => {
    const tasks = [task('a', 4)];
    const { watcher, approved, entries } = watcherAt(2, tasks);
    await watcher.sweep();
    Object.assign(tasks[0], { status: 'documents-requested', pausedAt: new Date(EPOCH + 2 * HOUR_MS) });
    const late = watcherAt(8, tasks, 500, entries).watcher;
    await late.sweep();
    expect(approved).toEqual([]);
    expect(entries.size).toBe(0);
    await watcher.onApplicationShutdown();
  });

  it('follows a deadline that moved past its entry, so the entry is not found due again', async () => {
    const tasks = [task('a', 4)];
    const { watcher, approved, entries } = watcherAt(2, tasks);
    await watcher.sweep();
    tasks[0].deadline = new Date(EPOCH + 12 * HOUR_MS);
    const later = watcherAt(6, tasks, 500, entries).watcher;
    await later.sweep();
    expect(approved).toEqual([]);
    expect(entries.get('a')?.deadline).toEqual(new Date(EPOCH + 12 * HOUR_MS));
    await watcher.onApplicationShutdown();
    await later.onApplicationShutdown();
  });
});
