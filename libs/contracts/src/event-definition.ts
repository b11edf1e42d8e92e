import type { TopicName } from './topics';

export type ServiceName =
  'declaration' | 'inspection' | 'logistics-trading' | 'port-exchange' | 'clearance-monitor';

/** What the platform knows about one event type: where it travels, who emits it, and its payload schema. */
export interface EventDefinition<P extends object = object> {
  /** CloudEvents `type`, e.g. tongguan.inspection.InspectionCompleted.v1 */
  readonly type: string;
  readonly topic: TopicName;
  readonly source: ServiceName;
  readonly payload: new () => P;
  readonly description: string;
}

export function defineEvent<P extends object>(definition: EventDefinition<P>): EventDefinition<P> {
  return definition;
}
