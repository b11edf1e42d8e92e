import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Schema, type Connection, type Model } from 'mongoose';

interface ProcessedEvent {
  _id: string;
  type: string;
  processedAt: Date;
}

const ProcessedEventSchema = new Schema<ProcessedEvent>(
  { _id: String, type: String, processedAt: Date },
  { versionKey: false, collection: 'inbox' },
);

/**
 * Remembers which events (by ce_id) a consumer group has already handled, so that a redelivery after a
 * crash or rebalance changes nothing twice. Handlers are written to be idempotent as well: the inbox is
 * recorded after the handler's own write, and a crash between the two re-runs a harmless handler.
 */
@Injectable()
export class Inbox {
  private readonly model: Model<ProcessedEvent>;

  constructor(@InjectConnection() connection: Connection) {
    this.model = connection.models.ProcessedEvent ?? connection.model('ProcessedEvent', ProcessedEventSchema);
  }

  async seen(group: string, eventId: string): Promise<boolean> {
    return (await this.model.exists({ _id: `${group}:${eventId}` })) !== null;
  }

  /**
   * Forgets what was handled before `before`. The window must outlast any redelivery: Kafka's retention
   * and the longest a consumer may lag behind. A range on processedAt scans, so it runs rarely.
   */
  async prune(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ processedAt: { $lt: before } });
    return deletedCount;
  }

  async record(group: string, eventId: string, type: string): Promise<void> {
    await this.model.updateOne(
      { _id: `${group}:${eventId}` },
      { $setOnInsert: { type, processedAt: new Date() } },
      { upsert: true },
    );
  }
}
