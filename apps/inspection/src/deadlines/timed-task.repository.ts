import {
  AggregateRepository,
  OpenSet,
  upsert,
  WITHOUT_OUTBOX,
  type Decision,
  type OpenEntryBase,
  type Unsaved,
} from '@tongguan/persistence';
import type { Model } from 'mongoose';
import type { DeadlineStore, DueEntry } from './deadline-target';

/** What the repository reads of a timed task, whatever its kind. */
export interface TimedTask {
  _id: string;
  declarationId: string;
  status: string;
  revision?: number;
}

/** A declaration in a task kind's declaration index: the ids of the tasks opened for it. */
export interface DeclarationTasks {
  _id: string;
  taskIds: string[];
}

/** The fields of a task that hold an instant (the one its limit ends at is among them). */
type InstantField<T> = { [K in keyof T]-?: T[K] extends Date ? K : never }[keyof T] & string;

/** What applying a fact to a task did. */
export interface AppliedTransition<T, Transition> {
  /** The task as read before the transition; null when there is no such task. */
  task: T | null;
  /** What was stored, or null when the fact changed nothing. */
  transition: Transition | null;
}

/**
 * Loads and saves one kind of timed task (inspection tasks, agency approval tasks): a task with a time
 * limit that a durable watcher enforces. It finds a declaration's tasks through the declaration index,
 * by _id, and keeps the open set of the deadlines of open tasks that the watcher sweeps, so the sweep
 * reads the tasks in flight, never every task stored.
 */
export abstract class TimedTaskRepository<T extends TimedTask, D extends DeclarationTasks>
  extends AggregateRepository<T>
  implements DeadlineStore
{
  private readonly deadlines: OpenSet<{ deadline: Date }>;

  /** `deadlineField` is the task's field holding the instant its limit ends. */
  protected constructor(
    tasks: Model<T>,
    aggregate: string,
    protected readonly declarations: Model<D>,
    deadlines: Model<OpenEntryBase>,
    private readonly deadlineField: InstantField<T>,
  ) {
    super(tasks, aggregate);
    this.deadlines = new OpenSet(deadlines);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    await this.deadlines.ensureIndexes();
  }

  /**
   * Opens a task once: a second opening (a redelivery, the sweeper) finds it and changes nothing. The
   * declaration index is written first, so a crash in between leaves an id without a task, which the
   * readers skip and the next opening fills. The deadline entry follows the insert, and every opening
   * of a task still open writes it again: an opening is repeated until it is recorded (the assessment's
   * pending opening, the request's offset), and so is a crash between the two writes repaired, while a
   * late redelivery of a task decided long ago puts nothing back. False when the task was opened before.
   */
  async open(task: Unsaved<T>): Promise<boolean> {
    await upsert(this.declarations, { _id: task.declarationId }, { $addToSet: { taskIds: task._id } });
    const inserted = await this.insert(task);
    const projection = { status: 1, [this.deadlineField]: 1 };
    const stored = inserted ? (task as T) : await this.findById(task._id, projection);
    if (stored?.status === 'open') await this.watchDeadline(task._id, this.deadlineOf(stored));
    return inserted;
  }

  /** The ids of every task opened for the declaration (read by _id through the declaration index). */
  async idsOfDeclaration(declarationId: string): Promise<string[]> {
    const index = await this.declarations.findById(declarationId, { taskIds: 1 }).lean<DeclarationTasks>();
    return index?.taskIds ?? [];
  }

  /** The task as readers see it, without the outbox. */
  async findVisible(id: string): Promise<T | null> {
    return this.findById(id, WITHOUT_OUTBOX);
  }

  /**
   * Applies a transition decided on the task as read, with its events, in one write guarded by the
   * revision read; a lost race reads and decides again. `decide` returns null when the fact changes
   * nothing, and may throw a refusal.
   */
  async transition<Transition>(
    id: string,
    decide: (task: T) => { transition: Transition; decision: Decision } | null,
  ): Promise<AppliedTransition<T, Transition>> {
    let stored: Transition | null = null;
    const { current } = await this.modify(id, (task) => {
      stored = null;
      const decided = decide(task);
      if (!decided) return null;
      stored = decided.transition;
      return decided.decision;
    });
    return { task: current, transition: stored };
  }

  /** The task is open with this deadline: the watcher's sweep will find it. */
  async watchDeadline(taskId: string, deadline: Date): Promise<void> {
    await this.deadlines.add(taskId, { deadline: new Date(deadline) });
  }

  /** The task is decided or closed for good: its deadline goes, whoever wrote it. */
  async unwatchDeadline(taskId: string): Promise<void> {
    await this.deadlines.remove(taskId);
  }

  /**
   * The sweep found the entry's task not open (paused for documents, decided, or gone): the entry
   * goes unless it was written again since it was read (the answer to a pause just reopened the task).
   */
  async dropStaleDeadline(entry: DueEntry): Promise<void> {
    await this.deadlines.removeIfUnchanged(entry);
  }

  /**
   * Deadlines of open tasks that come by `until`, soonest first, from the open set: it scans only the
   * entries (as many as tasks in flight), never the tasks ever stored.
   */
  async deadlinesDueBy(until: Date, limit: number): Promise<DueEntry[]> {
    return this.deadlines.entries({ deadline: { $lte: until } }, { sort: { deadline: 1 }, limit });
  }

  /**
   * Rebuilds the open set from the tasks: writes the entry of every open task. It scans the tasks, so
   * each process runs it once, at start: it repairs what a store edit left and fills the set for tasks
   * stored before it existed (the writes themselves keep it up to date).
   */
  async recoverOpenDeadlines(): Promise<number> {
    const open = await this.model.find({ status: 'open' }, { [this.deadlineField]: 1 }).lean<T[]>();
    await this.deadlines.addMany(open.map((t) => ({ id: t._id, fields: { deadline: this.deadlineOf(t) } })));
    return open.length;
  }

  private deadlineOf(task: T): Date {
    return task[this.deadlineField] as Date;
  }
}
