export * from './calendar-date';
export * from './command-http';
export * from './command-routes';
export * from './http-error.filter';
export * from './json-body';
export * from './read-query';
export * from './validation';
