export * from './shared/actor';
export * from './shared/json';
