export * from './concerns.module';
export * from './concerns.projection';
export * from './concerns.command';
