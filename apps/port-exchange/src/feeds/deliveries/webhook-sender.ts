import { Injectable } from '@nestjs/common';
import { FeedsConfig } from '../feeds-config';
import { SIGNATURE_HEADER, signatureHeader } from '../signing/webhook-signature';
import type { StructuredCloudEvent } from '../event-log/structured-cloud-event';

/** Where the delivered event sits in the pull feed (GET /v1/feed?after=), so a receiver can catch up there. */
export const CURSOR_HEADER = 'Tongguan-Feed-Cursor';

export type SendResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** POSTs one CloudEvent (JSON structured mode) to a receiver, signed, within the request timeout. */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: FeedsConfig) {}

  /** `cursor` is the event's place in the feed: deliveries may arrive out of order, the cursor sorts them. */
  async send(
    url: string,
    event: StructuredCloudEvent,
    cursor: number,
    secrets: readonly string[],
  ): Promise<SendResult> {
    const body = JSON.stringify(event);
    // wall-clock seconds, not business time: the receiver compares them with its own clock
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(url, {
        method: 'POST',
        redirect: 'manual', // a redirect is an answer we do not follow: the subscription names the URL
        signal: AbortSignal.timeout(this.config.FEED_REQUEST_TIMEOUT_MS),
        headers: {
          'content-type': 'application/cloudevents+json; charset=utf-8',
          'user-agent': 'Tongguan-Feeds/1',
          'ce-id': event.id,
          'ce-type': event.type,
          [CURSOR_HEADER]: String(cursor),
          [SIGNATURE_HEADER]: signatureHeader(secrets, timestamp, body),
        },
        body,
      });
      await response.body?.cancel(); // the answer's content is not used; free the socket
      if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
      return { ok: false, status: response.status, error: `receiver answered ${response.status}` };
    } catch (error) {
      const name = (error as Error)?.name;
      const text =
        name === 'TimeoutError'
          ? `no answer within ${this.config.FEED_REQUEST_TIMEOUT_MS} ms`
          : `request failed: ${describe(error)}`;
      return { ok: false, status: null, error: text };
    }
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
