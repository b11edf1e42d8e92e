export * from './log-context';
export * from './log-line';
export * from './redact';
export * from './structured-logger';
export * from './trace-context';
export * from './traceparent';
export * from './process-warnings';
