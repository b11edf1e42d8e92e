/** CloudEvents 1.0, Kafka protocol binding, binary mode: attributes travel as ce_* headers. */
export const CE_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  subject: 'ce_subject',
  correlationid: 'ce_correlationid',
  causationid: 'ce_causationid',
  /** CloudEvents distributed-tracing extension: the W3C traceparent of the span that sent the event. */
  traceparent: 'ce_traceparent',
  contentType: 'content-type',
} as const;

export interface CloudEventMeta {
  id: string;
  type: string;
  source: string;
  /** Business time (the platform clock), RFC 3339. */
  time: string;
  /** The shipmentId. */
  subject: string;
  correlationId: string;
  causationId: string;
  /**
   * The W3C traceparent of the span the event was created in (stored with it in the outbox); sent as
   * the producer span's, so a consumer continues the trace. Absent when tracing is off.
   */
  traceparent?: string;
}

export interface CloudEvent<P = unknown> extends CloudEventMeta {
  payload: P;
}

export function toKafkaHeaders(meta: CloudEventMeta): Record<string, string> {
  return {
    [CE_HEADERS.specversion]: '1.0',
    [CE_HEADERS.id]: meta.id,
    [CE_HEADERS.type]: meta.type,
    [CE_HEADERS.source]: meta.source,
    [CE_HEADERS.time]: meta.time,
    [CE_HEADERS.subject]: meta.subject,
    [CE_HEADERS.correlationid]: meta.correlationId,
    [CE_HEADERS.causationid]: meta.causationId,
    [CE_HEADERS.contentType]: 'application/json',
    ...(meta.traceparent ? { [CE_HEADERS.traceparent]: meta.traceparent } : {}),
  };
}

export class EnvelopeError extends Error {}

type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

function header(headers: RawHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/** Reads the CloudEvents attributes of a Kafka message; names every missing or malformed one. */
export function fromKafkaHeaders(headers: RawHeaders): CloudEventMeta {
  const read = (name: string) => header(headers, name);
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = read(name);
    if (!value) problems.push(`${name} missing`);
    return value ?? '';
  };
  const specversion = required(CE_HEADERS.specversion);
  if (specversion && specversion !== '1.0') problems.push(`${CE_HEADERS.specversion} must be 1.0`);
  const meta: CloudEventMeta = {
    id: required(CE_HEADERS.id),
    type: required(CE_HEADERS.type),
    source: required(CE_HEADERS.source),
    time: required(CE_HEADERS.time),
    subject: required(CE_HEADERS.subject),
    correlationId: read(CE_HEADERS.correlationid) ?? '',
    causationId: read(CE_HEADERS.causationid) ?? '',
  };
  const traceparent = read(CE_HEADERS.traceparent);
  if (traceparent) meta.traceparent = traceparent;
  if (meta.time && Number.isNaN(Date.parse(meta.time))) problems.push(`${CE_HEADERS.time} is not RFC 3339`);
  if (problems.length > 0) throw new EnvelopeError(`invalid CloudEvents envelope: ${problems.join(', ')}`);
  meta.correlationId ||= meta.id;
  meta.causationId ||= meta.id;
  return meta;
}
