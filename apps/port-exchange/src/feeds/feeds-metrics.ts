import { Counter, Gauge, Histogram, register } from 'prom-client';

function existing<T>(name: string): T | undefined {
  return register.getSingleMetric(name) as T | undefined;
}

/** Agency-feed traffic on port-exchange's /metrics: what ops watches when an agency says it is missing events. */
export const feedsMetrics = {
  logHead:
    existing<Gauge>('tongguan_feed_log_head') ??
    new Gauge({ name: 'tongguan_feed_log_head', help: 'Cursor of the newest event logged by this instance' }),
  attempts:
    existing<Counter>('tongguan_feed_delivery_attempts_total') ??
    new Counter({
      name: 'tongguan_feed_delivery_attempts_total',
      help: 'Webhook delivery attempts by outcome (delivered, failed, dead)',
      labelNames: ['outcome'],
    }),
  replays:
    existing<Counter>('tongguan_feed_replays_total') ??
    new Counter({
      name: 'tongguan_feed_replays_total',
      help: 'Copies of earlier events logged for a trader that became a party to the shipment after them',
    }),
  attemptSeconds:
    existing<Histogram>('tongguan_feed_delivery_seconds') ??
    new Histogram({
      name: 'tongguan_feed_delivery_seconds',
      help: 'Time a receiver took to answer one webhook delivery (or the timeout)',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
};
