/**
 * The headers a consumer adds when it moves a message to `<topic>.dlq` (besides the original ones).
 * CloudEventsServer must write every one of them (a typed record) and the AsyncAPI document
 * describes them from here, so the two cannot drift apart.
 */
export const DeadLetterHeaderDocs = {
  dlq_reason: 'Why, as a stable code: one of DeadLetterReasons (e.g. PAYLOAD_INVALID, HANDLER_FAILED).',
  dlq_error: 'The error, at most 2000 characters.',
  dlq_source_topic: 'The topic the message was read from (the one `npm run dlq:redrive` sends it back to).',
  dlq_source_partition: 'Its partition there, in decimal.',
  dlq_source_offset: 'Its offset there, in decimal.',
  dlq_consumer_group: 'The consumer group that gave up on it.',
  dlq_failed_at: 'When it was dead-lettered (ISO 8601, wall clock).',
} as const;

export type DeadLetterHeaderName = keyof typeof DeadLetterHeaderDocs;
