export * from './metric-catalogue';
export * from './metric-cube';
export * from './metric-facts';
export * from './metrics.dto';
export * from './metrics.module';
export * from './metrics.projection';
export * from './metrics-reader';
export * from './municipality-use-reader';
