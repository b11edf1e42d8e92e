import mongoose from 'mongoose';

/**
 * Drops every database whose name starts with `prefix` (a tool's own run: the simulator's isolated
 * platforms). Refuses a prefix too short to name one run, so it can never reach the platform's data.
 */
export async function dropDatabasesWithPrefix(uri: string, prefix: string): Promise<string[]> {
  if (prefix.length < 8 || prefix === 'tongguan_') throw new Error(`refusing to drop databases "${prefix}*"`);
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const { databases } = await connection.db!.admin().listDatabases({ nameOnly: true });
    const ours = databases.map((d) => d.name).filter((name) => name.startsWith(prefix));
    for (const name of ours) await connection.useDb(name).dropDatabase();
    return ours;
  } finally {
    await connection.close();
  }
}
