import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KAFKA } from './tokens';

/** Answers whether the broker serves metadata right now (used by GET /health). */
@Injectable()
export class KafkaHealth implements OnApplicationShutdown {
  private admin: Admin | null = null;

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async check(timeoutMs = 3_000): Promise<{ up: boolean; brokers?: number; error?: string }> {
    try {
      this.admin ??= this.kafka.admin();
      await this.admin.connect();
      const cluster = await withTimeout(this.admin.describeCluster(), timeoutMs);
      return { up: true, brokers: cluster.brokers.length };
    } catch (error) {
      return { up: false, error: (error as Error).message };
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e as Error)),
    );
  });
}
