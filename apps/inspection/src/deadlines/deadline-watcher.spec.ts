import { Clock, HOUR_MS } from '@tongguan/clock';
import { InspectionConfig } from '../config/inspection-config';
import type { InspectionTask } from '../tasks/inspection-task.schema';
import type { TasksService } from '../tasks/tasks.service';
import { DeadlineWatcher } from './deadline-watcher';

const EPOCH = Date.parse('2026-03-02T08:00:00Z');

function task(id: string, deadlineHours: number): InspectionTask {
  return {
    _id: id,
    shipmentId: `SHIP-${id}`,
    status: 'open',
    limitHours: 8,
    deadline: new Date(EPOCH + deadlineHours * HOUR_MS),
  } as InspectionTask;
}

/** An in-memory stand-in for the task store: deemApproved succeeds once per open task, like the conditional write. */
function fakeTasks(tasks: InspectionTask[]) {
  const approved: string[] = [];
  const service = {
    overdue: async (now: Date, limit: number) =>
      tasks.filter((t) => t.status === 'open' && t.deadline.getTime() <= now.getTime()).slice(0, limit),
    nextDeadline: async () => {
      const open = tasks
        .filter((t) => t.status === 'open')
        .sort((a, b) => a.deadline.getTime() - b.deadline.getTime());
      return open[0]?.deadline ?? null;
    },
    deemApproved: async (t: InspectionTask) => {
      const stored = tasks.find((x) => x._id === t._id)!;
      if (stored.status !== 'open') return false;
      stored.status = 'deemed-approved';
      approved.push(t._id);
      return true;
    },
  };
  return { service: service as unknown as TasksService, approved };
}

function watcherAt(businessHours: number, tasks: InspectionTask[], pollMs = 500) {
  // 3600x: one real second is one business hour
  const realNow = 1_000_000;
  const clock = new Clock(
    {
      epoch: new Date(EPOCH + businessHours * HOUR_MS).toISOString(),
      speed: 3600,
      anchor: new Date(realNow).toISOString(),
    },
    () => realNow,
  );
  const config = Object.assign(new InspectionConfig(), { DEADLINE_POLL_MS: pollMs });
  const fake = fakeTasks(tasks);
  return { watcher: new DeadlineWatcher(fake.service, clock, config), approved: fake.approved };
}

describe('DeadlineWatcher.sweep', () => {
  it('deems approved exactly the open tasks whose deadline has passed', async () => {
    const tasks = [task('a', 4), task('b', 8), task('c', 12)];
    const { watcher, approved } = watcherAt(8, tasks);
    await watcher.sweep();
    expect(approved).toEqual(['a', 'b']);
    expect(tasks.map((t) => t.status)).toEqual(['deemed-approved', 'deemed-approved', 'open']);
  });

  it('fires once: a second sweep (or a second instance) finds nothing more to do', async () => {
    const tasks = [task('a', 1)];
    const { watcher, approved } = watcherAt(2, tasks);
    await watcher.sweep();
    await watcher.sweep();
    expect(approved).toEqual(['a']);
  });

  it('works through more overdue tasks than one batch', async () => {
    const tasks = Array.from({ length: 250 }, (_, i) => task(`t${i}`, 1));
    const { watcher, approved } = watcherAt(2, tasks);
    await watcher.sweep();
    expect(approved).toHaveLength(250);
  });

  it('wakes at the next deadline when it comes before the next poll', async () => {
    // the next deadline is 0.1 business hour away = 100 real ms at 3600x
    const { watcher } = watcherAt(2, [task('a', 2.1)]);
    expect(await watcher.sweep()).toBe(100);
  });

  it('polls at the configured interval when nothing is due soon', async () => {
    expect(await watcherAt(2, [task('a', 10)]).watcher.sweep()).toBe(500);
    expect(await watcherAt(2, []).watcher.sweep()).toBe(500);
  });
});
