export * from './shared/actor';
export * from './shared/json';
export * from './shared/domain-rule-violation';
