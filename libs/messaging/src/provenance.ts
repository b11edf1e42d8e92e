import type { CloudEventMeta, EventDefinition } from '@tongguan/contracts';
import { type DeadLetterReason, DeadLetterReasons } from './dead-letter-reasons';

/**
 * A consumer accepts an event only from the topic and the ce_source its contract names. With an ACL
 * per service on the broker (only the producing service may write its topic), a message that passes
 * both checks was written by the service that owns the fact; anything else is refused with a reason.
 */
export function provenanceProblem(
  definition: Pick<EventDefinition, 'type' | 'topic' | 'source'>,
  meta: Pick<CloudEventMeta, 'source'>,
  logicalTopic: string,
): { reason: DeadLetterReason; error: string } | null {
  if (logicalTopic !== definition.topic) {
    return {
      reason: DeadLetterReasons.topic,
      error: `${definition.type} travels on ${definition.topic}, not on ${logicalTopic}`,
    };
  }
  if (meta.source !== definition.source) {
    return {
      reason: DeadLetterReasons.source,
      error: `${definition.type} comes from ${definition.source}, not from ce_source "${meta.source.slice(0, 100)}"`,
    };
  }
  return null;
}
