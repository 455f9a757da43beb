export * from './pilot-generator';
export * from './pilot-municipalities';
export * from './pilot-writer';
