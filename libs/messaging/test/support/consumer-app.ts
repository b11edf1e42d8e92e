import { Controller, type INestApplication } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import { ClockModule } from '@tongguan/clock';
import { ConfigModule, loadServiceConfig } from '@tongguan/config';
import {
  connectEventConsumer,
  type IncomingEvent,
  type KafkaSettings,
  loadKafkaSettings,
  MessagingModule,
  OnEvent,
} from '@tongguan/messaging';
import { PersistenceModule } from '@tongguan/persistence';
import type { Connection } from 'mongoose';
import { HttpExceptionFilter } from '@tongguan/platform';

export interface Applied {
  id: string;
  type: string;
  shipmentId: string;
}

/**
 * What the test's handler does: it records every event it applies, and fails as told first (to stand
 * for an unavailable store or a bug), keyed by shipmentId.
 */
export const handlerScript = {
  applied: [] as Applied[],
  failures: new Map<string, () => Error>(),
  failuresLeft: new Map<string, number>(),
  failFor(shipmentId: string, times: number, error: () => Error) {
    this.failures.set(shipmentId, error);
    this.failuresLeft.set(shipmentId, times);
  },
  /** Handlers of these shipments wait here (after the inbox check) until the promise settles. */
  gates: new Map<string, Promise<void>>(),
  waiting: new Set<string>(),
  appliedFor(shipmentId: string): Applied[] {
    return this.applied.filter((a) => a.shipmentId === shipmentId);
  },
};

@Controller()
class RecordingEventsController {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  @OnEvent('PaymentSettled', 'InspectionCompleted')
  async on(event: IncomingEvent<'PaymentSettled' | 'InspectionCompleted'>): Promise<void> {
    const { shipmentId } = event.payload;
    const left = handlerScript.failuresLeft.get(shipmentId) ?? 0;
    if (left > 0) {
      handlerScript.failuresLeft.set(shipmentId, left - 1);
      throw handlerScript.failures.get(shipmentId)!();
    }
    const gate = handlerScript.gates.get(shipmentId);
    if (gate) {
      handlerScript.waiting.add(shipmentId);
      await gate;
    }
    // the effect in the store, counted: applying an event twice would show as 2
    await this.connection
      .collection<{ _id: string; applications: number }>('applied_events')
      .updateOne({ _id: event.id }, { $inc: { applications: 1 } }, { upsert: true });
    handlerScript.applied.push({ id: event.id, type: event.type, shipmentId });
  }
}

/** The declaration service's messaging (its group, its inbox in a real store) around that handler. */
export async function startConsumerApp(
  env: Record<string, string>,
  kafka: KafkaSettings = loadKafkaSettings(env),
): Promise<INestApplication> {
  const config = loadServiceConfig('declaration', 3001, env);
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forService(config),
      ClockModule,
      PersistenceModule.forService(config),
      MessagingModule.forService(config, kafka),
    ],
    controllers: [RecordingEventsController],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  // as in every service: the filter answers HTTP and hands a handler's own error to the consumer
  app.useGlobalFilters(new HttpExceptionFilter());
  try {
    await connectEventConsumer(app);
    await app.startAllMicroservices();
    await app.init();
    return app;
  } catch (error) {
    await app.close();
    throw error;
  }
}
