export * from './access-log.read-model';
export * from './access-log-recorder';
export * from './access-log.module';
