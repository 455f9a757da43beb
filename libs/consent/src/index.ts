export * from './consent.dto';
export * from './consent.module';
export * from './consent.routes';
export * from './consent-form.view';
