import { Events, type EventName } from '@tongguan/contracts';
import { eventually, tokenFor, type ApiClient } from '@tongguan/testing';
import { SIGNATURE_HEADER, verifySignature } from '../src/feeds/signing/webhook-signature';
import type { ReceivedDelivery, WebhookReceiver } from './agency-feeds.fixtures';

export type FeedItem = {
  cursor: string;
  event: { id: string; type: string; subject: string; data: Record<string, unknown> };
};

export const typeOf = (name: EventName) => Events[name].type;
export const dataOf = (items: FeedItem[], name: EventName) =>
  items.find((i) => i.event.type === typeOf(name))?.event.data;
export const ids = (items: { event: { id: string } }[]) => items.map((i) => i.event.id);

/** A trader's view of port-exchange: its pull feed and its webhook subscriptions, as a client makes them. */
export class TraderFeeds {
  constructor(
    private readonly api: () => ApiClient,
    private readonly receiver: WebhookReceiver,
  ) {}

  /** A token's feed after a cursor, page by page; the cursor to go on from. */
  async feedOf(token: string, after = '0', query = ''): Promise<{ items: FeedItem[]; cursor: string }> {
    const items: FeedItem[] = [];
    for (;;) {
      const page = await this.api().as(token).get(`/v1/feed?limit=500&after=${after}${query}`);
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      after = page.body.nextCursor;
      if (!page.body.hasMore) return { items, cursor: after };
    }
  }

  /**
   * The token's feed once it holds this many events: a copy owed to a party learnt late (an event consumed
   * before its declaration's lodgement) is logged a moment after the original.
   */
  async feedWith(token: string, count: number, after = '0'): Promise<{ items: FeedItem[]; cursor: string }> {
    return eventually(
      async () => {
        const page = await this.feedOf(token, after);
        return page.items.length === count && page;
      },
      30_000,
      `${count} events in the feed after ${after}`,
    );
  }

  /** Waits until the log holds this many events of the shipment (ops reads every event). */
  async logged(shipmentId: string, count: number): Promise<void> {
    await eventually(
      async () =>
        (await this.feedOf(tokenFor('ops'), '0', `&shipmentId=${shipmentId}`)).items.length === count,
      30_000,
      `${count} events of ${shipmentId} in the log`,
    );
  }

  async subscribe(token: string, path: string, eventTypes: string[]) {
    const created = await this.api()
      .as(token)
      .post('/v1/subscriptions', { url: this.receiver.url(path), eventTypes });
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string };
  }

  /** Waits until the path has accepted this many distinct events; those deliveries. */
  async delivered(path: string, count: number): Promise<ReceivedDelivery[]> {
    return eventually(
      () => {
        const got = this.receiver.distinctAccepted(path);
        return got.length === count && got;
      },
      30_000,
      `${count} deliveries at ${path}`,
    );
  }
}

/** Every delivery carries a valid signature made with the subscription's secret. */
export function expectSignedWith(deliveries: ReceivedDelivery[], secret: string): void {
  for (const delivery of deliveries) {
    const header = delivery.headers[SIGNATURE_HEADER.toLowerCase()] as string;
    expect(
      verifySignature({
        header,
        rawBody: delivery.rawBody,
        secret,
        nowSeconds: Math.floor(Date.now() / 1000),
      }),
    ).toMatchObject({ ok: true });
  }
}
