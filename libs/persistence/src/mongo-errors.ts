/** Two writers inserting or upserting the same new _id or unique key at once: one wins, the other gets E11000. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * mongo-java-server creates a collection on its first write; two writes that create the same new
 * collection at once (e.g. mongoose's autoCreate and a first upsert, or two instances) make the later
 * one fail with "Document with key '<db>.<coll>' already existed in ...(<db>.system.namespaces)". The
 * collection exists afterwards, so the write is simply tried again.
 */
export function isCollectionCreationRace(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && /already existed in \w+\([^)]*system\.namespaces\)/.test(message);
}

/** Runs a write once more when it lost a race to create its collection (see isCollectionCreationRace). */
export async function creatingCollection<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isCollectionCreationRace(error)) throw error;
    return write();
  }
}
