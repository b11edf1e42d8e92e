import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ServiceConfig } from '@tongguan/config';
import { ConsumerGroupState, KafkaHealth } from '@tongguan/messaging';
import { StoreBacklog } from '@tongguan/persistence';
import { Gauge, register } from 'prom-client';
import { PeriodicJob } from '../periodic-job';

function gauge(name: string, help: string, labelNames: string[] = []): Gauge {
  return (register.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, labelNames });
}

const consumerLag = gauge(
  'tongguan_consumer_lag',
  'Messages the consumer group has still to consume: high watermark less committed offset',
  ['group', 'topic', 'partition'],
);
const outboxBacklog = gauge(
  'tongguan_outbox_backlog',
  'Documents whose staged events the outbox relay has not sent yet',
);
const outboxOldestAge = gauge(
  'tongguan_outbox_oldest_age_seconds',
  'Age of the oldest staging the outbox relay has not sent yet (0 when none)',
);
const inboxEntries = gauge('tongguan_inbox_entries', 'Handled events the inbox remembers');

/**
 * Refreshes the backlog gauges every METRICS_REFRESH_SECONDS, not on each scrape: a scrape answers
 * from memory, and the broker and store see the same few requests however many scrapers there are.
 */
@Injectable()
export class BacklogMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BacklogMetrics.name);
  private readonly job: PeriodicJob;

  constructor(
    config: ServiceConfig,
    private readonly consumer: ConsumerGroupState,
    private readonly kafka: KafkaHealth,
    private readonly store: StoreBacklog,
  ) {
    const everyMs = config.METRICS_REFRESH_SECONDS * 1000;
    this.job = new PeriodicJob(
      'backlog metrics',
      () => this.refresh().then(() => everyMs),
      everyMs,
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** Each source on its own: a broker outage leaves the store's figures fresh, and the other way round. */
  async refresh(now = Date.now()): Promise<void> {
    const { group, topics } = this.consumer;
    const [lags, store] = await Promise.allSettled([
      group ? this.kafka.consumerLag(group, topics) : Promise.resolve([]),
      this.store.figures(),
    ]);
    if (lags.status === 'fulfilled') {
      // reset and set without an await between: a scrape never sees the series half written
      consumerLag.reset();
      for (const { topic, partition, lag } of lags.value)
        consumerLag.set({ group: group!, topic, partition: String(partition) }, lag);
    }
    if (store.status === 'fulfilled') {
      const { outboxOldestAt } = store.value;
      outboxBacklog.set(store.value.outboxBacklog);
      outboxOldestAge.set(outboxOldestAt ? Math.max(0, (now - outboxOldestAt.getTime()) / 1000) : 0);
      inboxEntries.set(store.value.inboxEntries);
    }
    const failed = [lags, store].filter((r) => r.status === 'rejected');
    if (failed.length > 0) throw failed[0].reason;
  }
}
