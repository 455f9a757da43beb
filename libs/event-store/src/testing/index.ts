export * from './test-metadata';
export * from './event-store-conformance';
