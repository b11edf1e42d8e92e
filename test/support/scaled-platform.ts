import { ALL_TOPICS, deadLetterTopicOf } from '@tongguan/contracts';
import {
  ApiClient,
  EventTap,
  ServiceProcesses,
  testEnvironment,
  type AppName,
  type TappedMessage,
} from '@tongguan/testing';
import mongoose from 'mongoose';

type MongoClient = InstanceType<typeof mongoose.mongo.MongoClient>;
type Db = ReturnType<MongoClient['db']>;

export type ServiceKey = 'declaration' | 'inspection' | 'logistics' | 'port' | 'monitor';

export const APP_OF: Record<ServiceKey, AppName> = {
  declaration: 'declaration',
  inspection: 'inspection',
  logistics: 'logistics-trading',
  port: 'port-exchange',
  monitor: 'clearance-monitor',
};

/** Per event type, how many distinct events (by ce_id) a source holds. */
export type TypeCounts = Map<string, number>;

/**
 * All five services, each as several processes on one test file's topics, databases and consumer
 * groups (a scaled-out platform), with an EventTap over every topic and a read-only look into each
 * service's database for reconciliation. Requests go to an instance by number, so a test can send
 * one request to each instance, or spread a shipment's steps over all of them.
 */
export class ScaledPlatform {
  readonly services: ServiceProcesses;
  readonly tap: EventTap;
  readonly env: Record<string, string>;
  private clients = {} as Record<ServiceKey, ApiClient[]>;
  private mongo: MongoClient | null = null;

  constructor(
    fileSlug: string,
    extraEnv: Record<string, string> = {},
    readonly instances = 2,
    options: { quietTap?: boolean } = {},
  ) {
    this.env = testEnvironment(fileSlug, { RISK_RANDOM_RATE: '0', ...extraEnv });
    this.services = new ServiceProcesses(this.env);
    this.tap = new EventTap(this.env.KAFKA_BROKERS, this.env.TOPIC_PREFIX, { quiet: options.quietTap });
  }

  async start(): Promise<void> {
    await this.tap.start([...ALL_TOPICS, ...ALL_TOPICS.map(deadLetterTopicOf)]);
    await this.services.start(Object.values(APP_OF), {}, { instances: this.instances });
    for (const [key, app] of Object.entries(APP_OF) as [ServiceKey, AppName][]) {
      this.clients[key] = this.services.urls(app).map((url) => new ApiClient(url));
    }
    this.mongo = new mongoose.mongo.MongoClient(this.env.MONGO_URI, { serverSelectionTimeoutMS: 10_000 });
    await this.mongo.connect();
  }

  async stop(): Promise<void> {
    await this.services.stopAll();
    await this.tap.stop();
    await this.mongo?.close();
  }

  /** The instance `n` (modulo the number of instances) of the service, as the holder of the token. */
  api(service: ServiceKey, n: number, token: string): ApiClient {
    const clients = this.clients[service];
    return clients[n % clients.length].as(token);
  }

  /** One client per instance of the service, as the holder of the token. */
  everyInstance(service: ServiceKey, token: string): ApiClient[] {
    return this.clients[service].map((client) => client.as(token));
  }

  /** The service's own database, read directly (the test's view of the store, never written). */
  db(app: AppName): Db {
    if (!this.mongo) throw new Error('the platform is not started');
    return this.mongo.db(`${this.env.MONGO_DB_PREFIX}${app.replace(/-/g, '_')}`);
  }

  /** Distinct events (by ce_id) per type on the platform topics; dead-letter topics are left out. */
  kafkaCounts(filter: (m: TappedMessage) => boolean = () => true): TypeCounts {
    const ids = new Map<string, Set<string>>();
    for (const m of this.tap.messages) {
      if (m.topic.endsWith('.dlq') || !filter(m)) continue;
      const type = m.headers.ce_type;
      if (!ids.has(type)) ids.set(type, new Set());
      ids.get(type)!.add(m.headers.ce_id);
    }
    return new Map([...ids].map(([type, set]) => [type, set.size]));
  }

  /** The events of the type on Kafka, one per ce_id (a relay may send an event twice, with one ce_id). */
  distinct(type: string, shipmentId?: string): TappedMessage[] {
    const byId = new Map<string, TappedMessage>();
    for (const m of this.tap.ofType(type, shipmentId)) {
      if (!m.topic.endsWith('.dlq')) byId.set(m.headers.ce_id, m);
    }
    return [...byId.values()];
  }

  deadLetters(): TappedMessage[] {
    return this.tap.messages.filter((m) => m.topic.endsWith('.dlq'));
  }

  /** Documents per value of `field` in a collection of the service's database. */
  async countBy(
    app: AppName,
    collection: string,
    field: string,
    filter: Record<string, unknown> = {},
  ): Promise<TypeCounts> {
    const groups = await this.db(app)
      .collection(collection)
      .aggregate<{ _id: string; n: number }>([
        { $match: filter },
        { $group: { _id: `$${field}`, n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(groups.map((g) => [g._id, g.n]));
  }

  /** Counts per value of `field` over the entries of an array in every document (e.g. audit trails). */
  async countEntriesBy(app: AppName, collection: string, array: string, field: string): Promise<TypeCounts> {
    const groups = await this.db(app)
      .collection(collection)
      .aggregate<{ _id: string; n: number }>([
        { $unwind: `$${array}` },
        { $group: { _id: `$${array}.${field}`, n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(groups.map((g) => [g._id, g.n]));
  }
}

/**
 * Where two per-type counts differ, as readable lines (empty when they agree). Only the types `only`
 * names are compared when it is given.
 */
export function countDifferences(
  what: string,
  expected: TypeCounts,
  actual: TypeCounts,
  only?: Iterable<string>,
): string[] {
  const types = only ? new Set(only) : new Set([...expected.keys(), ...actual.keys()]);
  const lines: string[] = [];
  for (const type of [...types].sort()) {
    const want = expected.get(type) ?? 0;
    const got = actual.get(type) ?? 0;
    if (want !== got) lines.push(`${what}: ${type} on Kafka ${want}, in the store ${got}`);
  }
  return lines;
}

/** The sum of a Prometheus counter over all its label sets, from a /metrics text. */
export function metricTotal(metricsText: string, name: string): number {
  return metricsText
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
