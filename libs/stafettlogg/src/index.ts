export * from './stafettlogg.dto';
export * from './stafettlogg.module';
export * from './stafettlogg.projection';
export * from './stafettlogg.routes';
export * from './stafettlogg.slice';
export * from './stafettlogg-reader';
