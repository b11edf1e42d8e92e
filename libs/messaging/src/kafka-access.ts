import {
  ALL_TOPICS,
  deadLetterTopicOf,
  EventConsumers,
  Events,
  type ServiceName,
  type TopicName,
} from '@tongguan/contracts';
import {
  type AclEntry,
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  type Kafka,
  ResourcePatternTypes,
} from 'kafkajs';
import { consumerGroupOf } from './messaging-options';

const consumedBy = (service: ServiceName): readonly TopicName[] =>
  ALL_TOPICS.filter((topic) => EventConsumers[service].some((name) => Events[name].topic === topic));

/**
 * The topics each service consumes (the topics of the events it has handlers for, as EventConsumers
 * declares them). The ACLs follow from it: a service reads these, writes their dead-letter topics, and
 * writes only its own topic.
 */
export const CONSUMED_TOPICS: Record<ServiceName, readonly TopicName[]> = {
  declaration: consumedBy('declaration'),
  inspection: consumedBy('inspection'),
  'logistics-trading': consumedBy('logistics-trading'),
  'port-exchange': consumedBy('port-exchange'),
  'clearance-monitor': consumedBy('clearance-monitor'),
};

/** The principal that sends dead letters back (npm run dlq:redrive); its groups start with this name. */
export const REDRIVE_PRINCIPAL = 'dlq-redrive';

export type AccessOperation = 'READ' | 'WRITE' | 'DESCRIBE';

/** One ALLOW rule: the principal may do the operation on the topic or group named (or prefixed). */
export interface AccessRule {
  principal: string;
  resource: 'topic' | 'group';
  name: string;
  pattern: 'literal' | 'prefixed';
  operation: AccessOperation;
}

/** The topics whose events the service produces, from the contracts. */
export function producedTopics(service: ServiceName): TopicName[] {
  return [
    ...new Set(
      Object.values(Events)
        .filter((e) => e.source === service)
        .map((e) => e.topic),
    ),
  ];
}

/**
 * The ACLs of the platform on a broker whose authorizer denies what no rule allows. Each service:
 * writes its own topic; reads the topics it consumes in its own group and writes their .dlq (dead
 * letters); describes every topic (the topic provisioner checks they all exist). The redrive principal
 * reads the .dlq topics and writes back to their topics. Topic creation is the admin's (see
 * docs/security.md): no service may create or delete topics.
 */
export function accessRules(topicPrefix = ''): AccessRule[] {
  const rules: AccessRule[] = [];
  const topic = (principal: string, name: string, ...operations: AccessOperation[]) =>
    operations.forEach((operation) =>
      rules.push({
        principal,
        resource: 'topic',
        name: `${topicPrefix}${name}`,
        pattern: 'literal',
        operation,
      }),
    );
  for (const service of Object.keys(CONSUMED_TOPICS) as ServiceName[]) {
    for (const t of ALL_TOPICS) {
      topic(service, t, 'DESCRIBE');
      topic(service, deadLetterTopicOf(t), 'DESCRIBE');
    }
    for (const t of producedTopics(service)) topic(service, t, 'WRITE');
    for (const t of CONSUMED_TOPICS[service]) {
      topic(service, t, 'READ');
      topic(service, deadLetterTopicOf(t), 'WRITE');
    }
    rules.push({
      principal: service,
      resource: 'group',
      name: consumerGroupOf(topicPrefix, service),
      pattern: 'literal',
      operation: 'READ',
    });
  }
  for (const t of ALL_TOPICS) {
    topic(REDRIVE_PRINCIPAL, deadLetterTopicOf(t), 'READ', 'DESCRIBE');
    topic(REDRIVE_PRINCIPAL, t, 'WRITE', 'DESCRIBE');
  }
  rules.push({
    principal: REDRIVE_PRINCIPAL,
    resource: 'group',
    name: `${topicPrefix}tongguan-dlq-redrive`,
    pattern: 'prefixed',
    operation: 'READ',
  });
  return rules;
}

function toAclEntry(rule: AccessRule): AclEntry {
  return {
    resourceType: rule.resource === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
    resourceName: rule.name,
    resourcePatternType:
      rule.pattern === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
    principal: `User:${rule.principal}`,
    host: '*',
    operation: AclOperationTypes[rule.operation],
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/**
 * Creates the platform's topics (with their dead-letter topics) and ACLs, as the admin principal. Run
 * once per cluster (docker compose runs it as kafka-setup); both steps are idempotent.
 */
export async function provisionKafkaAccess(
  admin: Kafka,
  options: { topicPrefix?: string; partitions: number; replicationFactor: number },
): Promise<{ topicsCreated: string[]; rules: number }> {
  const client = admin.admin();
  await client.connect();
  try {
    const prefix = options.topicPrefix ?? '';
    const existing = new Set(await client.listTopics());
    const wanted = ALL_TOPICS.flatMap((t) => [`${prefix}${t}`, `${prefix}${deadLetterTopicOf(t)}`]);
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await client.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t,
          numPartitions: options.partitions,
          replicationFactor: options.replicationFactor,
          configEntries: options.replicationFactor >= 3 ? [{ name: 'min.insync.replicas', value: '2' }] : [],
        })),
      });
    }
    const rules = accessRules(prefix);
    await client.createAcls({ acl: rules.map(toAclEntry) });
    return { topicsCreated: missing, rules: rules.length };
  } finally {
    await client.disconnect();
  }
}
