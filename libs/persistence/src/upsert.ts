import type { FilterQuery, Model, UpdateQuery } from 'mongoose';
import { creatingCollection, isDuplicateKey } from './mongo-errors';

/**
 * An upsert that cannot fail for losing a race: when two writers create the same document at once,
 * the store may refuse the loser's insert with E11000; the document exists then, so the loser's update
 * is applied to it (a `$setOnInsert` in it rightly changes nothing the second time). Likewise when
 * the upsert lost the race to create its collection.
 */
export async function upsert<T>(
  model: Model<T>,
  filter: FilterQuery<T>,
  update: UpdateQuery<T>,
): Promise<void> {
  try {
    await creatingCollection(() => model.updateOne(filter, update, { upsert: true }));
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await model.updateOne(filter, update, { upsert: true });
  }
}
