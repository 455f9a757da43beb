export * from './command-envelope';
export * from './command-handling';
export * from './command-handling.module';
export * from './command-slice';
export * from './fingerprint';
export * from './stream-states';
export * from './case-dispatch';
export * from './stream-turns';
