export * from './concerns.dto';
export * from './concerns.module';
export * from './concerns.projection';
export * from './concerns.routes';
export * from './concerns.slice';
