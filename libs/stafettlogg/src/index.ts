export * from './stafettlogg.dto';
export * from './stafettlogg.module';
export * from './stafettlogg.read-model';
export * from './stafettlogg.routes';
export * from './stafettlogg.slice';
export * from './stafettlogg.view';
export * from './stafettlogg-reader';
export * from './archive-package.view';
