/**
 * The answers of the reads the coordinator's screens use, by the names the screens know them by:
 * each is the schema the API's OpenAPI description gives (generated from the server's own types into
 * shared/api/openapi.d.ts).
 */
import type {
  AttendanceMode,
  DocumentPage,
  MeetingLocation,
  MeetingStatus,
  Schemas,
  StaffRef,
} from '../../shared/api/reads';

export type { AttendanceMode, DocumentPage, MeetingLocation, MeetingStatus, StaffRef };

/** `GET /me/worklist`: a coordinator starts from its batons, meetings and follow-ups. */
export type CoordinatorWorklist = Schemas['Worklist'];
/** `GET /municipalities/:id`: the services and the staff register, for names and choices. */
export type MunicipalityRegister = Schemas['MunicipalityView'];
/** `GET /stafettlogger?familyId=`: one of the family's logs, at a glance. */
export type LogSummary = Schemas['StafettloggSummary'];
/** A person of a service, with the names the staff register gives. */
export type MeetingStaff = Schemas['StaffView'];
export type MeetingActor = Schemas['ActorView'];
export type Attendee = Schemas['AttendeeView'];
export type DecisionKind = Schemas['DecisionKind'];
export type DecisionStatus = Schemas['DecisionStatus'];
export type ChildsVoiceHeard = Schemas['ChildsVoiceHeard'];
export type Decision = Schemas['DecisionView'];
/** `GET /meetings/:id`: the meeting as a service that takes part sees it (the ettermøte included). */
export type CoordinatorMeeting = Schemas['MeetingView'];
/** `GET /meetings?familyId=`: one line of the family's meetings. */
export type CoordinatorMeetingSummary = Schemas['MeetingSummary'];
/** `GET /meetings/follow-ups`: a decision the log could not take in; a person must act. */
export type FollowUp = Schemas['FollowUpItem'];
/** `GET /meetings/:id/minutes`: the minutes (referat) in plain Norwegian, as the family gets them. */
export type Minutes = Schemas['Minutes'];
