/**
 * Why a consumer dead-lettered a message, as the stable code in the `dlq_reason` header and the
 * `reason` label of tongguan_events_dead_lettered_total. Every one of them is permanent: the same
 * message would fail the same way again, so it is moved aside and its partition goes on.
 */
export const DeadLetterReasons = {
  /** The CloudEvents headers are missing or malformed. */
  envelope: 'ENVELOPE_INVALID',
  /** No contract in @tongguan/contracts names the ce_type. */
  unknownType: 'TYPE_UNKNOWN',
  /** The value is not JSON or breaks the payload schema of its contract. */
  payload: 'PAYLOAD_INVALID',
  /** The key, ce_subject and the payload's shipmentId disagree. */
  subject: 'SUBJECT_MISMATCH',
  /** The event came on another topic than the one its contract names. */
  topic: 'TOPIC_MISMATCH',
  /** The ce_source is not the service its contract names as the producer. */
  source: 'SOURCE_MISMATCH',
  /** The handler kept failing for a reason that is not an unavailable store or broker. */
  handler: 'HANDLER_FAILED',
} as const;

export type DeadLetterReason = (typeof DeadLetterReasons)[keyof typeof DeadLetterReasons];
