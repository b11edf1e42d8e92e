export * from './aggregate-repository';
export * from './inbox';
export * from './mongo-errors';
export * from './mongo-health';
export * from './outbox';
export * from './outbox-signal';
export * from './persistence.module';
export * from './drop-databases';
