import { Injectable } from '@nestjs/common';
import { asyncScheduler, Observable, share, type OperatorFunction, type SchedulerLike } from 'rxjs';
import { MonitorUpdates, type MonitorUpdate } from '../live/monitor-updates';

/** Shipment ids one message names at most; past that `more` tells the page to refresh everything. */
export const MAX_IDS_PER_MESSAGE = 50;
/** At most two messages a second, however fast events arrive. */
export const COALESCE_WINDOW_MS = 500;

/**
 * What the live feed pushes: which shipments changed since the last message, which raised alerts, and
 * the agencies whose standing against their target changed.
 */
export interface LiveMessage {
  timelines: number;
  shipmentIds: string[];
  alerts: { shipmentId: string; sla: 'at-risk' | 'breached' }[];
  standings: { agency: string; belowTarget: boolean }[];
  /** More shipments changed than the message names. */
  more: boolean;
}

function emptyMessage(): LiveMessage {
  return { timelines: 0, shipmentIds: [], alerts: [], standings: [], more: false };
}

function add(message: LiveMessage, update: MonitorUpdate): void {
  if (update.kind === 'standing') {
    // a later crossing of the same agency in the window replaces the earlier one
    const others = message.standings.filter((s) => s.agency !== update.agency);
    message.standings = [...others, { agency: update.agency, belowTarget: update.belowTarget }];
    return;
  }
  if (update.kind === 'timeline') message.timelines++;
  if (update.kind === 'alert' && message.alerts.length < MAX_IDS_PER_MESSAGE) {
    message.alerts.push({ shipmentId: update.shipmentId, sla: update.sla });
  }
  if (message.shipmentIds.includes(update.shipmentId)) return;
  if (message.shipmentIds.length < MAX_IDS_PER_MESSAGE) message.shipmentIds.push(update.shipmentId);
  else message.more = true;
}

/**
 * Coalesces updates: the first one opens a window, everything until the window closes becomes one
 * message. Bounded in memory whatever the burst, silent while nothing happens.
 */
export function coalesce(
  windowMs: number,
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<MonitorUpdate, LiveMessage> {
  return (source) =>
    new Observable<LiveMessage>((subscriber) => {
      let pending: LiveMessage | null = null;
      let timer: { unsubscribe(): void } | null = null;
      const flush = () => {
        timer = null;
        const message = pending;
        pending = null;
        if (message) subscriber.next(message);
      };
      const subscription = source.subscribe({
        next: (update) => {
          pending ??= emptyMessage();
          add(pending, update);
          timer ??= scheduler.schedule(flush, windowMs);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          timer?.unsubscribe();
          flush();
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        timer?.unsubscribe();
      };
    });
}

/** One coalesced stream shared by every connected page, so N pages cost one window, not N. */
@Injectable()
export class LiveFeed {
  readonly messages: Observable<LiveMessage>;

  constructor(updates: MonitorUpdates) {
    this.messages = updates.stream().pipe(coalesce(COALESCE_WINDOW_MS), share());
  }
}
