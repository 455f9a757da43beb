export * from './projection';
export * from './document-projection';
export * from './sqlite-read-model-store';
export * from './projection-runner';
export * from './read-models.module';
export * from './heap-release';
export * from './read-model-file-build';
export * from './one-read';
