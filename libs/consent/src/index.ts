export * from './consent.dto';
export * from './consent.module';
export * from './consent.routes';
