import {
  ALL_TOPICS,
  deadLetterTopicOf,
  declarationStatusCodeSchema,
  EventConsumers,
  Events,
  type EventName,
  type ServiceName,
} from '@tongguan/contracts';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { DeadLetterHeaderDocs } from '../dead-letter-headers';
import { consumerGroupOf } from '../messaging-options';

// class-transformer keeps @Type(() => X) in a storage it exports only from this path; without it the
// nested arrays and objects of the payloads point at a schema named `Array` or `Object`.
const { defaultMetadataStorage } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- no typed entry point for it
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

type Json = Record<string, unknown>;
const SCHEMAS = '#/components/schemas/';

const cloudEventHeaders: Json = {
  type: 'object',
  required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_subject'],
  properties: {
    ce_specversion: { type: 'string', const: '1.0' },
    ce_id: { type: 'string', format: 'uuid' },
    ce_type: { type: 'string' },
    ce_source: { type: 'string', description: 'the producing app' },
    ce_time: { type: 'string', format: 'date-time', description: 'business time (platform clock)' },
    ce_subject: { type: 'string', description: 'the shipmentId, also the message key' },
    ce_correlationid: { type: 'string' },
    ce_causationid: { type: 'string' },
    ce_traceparent: {
      type: 'string',
      pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      description:
        'CloudEvents distributed-tracing extension: W3C traceparent of the producing span (when tracing is on); a consumer continues the trace',
    },
  },
};

// The original headers stay as they were (they may be what was wrong), the dlq_* ones say why.
const deadLetterHeaders: Json = {
  type: 'object',
  required: Object.keys(DeadLetterHeaderDocs),
  properties: Object.fromEntries(
    Object.entries(DeadLetterHeaderDocs).map(([name, description]) => [
      name,
      { type: 'string', description },
    ]),
  ),
};

const channelIdOf = (topic: string) => topic.replace(/\./g, '-');
const kafkaKey = { kafka: { key: { type: 'string', description: 'shipmentId' }, bindingVersion: '0.5.0' } };

function sortKeys<T>(object: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}

/** The AsyncAPI 3 document of the platform's events, from the contracts alone. */
export function buildAsyncApiDocument(): Json {
  const names = Object.keys(Events) as EventName[];
  const messages: Record<string, Json> = {};
  for (const name of names) {
    const def = Events[name];
    messages[name] = {
      name: def.type,
      title: name,
      summary: def.description,
      contentType: 'application/json',
      headers: { $ref: `${SCHEMAS}CloudEventHeaders` },
      payload: { $ref: `${SCHEMAS}${def.payload.name}` },
      bindings: kafkaKey,
    };
  }
  messages.DeadLetter = {
    name: 'dead-letter',
    title: 'DeadLetter',
    summary:
      'A message a consumer gave up on, moved aside so its partition goes on; key and value unchanged.',
    headers: { $ref: `${SCHEMAS}DeadLetterHeaders` },
    payload: {
      description:
        'The original value, byte for byte: one of the topic payloads, or whatever failed to be one (dlq_reason says which).',
    },
    bindings: kafkaKey,
  };

  const channels: Record<string, Json> = {};
  const operations: Record<string, Json> = {};
  for (const topic of ALL_TOPICS) {
    const channelId = channelIdOf(topic);
    const own = names.filter((name) => Events[name].topic === topic);
    channels[channelId] = {
      address: topic,
      messages: Object.fromEntries(own.map((name) => [name, { $ref: `#/components/messages/${name}` }])),
    };
    operations[`publish-${channelId}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channelId}` },
      summary: `Produced by ${[...new Set(own.map((name) => Events[name].source))].join(', ')}`,
    };
    const consumers = (Object.keys(EventConsumers) as ServiceName[]).filter((service) =>
      EventConsumers[service].some((name) => Events[name].topic === topic),
    );
    for (const service of consumers) {
      const received = own.filter((name) => EventConsumers[service].includes(name));
      operations[`receive-${channelId}-${service}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${channelId}` },
        summary: `Consumed by ${service}; other types on the topic are skipped.`,
        messages: received.map((name) => ({ $ref: `#/channels/${channelId}/messages/${name}` })),
        bindings: {
          kafka: {
            groupId: { type: 'string', const: consumerGroupOf('', service) },
            bindingVersion: '0.5.0',
          },
        },
      };
    }
    const dlqId = `${channelId}-dlq`;
    channels[dlqId] = {
      address: deadLetterTopicOf(topic),
      description: `Messages of ${topic} that failed validation or handling; the dlq_* headers say why.`,
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
    };
    if (consumers.length > 0) {
      operations[`dead-letter-${channelId}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${dlqId}` },
        summary: `Written by the consumers of ${topic} (${consumers.join(', ')}); npm run dlq:redrive sends them back.`,
      };
    }
  }

  const payloads = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMAS,
    classTransformerMetadataStorage: defaultMetadataStorage,
  });
  return {
    asyncapi: '3.1.0',
    info: {
      title: 'Tongguan events',
      version: '1.0.0',
      description: 'CloudEvents 1.0 over Kafka (binary mode); payloads validated on produce and consume.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: {
      messages,
      schemas: {
        CloudEventHeaders: cloudEventHeaders,
        DeadLetterHeaders: deadLetterHeaders,
        // the statuses' two-digit codes (HMRC CDS style), the same table the declaration API answers with
        DeclarationStatusCode: declarationStatusCodeSchema(),
        ...sortKeys(payloads as Record<string, unknown>),
      },
    },
  };
}
