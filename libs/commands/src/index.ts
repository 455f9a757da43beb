export * from './decider-command';
export * from './clock';
export * from './command-http';
export * from './command-context';
export * from './read-your-writes';
export * from './commands.module';
export * from './case-controller';
