import {
  type CloudEvent,
  definitionOfType,
  EnvelopeError,
  fromKafkaHeaders,
  PayloadValidationError,
  validatePayload,
} from '@tongguan/contracts';
import type { KafkaMessage } from 'kafkajs';
import { type DeadLetterReason, DeadLetterReasons } from './dead-letter-reasons';
import { provenanceProblem } from './provenance';

/** What a consumer makes of a message: an event to handle, a reason to refuse it, or not its business. */
export type Verdict = { event: CloudEvent } | { reject: DeadLetterReason; error: string } | { skip: true };

/**
 * Reads and checks a message: its envelope, its contract, its provenance (topic and ce_source named by
 * the contract), its payload, and that key, ce_subject and shipmentId agree.
 */
export function admit(
  topic: string,
  message: KafkaMessage,
  { topicPrefix, handles }: { topicPrefix: string; handles: (type: string) => boolean },
): Verdict {
  try {
    const meta = fromKafkaHeaders(message.headers ?? {});
    const definition = definitionOfType(meta.type);
    if (!definition)
      return { reject: DeadLetterReasons.unknownType, error: `no contract for event type ${meta.type}` };
    if (!handles(meta.type)) return { skip: true }; // another service's business
    const problem = provenanceProblem(definition, meta, topic.slice(topicPrefix.length));
    if (problem) return { reject: problem.reason, error: problem.error };
    const raw: unknown = JSON.parse(message.value?.toString() ?? '');
    const payload = validatePayload(definition, raw) as { shipmentId: string };
    const key = message.key?.toString();
    if (payload.shipmentId !== meta.subject || key !== meta.subject) {
      return {
        reject: DeadLetterReasons.subject,
        error: `key ${key}, ce_subject ${meta.subject}, shipmentId ${payload.shipmentId}`,
      };
    }
    return { event: { ...meta, payload } };
  } catch (error) {
    if (error instanceof EnvelopeError) return { reject: DeadLetterReasons.envelope, error: error.message };
    const text =
      error instanceof PayloadValidationError ? error.message : `malformed JSON: ${(error as Error).message}`;
    return { reject: DeadLetterReasons.payload, error: text };
  }
}
