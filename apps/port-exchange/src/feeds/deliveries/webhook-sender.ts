import { Injectable } from '@nestjs/common';
import http from 'node:http';
import https from 'node:https';
import type { StructuredCloudEvent } from '../event-log/structured-cloud-event';
import { FeedsConfig } from '../feeds-config';
import { SIGNATURE_HEADER, signatureHeader } from '../signing/webhook-signature';
import { ForbiddenTargetError, WebhookTargets } from '../webhook-targets/webhook-targets';

/** Where the delivered event sits in the pull feed (GET /v1/feed?after=), so a receiver can catch up there. */
export const CURSOR_HEADER = 'Tongguan-Feed-Cursor';

/**
 * What the subscriber is told of a failed attempt: that it failed, and the HTTP status when one came
 * back. Socket errors (refused, reset, timed out, not resolved) would tell an outsider what listens
 * where; `detail` keeps them for this service's log.
 */
export const DELIVERY_FAILED = 'delivery failed';

export type SendResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: typeof DELIVERY_FAILED; detail: string };

/**
 * POSTs one CloudEvent (JSON structured mode) to a receiver, signed, within the request timeout. The
 * connection goes only to an address the webhook policy allows, checked on the address connected to.
 */
@Injectable()
export class WebhookSender {
  constructor(
    private readonly config: FeedsConfig,
    private readonly targets: WebhookTargets,
  ) {}

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
    const target = new URL(url);
    const literal = this.targets.literalProblem(target);
    if (literal) return failed(null, `target refused: ${target.hostname} is ${literal}`);
    try {
      const status = await this.post(target, body, {
        'content-type': 'application/cloudevents+json; charset=utf-8',
        'user-agent': 'Tongguan-Feeds/1',
        'ce-id': event.id,
        'ce-type': event.type,
        [CURSOR_HEADER]: String(cursor),
        [SIGNATURE_HEADER]: signatureHeader(secrets, timestamp, body),
      });
      if (status >= 200 && status < 300) return { ok: true, status };
      return failed(status, `receiver answered ${status}`);
    } catch (error) {
      const name = (error as Error)?.name;
      return failed(
        null,
        name === 'AbortError' || name === 'TimeoutError'
          ? `no answer within ${this.config.FEED_REQUEST_TIMEOUT_MS} ms`
          : `request failed: ${describe(error)}`,
      );
    }
  }

  /** The status of the answer; a redirect is an answer we do not follow (the subscription names the URL). */
  private post(target: URL, body: string, headers: Record<string, string>): Promise<number> {
    const client = target.protocol === 'https:' ? https : http;
    return new Promise<number>((resolve, reject) => {
      const request = client.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          lookup: this.targets.connectLookup,
          signal: AbortSignal.timeout(this.config.FEED_REQUEST_TIMEOUT_MS),
          agent: false, // a fresh connection, so each delivery's address is checked
        },
        (response) => {
          resolve(response.statusCode ?? 0);
          response.destroy(); // the answer's content is not used
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }
}

function failed(status: number | null, detail: string): SendResult {
  return { ok: false, status, error: DELIVERY_FAILED, detail };
}

function describe(error: unknown): string {
  if (error instanceof ForbiddenTargetError) return `target refused: ${error.message}`;
  const e = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  return e?.code ?? e?.cause?.code ?? e?.message ?? String(error);
}
