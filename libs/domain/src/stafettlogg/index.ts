export { STAFETTLOGG_RULE_CODES, type StafettloggRuleCode } from './codes';
export * from './commands';
export * from './consent';
export * from './decide';
export * from './events';
export * from './evolve';
export { sameStaff, type StaffActor } from './guards';
export * from './state';
