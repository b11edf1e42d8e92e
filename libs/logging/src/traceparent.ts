/** W3C Trace Context: version-traceid-parentid-flags, lower-case hex; all-zero ids are invalid. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** The trace and parent span ids of a traceparent header, or nothing when it is absent or malformed. */
export function parseTraceparent(value: unknown): { traceId: string; spanId: string } | undefined {
  const parsed = readTraceparent(value);
  return parsed && { traceId: parsed.traceId, spanId: parsed.spanId };
}

/** As parseTraceparent, with the trace flags (bit 0: sampled). */
export function readTraceparent(
  value: unknown,
): { traceId: string; spanId: string; traceFlags: number } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = TRACEPARENT.exec(value.trim());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match;
  // version ff is forbidden; version 00 has nothing after the flags
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, traceFlags: parseInt(flags, 16) };
}

/** The version 00 traceparent of a span. */
export function formatTraceparent(ids: { traceId: string; spanId: string; traceFlags: number }): string {
  return `00-${ids.traceId}-${ids.spanId}-${(ids.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}
