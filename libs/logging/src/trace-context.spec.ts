import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { runWithLogContext } from './log-context';
import { StructuredLogger } from './structured-logger';
import { activeTraceIds, contextOfTraceparent, traceparentOf } from './trace-context';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('trace context', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(manager.enable()));
  afterAll(() => context.disable());

  it('reads a traceparent into a context and writes the same one back', () => {
    expect(traceparentOf(contextOfTraceparent(`00-${TRACE}-${SPAN}-01`))).toBe(`00-${TRACE}-${SPAN}-01`);
    expect(traceparentOf(contextOfTraceparent(`00-${TRACE}-${SPAN}-00`))).toBe(`00-${TRACE}-${SPAN}-00`);
  });

  it('has no traceparent outside a span, nor for a malformed header', () => {
    expect(traceparentOf()).toBeUndefined();
    expect(activeTraceIds()).toBeUndefined();
    expect(traceparentOf(contextOfTraceparent('00-xyz'))).toBeUndefined();
  });

  it("puts the active span's ids on log lines, over those the log context parsed", () => {
    const lines: Record<string, unknown>[] = [];
    const logger = new StructuredLogger({
      service: 'inspection',
      format: 'json',
      level: 'log',
      write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    const stale = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), correlationId: 'c-1' };
    runWithLogContext(stale, () =>
      context.with(contextOfTraceparent(`00-${TRACE}-${SPAN}-01`), () => logger.log('assessed')),
    );
    runWithLogContext(stale, () => logger.log('outside'));
    expect(lines[0]).toMatchObject({ traceId: TRACE, spanId: SPAN, correlationId: 'c-1' });
    expect(lines[1]).toMatchObject({ traceId: stale.traceId, spanId: stale.spanId });
  });
});
