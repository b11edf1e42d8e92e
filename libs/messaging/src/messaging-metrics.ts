import { Counter, Histogram, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames });
}

/** Kafka traffic per service, exported on every app's /metrics. */
export const messagingMetrics = {
  published: counter('tongguan_events_published_total', 'Events published to Kafka', ['type']),
  consumed: counter('tongguan_events_consumed_total', 'Events handled successfully', ['type']),
  duplicates: counter('tongguan_events_duplicate_total', 'Redelivered events skipped by the inbox', ['type']),
  deadLettered: counter('tongguan_events_dead_lettered_total', 'Messages sent to a dead-letter topic', [
    'topic',
    'reason',
  ]),
  retried: counter(
    'tongguan_events_retry_waits_total',
    'Waits of a consumer partition for an unavailable store or broker (the message is retried, not dead-lettered)',
    ['topic'],
  ),
  outboxParked: counter(
    'tongguan_outbox_parked_total',
    'Outbox events the broker or the contract will never accept, moved aside into outbox_parked',
    ['type', 'reason'],
  ),
  handlerSeconds:
    (register.getSingleMetric('tongguan_event_handler_seconds') as Histogram | undefined) ??
    new Histogram({
      name: 'tongguan_event_handler_seconds',
      help: 'Time spent handling one event',
      labelNames: ['type'],
      buckets: [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
};
