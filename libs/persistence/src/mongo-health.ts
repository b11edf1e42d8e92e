import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/** Answers whether the database serves a ping right now (used by GET /health). */
@Injectable()
export class MongoHealth {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async check(): Promise<{ up: boolean; database: string; error?: string }> {
    try {
      await this.connection.db!.command({ ping: 1 });
      return { up: true, database: this.connection.name };
    } catch (error) {
      return { up: false, database: this.connection.name, error: (error as Error).message };
    }
  }
}
