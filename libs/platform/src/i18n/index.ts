export * from './locale';
export * from './interpolate';
export * from './catalogue';
export * from './localize';
