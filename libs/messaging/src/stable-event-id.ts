import { createHash } from 'node:crypto';

const NAMESPACE = 'tongguan:';

/**
 * A name-based UUID (RFC 4122 version 5 layout): one decision always gets the same ce_id. Conditional
 * writes let only one writer record a decision; should a decision still be announced twice (a relay
 * crash after sending, a retried handler), the consumers' inbox (keyed by ce_id) acts on it once.
 */
export function stableEventId(name: string): string {
  const bytes = createHash('sha1')
    .update(NAMESPACE + name)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
