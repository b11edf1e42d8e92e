import { PayloadValidationError } from '@tongguan/contracts';
import { ConcurrentModificationError } from '@tongguan/persistence';

/**
 * Whether a failure can pass by itself. A store or broker that is unavailable for a while (a Mongo
 * blip, a failover, a broker restart) is transient: the work is retried later and nothing is lost.
 * Anything else (a bad payload, a domain rejection, a bug) will fail the same way every time.
 */
export type FailureKind = 'transient' | 'permanent';

// The driver's and mongoose's names for "the server is not reachable right now".
const TRANSIENT_STORE_ERRORS = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
]);
// Server answers of a node that is stepping down, shutting down or unreachable (MongoDB error codes).
const TRANSIENT_STORE_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);
const TRANSIENT_LABELS = ['RetryableWriteError', 'ResetPool', 'TransientTransactionError'];

// kafkajs' names for "the broker is not reachable or not ready right now".
const TRANSIENT_BROKER_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
]);

// Broker answers about one record that no retry can change (it is too large or malformed).
const POISON_RECORD_TYPES = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
  'INVALID_TIMESTAMP',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  type?: unknown;
  retriable?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errorLabels?: unknown;
}

/** The error and the errors it wraps (kafkajs' originalError, Error.cause), outermost first. */
function chain(error: unknown): ErrorLike[] {
  const seen: ErrorLike[] = [];
  let current = error;
  while (current !== null && typeof current === 'object' && seen.length < 8 && !seen.includes(current)) {
    const e = current as ErrorLike;
    seen.push(e);
    current = e.originalError ?? e.cause;
  }
  return seen;
}

function transientOne(e: ErrorLike): boolean {
  const name = typeof e.name === 'string' ? e.name : '';
  if (TRANSIENT_STORE_ERRORS.has(name) || TRANSIENT_BROKER_ERRORS.has(name)) return true;
  if (typeof e.code === 'number' && name.startsWith('Mongo') && TRANSIENT_STORE_CODES.has(e.code))
    return true;
  const labels = Array.isArray(e.errorLabels) ? (e.errorLabels as unknown[]) : [];
  if (TRANSIENT_LABELS.some((label) => labels.includes(label))) return true;
  // mongoose queues operations while disconnected and gives up after bufferTimeoutMS
  if (name === 'MongooseError' && typeof e.message === 'string' && /buffering timed out/.test(e.message))
    return true;
  // a broker error code kafkajs itself marks as retriable (not leader, coordinator loading, ...)
  if (name === 'KafkaJSProtocolError' && e.retriable === true) return true;
  return false;
}

/** Transient when the failure, or one it wraps, says the store or the broker is unavailable for now. */
export function failureKind(error: unknown): FailureKind {
  if (error instanceof ConcurrentModificationError) return 'transient';
  if (error instanceof PayloadValidationError) return 'permanent';
  const errors = chain(error);
  // kafkajs gives up after its own retries with KafkaJSNumberOfRetriesExceeded around the real cause
  if (errors.some((e) => e.name === 'KafkaJSProtocolError' && POISON_RECORD_TYPES.has(String(e.type))))
    return 'permanent';
  return errors.some(transientOne) ? 'transient' : 'permanent';
}

/**
 * The broker refused this record itself (too large, malformed) or the event breaks its contract: the
 * same event will never be accepted, so it must be moved aside rather than retried.
 */
export function isPoisonRecord(error: unknown): boolean {
  if (error instanceof PayloadValidationError || error instanceof UnpublishableEventError) return true;
  return chain(error).some(
    (e) => e.name === 'KafkaJSProtocolError' && POISON_RECORD_TYPES.has(String(e.type)),
  );
}

/** An event that cannot be sent as it is (no contract for its type). */
export class UnpublishableEventError extends Error {}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}
