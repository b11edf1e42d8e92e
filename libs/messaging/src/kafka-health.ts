import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { lagByPartition, type PartitionLag } from './consumer-lag';
import { KAFKA } from './tokens';

/**
 * Answers whether the broker serves metadata right now (GET /health and /health/ready), and how far a
 * consumer group is behind (the lag metric), over one admin connection.
 */
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

  /**
   * The group's lag on each partition of its topics: two admin requests per topic and one for the
   * group, whatever the traffic, so it can run every few seconds.
   */
  async consumerLag(groupId: string, topics: string[], timeoutMs = 3_000): Promise<PartitionLag[]> {
    this.admin ??= this.kafka.admin();
    const admin = this.admin;
    await admin.connect();
    const [bounds, committed] = await withTimeout(
      Promise.all([
        Promise.all(topics.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const)),
        admin.fetchOffsets({ groupId, topics }),
      ]),
      timeoutMs,
    );
    return lagByPartition(Object.fromEntries(bounds), committed);
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
