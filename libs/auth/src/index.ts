export * from './roles';
export * from './decorators';
export * from './token-verifier';
export * from './jwt-auth.guard';
export * from './auth.module';
export * from './token-lifetime';
export * from './token-settings';
