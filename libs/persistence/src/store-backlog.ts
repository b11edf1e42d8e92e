import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { markersIn } from './outbox-markers';

/** What the service's store holds that is not done yet, read for the backlog metrics. */
export interface StoreBacklogFigures {
  /** Documents with staged events the relay has not sent (outbox markers). */
  outboxBacklog: number;
  /** When the oldest of them was staged; null when the outbox is empty. */
  outboxOldestAt: Date | null;
  /** Events remembered by the inbox (pruned by age, see InboxPruner). */
  inboxEntries: number;
}

/**
 * Reads the outbox backlog and the inbox size cheaply enough to run every few seconds: the counts come
 * from the collections' sizes (no scan), and the oldest marker is looked for among the markers only,
 * which are as many as events in flight, never among the aggregates.
 */
@Injectable()
export class StoreBacklog {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async figures(): Promise<StoreBacklogFigures> {
    const markers = markersIn(this.connection);
    const [outboxBacklog, oldest, inboxEntries] = await Promise.all([
      markers.estimatedDocumentCount(),
      markers.findOne({}, { at: 1 }).sort({ at: 1 }).lean(),
      this.connection.db!.collection('inbox').estimatedDocumentCount(),
    ]);
    return { outboxBacklog, outboxOldestAt: oldest?.at ?? null, inboxEntries };
  }
}
