export * from './agency-registry';
export * from './agency-access';
export * from './routing';
export * from './green-channel';
export * from './registry-files';
export * from './agencies.module';
