export * from './calendar-date';
export * from './http-error.filter';
export * from './json-body';
export * from './validation';
