export * from './discussions.dto';
export * from './discussions.module';
export * from './discussions.projection';
export * from './discussions.routes';
export * from './discussions.slice';
