export * from './event-tap';
export * from './http-client';
export * from './infrastructure';
export * from './service-processes';
export * from './test-environment';
export * from './test-data-cleanup';
export * from './declaration-body';
