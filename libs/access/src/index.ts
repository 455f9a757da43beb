export * from './access.decorators';
export * from './access.guard';
export * from './access.module';
export * from './dev-issuer';
export * from './token-verifier';
export * from './policy';
export * from './staff-register';
export * from './family-member-names';
