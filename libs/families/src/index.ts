export * from './families.module';
export * from './families.projection';
export * from './families.command';
export * from './families.controller';
