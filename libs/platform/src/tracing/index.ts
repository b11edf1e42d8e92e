export * from './http-spans';
export * from './start-tracing';
export * from './tracing-settings';
export * from './tracing-shutdown';
export * from './otlp-json-receiver';
export * from './trace-tree';
