export * from './programme.dto';
export * from './programme.module';
export * from './programme.projection';
export * from './programme.routes';
export * from './programme.slice';
