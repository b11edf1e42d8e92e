import { Logger } from '@nestjs/common';
import type { Model } from 'mongoose';

const logger = new Logger('indexes');

/**
 * Creates a unique index unless one with the same keys exists (under any name). Used for the guards
 * that mongo-java-server can serve from an index only when the filter names exactly its keys.
 */
export async function ensureIndex(model: Model<any>, keys: Record<string, 1>): Promise<void> {
  const wanted = JSON.stringify(keys);
  try {
    // a collection not created yet has no indexes (MongoDB answers NamespaceNotFound)
    const existing = await model.collection.indexes().catch(() => []);
    if (existing.some((index) => JSON.stringify(index.key) === wanted)) return;
    await model.collection.createIndex(keys, { unique: true });
  } catch (error) {
    // the collection may be created meanwhile by another instance: the index is then theirs too
    logger.warn(`index ${wanted} on ${model.collection.collectionName}: ${(error as Error).message}`);
  }
}
