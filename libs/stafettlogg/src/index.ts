export * from './stafettlogg.module';
export * from './stafettlogg.projection';
export * from './stafettlogg.command';
export * from './stafettlogg-reader';
