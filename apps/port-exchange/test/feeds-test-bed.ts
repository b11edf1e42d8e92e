import { ALL_TOPICS } from '@tongguan/contracts';
import { ApiClient, EventTap, ServiceProcesses, testEnvironment } from '@tongguan/testing';
import { WebhookReceiver } from './agency-feeds.fixtures';
import { TraderFeeds } from './trader-feeds.fixtures';

/**
 * A feeds test file's port-exchange on its own topics and database, a tap publishing as the services do
 * and a webhook receiver on loopback, started before the file's tests and stopped after them. Quick
 * retries and polls by default; `settings` adds to or overrides them.
 */
export function feedsTestBed(
  name: string,
  settings: Record<string, string> = {},
  topics: readonly string[] = ALL_TOPICS,
) {
  const env = testEnvironment(name, {
    FEED_POLL_MS: '100',
    FEED_BACKOFF_BASE_MS: '200',
    FEED_BACKOFF_CAP_MS: '800',
    WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/32', // the test receivers listen on loopback
    ...settings,
  });
  const processes = new ServiceProcesses(env);
  const tap = new EventTap(process.env.KAFKA_BROKERS!, env.TOPIC_PREFIX);
  const receiver = new WebhookReceiver();
  let client: ApiClient | undefined;
  const api = () => client!;
  /** A client of the port-exchange running now (after a restart, the new one). */
  const reconnect = () => {
    client = new ApiClient(processes.url('port-exchange'));
  };

  beforeAll(async () => {
    await receiver.start();
    await tap.start([...topics]);
    await processes.start(['port-exchange']);
    reconnect();
  });

  afterAll(async () => {
    await tap.stop();
    await processes.stopAll();
    await receiver.stop();
  });

  return { tap, receiver, processes, api, reconnect, feeds: new TraderFeeds(api, receiver) };
}
