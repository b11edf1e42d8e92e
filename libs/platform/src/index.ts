export * from './bootstrap';
export * from './domain-error';
export * from './health.controller';
export * from './http-exception.filter';
export * from './platform.module';
export * from './validation';
export * from './request-context';
export * from './app-files';
