export * from './access-denied';
export * from './log-visibility';
export * from './register-visibility';
export * from './role-table';
export * from './log-facts';
export * from './meeting-visibility';
export * from './access-log';
