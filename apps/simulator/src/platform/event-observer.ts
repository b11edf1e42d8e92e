import { createKafka, KafkaLogLevel, type Kafka, type KafkaConsumer } from '@tongguan/messaging';
import { randomUUID } from 'node:crypto';

const TOPICS = ['declaration.events.v1', 'inspection.events.v1', 'logistics.events.v1', 'port.events.v1'];

/** The short event name of a CloudEvents type: tongguan.inspection.RiskAssessed.v1 -> RiskAssessed. */
export function eventName(ceType: string): string {
  const parts = ceType.split('.');
  return parts.length >= 3 ? parts[parts.length - 2] : ceType;
}

export interface ObservedEvent {
  name: string;
  shipmentId: string;
  /** Business time of the event (ce_time). */
  time: string;
  payload: any;
}

type Waiter = { names: string[]; resolve: (event: ObservedEvent) => void; reject: (error: Error) => void };

/**
 * Reads the platform's topics only to observe, like an outside agency: the simulated people react to
 * what they would be told (a risk channel, a payment request, a release). Keeps the events of the
 * shipments this run drives and lets their actors wait for them.
 */
export class EventObserver {
  private readonly kafka: Kafka;
  private consumer: KafkaConsumer | null = null;
  private readonly seen = new Map<string, ObservedEvent[]>();
  private readonly waiters = new Map<string, Waiter[]>();
  private stopped = false;
  /** Every event name observed, counted (the report shows what flowed). */
  readonly counts = new Map<string, number>();

  constructor(
    brokers: string[],
    private readonly topicPrefix: string,
    /** Only these shipments are kept (the B/L prefix of this run). */
    private readonly ours: (shipmentId: string) => boolean,
  ) {
    this.kafka = createKafka(`simulator-${randomUUID().slice(0, 8)}`, brokers, {
      logLevel: KafkaLogLevel.ERROR,
      retry: { initialRetryTime: 300, retries: 10 },
    });
  }

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({
      groupId: `simulator-${randomUUID()}`,
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    // from the beginning: nothing the run causes can slip past before the group has joined
    await this.consumer.subscribe({
      topics: TOPICS.map((t) => `${this.topicPrefix}${t}`),
      fromBeginning: true,
    });
    await this.consumer.run({
      partitionsConsumedConcurrently: 4,
      eachMessage: async ({ message }) => {
        const shipmentId = message.key?.toString() ?? '';
        if (!this.ours(shipmentId)) return;
        const type = message.headers?.ce_type?.toString() ?? '';
        let payload: unknown;
        try {
          payload = JSON.parse(message.value?.toString() ?? 'null');
        } catch {
          return;
        }
        this.accept({
          name: eventName(type),
          shipmentId,
          time: message.headers?.ce_time?.toString() ?? '',
          payload,
        });
      },
    });
  }

  /** Records an event and wakes the actors waiting for it. */
  accept(event: ObservedEvent): void {
    this.counts.set(event.name, (this.counts.get(event.name) ?? 0) + 1);
    const list = this.seen.get(event.shipmentId) ?? [];
    list.push(event);
    this.seen.set(event.shipmentId, list);
    const waiting = this.waiters.get(event.shipmentId) ?? [];
    const still = waiting.filter((w) => {
      if (!w.names.includes(event.name)) return true;
      w.resolve(event);
      return false;
    });
    this.waiters.set(event.shipmentId, still);
  }

  /** Events of a shipment seen so far, in the order observed. */
  eventsOf(shipmentId: string, name?: string): ObservedEvent[] {
    return (this.seen.get(shipmentId) ?? []).filter((e) => name === undefined || e.name === name);
  }

  /** Every event of these names seen so far, over all shipments of the run. */
  events(...names: string[]): ObservedEvent[] {
    return [...this.seen.values()].flat().filter((e) => names.includes(e.name));
  }

  /** The first of the named events for the shipment (already seen, or the next one); rejects on stop. */
  waitFor(shipmentId: string, ...names: string[]): Promise<ObservedEvent> {
    const already = this.eventsOf(shipmentId).find((e) => names.includes(e.name));
    if (already) return Promise.resolve(already);
    if (this.stopped) return Promise.reject(new StoppedError());
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(shipmentId) ?? [];
      list.push({ names, resolve, reject });
      this.waiters.set(shipmentId, list);
    });
  }

  /** The next event of these names after the ones already seen (e.g. a second DocumentsSubmitted). */
  waitForNext(shipmentId: string, ...names: string[]): Promise<ObservedEvent> {
    if (this.stopped) return Promise.reject(new StoppedError());
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(shipmentId) ?? [];
      list.push({ names, resolve, reject });
      this.waiters.set(shipmentId, list);
    });
  }

  /** Wakes every waiting actor with a StoppedError; events are still read until stop(). */
  halt(): void {
    this.stopped = true;
    for (const list of this.waiters.values()) for (const w of list) w.reject(new StoppedError());
    this.waiters.clear();
  }

  async stop(): Promise<void> {
    this.halt();
    await this.consumer?.disconnect();
  }
}

/** The run ended while an actor was still waiting: not a failure of the platform. */
export class StoppedError extends Error {
  constructor() {
    super('the simulation stopped');
  }
}
