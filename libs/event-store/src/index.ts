export * from './event-store.port';
export * from './errors';
export * from './expected-revision';
export * from './event-filter';
export * from './deterministic-id';
export * from './command-log';
export * from './sqlite/sqlite-event-store';
export * from './esdb/esdb-event-store';
