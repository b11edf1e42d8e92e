import type { CloudEvent } from '@tongguan/contracts';
import type { OutboxModel } from './outbox';

/**
 * The document's outbox as a staging write left it, when the write could tell (an insert, or an update
 * that returned the document after it): the relay sends it without reading it back. `marked` is the
 * marker's count after this staging counted on it.
 */
export interface StagedOutbox {
  outbox: CloudEvent<object>[];
  outboxSeq: number;
  marked: number;
}

type Listener = (model: OutboxModel, id: unknown, staged: StagedOutbox | null) => void;

/**
 * In-process notice that a write staged events: the model, the document's _id (undefined when the
 * write could have touched several documents) and its outbox when the write knew it (null: read it).
 * Schemas are module-level in mongoose, so the signal is too; the outbox relay of the process listens.
 */
class OutboxSignal {
  private readonly listeners = new Set<Listener>();

  staged(model: OutboxModel, id: unknown, staged: StagedOutbox | null = null): void {
    for (const listener of this.listeners) listener(model, id, staged);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const outboxSignal = new OutboxSignal();

/**
 * What is known of a document after two stagings: the outbox the later one left (outboxSeq orders them;
 * it holds everything still unsent before it), or nothing when either write could not tell, since a
 * write that could not tell cannot be placed in that order.
 */
export function laterStaging(a: StagedOutbox | null, b: StagedOutbox | null): StagedOutbox | null {
  if (!a || !b) return null;
  const later = b.outboxSeq > a.outboxSeq ? b : a;
  return { ...later, marked: Math.max(a.marked, b.marked) };
}
