import { Injectable } from '@nestjs/common';

type Listener = (taskId: string, deadline: Date) => void;

/**
 * In-process notice that a task's time limit now ends at a given instant (the task was opened, or
 * resumed after documents, by this instance), so the deadline watcher arms its timer at once instead
 * of waiting for its periodic sweep, which catches what other instances set.
 */
@Injectable()
export class TaskDeadlines {
  private readonly listeners = new Set<Listener>();

  set(taskId: string, deadline: Date): void {
    for (const listener of this.listeners) listener(taskId, deadline);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
