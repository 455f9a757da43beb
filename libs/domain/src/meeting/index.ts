export { MEETING_RULE_CODES, type MeetingRuleCode } from './codes';
export * from './commands';
export * from './decide';
export * from './events';
export {
  attends,
  guardiansAttend,
  meetingStream,
  type KnownMeeting,
  type MeetingState,
} from './state';
