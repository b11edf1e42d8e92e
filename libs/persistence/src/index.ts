export * from './persistence.module';
export * from './mongo-health';
export * from './mongo-errors';
