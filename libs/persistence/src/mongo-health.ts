import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/** Answers whether the database serves a ping right now (used by GET /health and /health/ready). */
@Injectable()
export class MongoHealth {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  /**
   * Bounded by timeoutMs: with the server gone the driver would wait its whole server selection
   * timeout, longer than a probe waits for its answer.
   */
  async check(timeoutMs = 3_000): Promise<{ up: boolean; database: string; error?: string }> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.connection.db!.command({ ping: 1 }), late]);
      return { up: true, database: this.connection.name };
    } catch (error) {
      return { up: false, database: this.connection.name, error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }
}
