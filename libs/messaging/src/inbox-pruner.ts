import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Inbox } from '@tongguan/persistence';

export const INBOX_RETENTION_MS = Symbol('INBOX_RETENTION_MS');
const EVERY_MS = 3_600_000;

/** Keeps the inbox from growing without end: hourly, it forgets events handled before the retention. */
@Injectable()
export class InboxPruner implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(InboxPruner.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly inbox: Inbox,
    @Inject(INBOX_RETENTION_MS) private readonly retentionMs: number,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.prune(), EVERY_MS);
    this.timer.unref();
  }

  async prune(now = Date.now()): Promise<number> {
    try {
      const removed = await this.inbox.prune(new Date(now - this.retentionMs));
      if (removed > 0)
        this.logger.log(`inbox: forgot ${removed} events handled over ${this.retentionMs / 3_600_000} h ago`);
      return removed;
    } catch (error) {
      this.logger.warn(`inbox pruning failed, next try in an hour: ${(error as Error).message}`);
      return 0;
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
