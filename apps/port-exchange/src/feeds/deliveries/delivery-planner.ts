import { Injectable } from '@nestjs/common';
import { EventLogRepository } from '../event-log/event-log.repository';
import { FeedAudience } from '../scopes/feed-audience';
import { SubscriptionRepository } from '../subscriptions/subscription.repository';
import { DeliveriesService } from './deliveries.service';

const BATCH = 200;

/**
 * Turns logged events into delivery records. Each subscription keeps the log cursor up to which it has
 * been planned; because the log is gap-free (a visible seq implies every lower one is visible), reading
 * after that cursor misses nothing, and a crash between planning and moving the cursor only plans the
 * same (idempotent) records again.
 */
@Injectable()
export class DeliveryPlanner {
  constructor(
    private readonly subscriptions: SubscriptionRepository,
    private readonly log: EventLogRepository,
    private readonly deliveries: DeliveriesService,
    private readonly audience: FeedAudience,
  ) {}

  /** Plans every active subscription up to the log head; returns how many events were planned. */
  async planAll(now: Date): Promise<number> {
    const active = await this.subscriptions.active();
    if (active.length === 0) return 0;
    const head = await this.log.headSeq();
    let planned = 0;
    for (const subscription of active) {
      if (subscription.plannedThrough >= head) continue;
      let cursor = subscription.plannedThrough;
      // what the subscriber's role receives of the types it asked for (a trader: its own shipments)
      const scope = this.audience.scopeOf(subscription, subscription.eventTypes);
      for (;;) {
        const { events, through } = await this.log.scan({
          after: cursor,
          types: scope.types,
          admit: scope.admit,
          limit: BATCH,
        });
        await this.deliveries.plan(subscription._id, events, now);
        planned += events.length;
        // a short page read every seq up to the head it saw (at least `head`): all of them are planned
        cursor = through;
        if (events.length < BATCH || cursor >= head) break;
      }
      await this.subscriptions.markPlanned(subscription._id, cursor);
    }
    return planned;
  }
}
