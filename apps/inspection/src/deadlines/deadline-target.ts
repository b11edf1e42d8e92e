import type { OpenEntry } from '@tongguan/persistence';

/** An entry of a deadline open set: the item's id and the instant its time limit ends. */
export type DueEntry = OpenEntry<{ deadline: Date }>;

/** What reaching a deadline did: the log line of a stored consequence, or the deadline still ahead. */
export interface DeadlineReached {
  /** Set when the deadline's consequence was stored (tacit approval, overdue): says what happened. */
  fired: string | null;
  /** The deadline the item still waits for (not due yet, or moved); null when nothing is left to watch. */
  pending: Date | null;
}

/** The open set of deadlines of one kind of item, as its repository keeps it. */
export interface DeadlineStore {
  /** Writes the entry of every item with a deadline to watch (it scans the items: once per process). */
  recoverOpenDeadlines(): Promise<unknown>;
  /** Entries due by `until`, soonest first. */
  deadlinesDueBy(until: Date, limit: number): Promise<DueEntry[]>;
  watchDeadline(id: string, deadline: Date): Promise<void>;
  /** Drops an entry whose item has nothing to watch, unless it was written again since it was read. */
  dropStaleDeadline(entry: DueEntry): Promise<void>;
}

/**
 * The items a DeadlineWatcher keeps durable timers for (inspection tasks, agency approval tasks): their
 * open set of deadlines, and what a deadline does to one of them. The watcher knows only this.
 */
export interface DeadlineTarget extends DeadlineStore {
  /** Names the items in logs. */
  readonly name: string;
  /** Applies the deadline at the clock's now, guarded, so of instances racing on it one stores it. */
  reachDeadline(id: string): Promise<DeadlineReached>;
  /** In-process notice of a deadline this instance set, so it is armed at once. */
  listen(listener: (id: string, deadline: Date) => void): () => void;
}
