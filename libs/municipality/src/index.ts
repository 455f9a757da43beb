export * from './municipality.module';
export * from './municipality.projection';
export * from './municipality.command';
export * from './municipality.dto';
