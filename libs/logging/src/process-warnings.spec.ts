import { Logger } from '@nestjs/common';
import { routeProcessWarnings } from './process-warnings';
import { StructuredLogger } from './structured-logger';

describe('routeProcessWarnings', () => {
  it("logs the runtime's warnings as JSON lines of the service, in place of Node's stderr printer", () => {
    const lines: Record<string, unknown>[] = [];
    const logger = new StructuredLogger({
      service: 'inspection',
      format: 'json',
      level: 'log',
      write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    });
    const before = process.listenerCount('warning');
    Logger.overrideLogger(logger);
    const undo = routeProcessWarnings(new Logger('process'));
    try {
      expect(process.listenerCount('warning')).toBe(1);
      // what process.emitWarning emits on the next tick (jest's sandboxed process does not forward it)
      const warning = Object.assign(new Error('the old API goes away'), {
        name: 'DeprecationWarning',
        code: 'TG_TEST',
      });
      process.emit('warning', warning);
    } finally {
      undo();
    }
    expect(process.listenerCount('warning')).toBe(before);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        service: 'inspection',
        context: 'process',
        message: 'DeprecationWarning: the old API goes away',
      }),
    ]);
    expect(JSON.stringify(lines[0])).toContain('TG_TEST');
  });
});
