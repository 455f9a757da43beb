export * from './municipality.dto';
export * from './municipality.module';
export * from './municipality.projection';
export * from './municipality.routes';
export * from './municipality.slice';
export * from './staff-register';
