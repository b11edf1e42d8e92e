export * from './dto-contract';
export * from './ecma-pattern';
export * from './error-body';
export * from './method-not-allowed';
export * from './route-contract';
export * from './query-from';
