import { ConsoleLogger, Logger } from '@nestjs/common';
import { runWithLogContext } from './log-context';
import { REDACTED } from './redact';
import { splitParams, StructuredLogger } from './structured-logger';

function jsonLogger(level: 'log' | 'debug' | 'warn' = 'log') {
  const lines: Record<string, unknown>[] = [];
  const logger = new StructuredLogger({
    service: 'declaration',
    format: 'json',
    level,
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return { logger, lines };
}

describe('StructuredLogger (json)', () => {
  it('writes one line with time, level, service, context, message and the ids in scope', () => {
    const { logger, lines } = jsonLogger();
    runWithLogContext({ correlationId: 'c-1', causationId: 'e-0', eventId: 'e-1', shipmentId: 'BL123' }, () =>
      logger.log('declaration lodged', 'DeclarationsService'),
    );
    expect(lines).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: 'info',
        service: 'declaration',
        context: 'DeclarationsService',
        message: 'declaration lodged',
        correlationId: 'c-1',
        causationId: 'e-0',
        eventId: 'e-1',
        shipmentId: 'BL123',
      },
    ]);
  });

  it("serves Nest's Logger call sites unchanged, errors with their stack", () => {
    const { logger, lines } = jsonLogger();
    Logger.overrideLogger(logger);
    try {
      new Logger('Relay').error('publish failed', new Error('broker away').stack);
      new Logger('Relay').warn('slow');
    } finally {
      Logger.overrideLogger(new ConsoleLogger());
    }
    expect(lines[0]).toMatchObject({ level: 'error', context: 'Relay', message: 'publish failed' });
    expect(lines[0].stack).toMatch(/broker away\n\s+at /);
    expect(lines[1]).toMatchObject({ level: 'warn', context: 'Relay', message: 'slow' });
  });

  it('never writes a secret, whether in the text or in an object passed along', () => {
    const { logger, lines } = jsonLogger();
    logger.warn(
      { message: 'webhook refused: Bearer abc.def.ghi', headers: { authorization: 'Bearer abc.def.ghi' } },
      'Webhook',
    );
    logger.log('settings', { JWT_SECRET: 'very-secret', port: 3001 }, 'Boot');
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    expect(text).not.toMatch(/abc\.def\.ghi|very-secret/);
    expect(lines[0]).toMatchObject({ message: `webhook refused: Bearer ${REDACTED}` });
    expect(lines[1]).toMatchObject({ data: { JWT_SECRET: REDACTED, port: 3001 }, context: 'Boot' });
  });

  it('writes nothing below LOG_LEVEL and logs requests with their http fields', () => {
    const { logger, lines } = jsonLogger('warn');
    logger.log('hidden');
    logger.debug('hidden');
    logger.request({ method: 'GET', path: '/v1/x', status: 200, durationMs: 1.5 });
    expect(lines).toEqual([]);
    const verbose = jsonLogger('log');
    verbose.logger.request({ method: 'POST', path: '/v1/declarations', status: 201, durationMs: 12.3 });
    expect(verbose.lines[0]).toMatchObject({
      level: 'info',
      context: 'HTTP',
      message: 'POST /v1/declarations 201 12.3ms',
      http: { method: 'POST', path: '/v1/declarations', status: 201, durationMs: 12.3 },
    });
  });
});

describe('splitParams', () => {
  it("reads Nest's (extras, stack, context) convention", () => {
    const stack = new Error('x').stack as string;
    expect(splitParams('error', [stack, 'Ctx'])).toEqual({ context: 'Ctx', stack, data: [] });
    expect(splitParams('error', [undefined, 'Ctx'])).toEqual({ context: 'Ctx', stack: undefined, data: [] });
    expect(splitParams('error', [stack])).toEqual({ stack, data: [] });
    expect(splitParams('log', [{ a: 1 }, 'Ctx'])).toEqual({ context: 'Ctx', data: [{ a: 1 }] });
  });
});
