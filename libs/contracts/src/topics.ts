/** The one place that lists every topic. A breaking change is a new topic version, never an edit. */
export const Topics = {
  declaration: 'declaration.events.v1',
  inspection: 'inspection.events.v1',
  logistics: 'logistics.events.v1',
  port: 'port.events.v1',
  clearance: 'clearance.alerts.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const ALL_TOPICS: readonly TopicName[] = Object.values(Topics);

export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
