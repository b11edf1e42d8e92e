/** Two writers inserting the same new _id or unique key at once: one inserts, the other gets E11000. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
