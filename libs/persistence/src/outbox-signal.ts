import type { OutboxModel } from './outbox';

type Listener = (model: OutboxModel, id: unknown) => void;

/**
 * In-process notice that a write staged events: the model and the document's _id (undefined when the
 * write could have touched several documents). Schemas are module-level in mongoose, so the signal is
 * too; the outbox relay of the process listens.
 */
class OutboxSignal {
  private readonly listeners = new Set<Listener>();

  staged(model: OutboxModel, id: unknown): void {
    for (const listener of this.listeners) listener(model, id);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const outboxSignal = new OutboxSignal();
