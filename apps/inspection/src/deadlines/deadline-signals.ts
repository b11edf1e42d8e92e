type Listener = (id: string, deadline: Date) => void;

/**
 * In-process notice that an item's time limit now ends at a given instant (this instance opened it, or
 * resumed it after documents), so the deadline watcher arms its timer at once instead of waiting for
 * its periodic sweep, which catches what other instances set.
 */
export class DeadlineSignals {
  private readonly listeners = new Set<Listener>();

  set(id: string, deadline: Date): void {
    for (const listener of this.listeners) listener(id, deadline);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
