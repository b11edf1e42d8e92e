import type { DeadlineSignals } from './deadline-signals';
import type { DeadlineReached, DeadlineStore, DeadlineTarget, DueEntry } from './deadline-target';

/**
 * A kind of timed task as the deadline watcher sees it: the open set its repository keeps, the
 * in-process signals of the deadlines this instance set, and what reaching a deadline does, which each
 * kind says for itself.
 */
export abstract class TimedTaskDeadlineTarget implements DeadlineTarget {
  abstract readonly name: string;

  protected constructor(
    private readonly store: DeadlineStore,
    private readonly signals: DeadlineSignals,
  ) {}

  abstract reachDeadline(id: string): Promise<DeadlineReached>;

  recoverOpenDeadlines(): Promise<unknown> {
    return this.store.recoverOpenDeadlines();
  }

  deadlinesDueBy(until: Date, limit: number): Promise<DueEntry[]> {
    return this.store.deadlinesDueBy(until, limit);
  }

  watchDeadline(id: string, deadline: Date): Promise<void> {
    return this.store.watchDeadline(id, deadline);
  }

  dropStaleDeadline(entry: DueEntry): Promise<void> {
    return this.store.dropStaleDeadline(entry);
  }

  listen(listener: (id: string, deadline: Date) => void): () => void {
    return this.signals.listen(listener);
  }
}
