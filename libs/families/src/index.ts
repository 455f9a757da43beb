export * from './families.dto';
export * from './families.module';
export * from './families.projection';
export * from './families.routes';
export * from './families.slice';
export * from './register-view';
export * from './family-member-names-reader';
export * from './family-member-names.projection';
