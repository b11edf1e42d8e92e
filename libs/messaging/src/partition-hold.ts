import type { Logger } from '@nestjs/common';
import { describeError, failureKind } from './failures';
import { messagingMetrics } from './messaging-metrics';

/** Back-off while the store or the broker is unavailable: doubles from the first wait up to the cap. */
export const RETRY_BACKOFF = { firstMs: 200, capMs: 30_000 };
export const HEARTBEAT_EVERY_MS = 3_000;

/** Where a partition stands while it works on a message: for logs, and to heartbeat while it waits. */
export interface Position {
  topic: string;
  partition: number;
  offset: string;
  heartbeat: () => Promise<void>;
}

/** The consumer is closing while a partition waits: the partition stops where it is. */
export class ConsumerClosing extends Error {}

/** A permanently failing handler gets a few more attempts before its message is dead-lettered. */
export class RetryLater extends Error {
  constructor(readonly failure: unknown) {
    super(describeError(failure));
  }
}

/**
 * Holds a partition at its message while the store or the broker is unavailable: nothing after the
 * message runs and its offset stays unresolved until the work succeeds.
 */
export class PartitionHold {
  constructor(
    private readonly logger: Logger,
    private readonly topicPrefix: string,
    private readonly closing: () => boolean,
  ) {}

  /**
   * Runs the work until it succeeds. A transient failure (store or broker unavailable) or a RetryLater
   * waits with back-off, heartbeating so the group keeps the partition, and tries again. Any other
   * failure is thrown. Throws ConsumerClosing when the consumer closes.
   */
  async whileUnavailable<T>(
    { topic, partition, offset, heartbeat }: Position,
    what: string,
    work: () => Promise<T>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (this.closing()) throw new ConsumerClosing(`consumer closing; ${topic}[${partition}] not committed`);
      try {
        return await work();
      } catch (error) {
        const retryLater = error instanceof RetryLater;
        if (!retryLater && failureKind(error) !== 'transient') throw error;
        const waitMs = Math.min(RETRY_BACKOFF.firstMs * 2 ** attempt, RETRY_BACKOFF.capMs);
        if (!retryLater) {
          messagingMetrics.retried.inc({ topic: topic.slice(this.topicPrefix.length) });
          const log = attempt === 0 || waitMs === RETRY_BACKOFF.capMs ? 'warn' : 'debug';
          this.logger[log](
            `${what} at ${topic}[${partition}]@${offset} waits ${waitMs} ms, store or broker unavailable: ${describeError(error)}`,
          );
        }
        await this.pause(waitMs, heartbeat);
      }
    }
  }

  private async pause(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    const until = Date.now() + ms;
    while (!this.closing() && Date.now() < until) {
      await new Promise((r) => setTimeout(r, Math.min(HEARTBEAT_EVERY_MS, until - Date.now())));
      await heartbeat();
    }
  }
}
