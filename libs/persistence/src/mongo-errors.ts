/** Two writers inserting or upserting the same new _id or unique key at once: one wins, the other gets E11000. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
