/**
 * The answers of the reads the web app uses, declared here as narrowly as the app uses them (they
 * were written before the OpenAPI description described answers; openapi.d.ts now has the full
 * ones). Checked at compile time against the server's own types by test/web/read-types.spec.ts: if
 * the server stops sending a field the app reads, the type check fails. Plain types only.
 */
import type { Role } from '../paths';

export interface Me {
  subject: string;
  role: Role;
  municipalityId: string | null;
  serviceId: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface DocumentPage<T> {
  items: { id: string; document: T }[];
  nextCursor: string | null;
}

export type InformationCategory =
  | 'school_situation'
  | 'kindergarten_situation'
  | 'health'
  | 'development_and_learning'
  | 'family_situation'
  | 'child_welfare'
  | 'leisure'
  | 'economy_and_housing';

export type SubjectKind = 'child' | 'youth' | 'pregnancy';
export type LogStatus = 'awaiting_consent' | 'open' | 'closed';

/** A person of a service, as a family meets them: a name and where they work. */
export interface NamedStaff {
  staffId: string;
  name: string;
  serviceId: string;
  serviceName: string;
}

export interface NamedService {
  serviceId: string;
  serviceName: string;
}

export type MeetingLocation =
  { kind: 'place'; place: string } | { kind: 'video'; link: string | null };

/** `GET /me/children`: where a family starts. */
export interface MyChildLog {
  logId: string;
  status: LogStatus;
  level: 0 | 1 | 2 | 3 | null;
  stafettholder: NamedStaff | null;
  pendingHandover: NamedStaff | null;
  samordningsansvar: NamedService | null;
  services: NamedService[];
  nextEvaluation: { measureId: string; goal: string; date: string; overdue: boolean } | null;
  lastActivityAt: string;
}

export interface MyChild {
  familyId: string;
  subjectId: string;
  name: string;
  kind: SubjectKind;
  birthDate: string | null;
  expectedBirthDate: string | null;
  logs: MyChildLog[];
  nextMeeting: {
    meetingId: string;
    startsAt: string;
    durationMinutes: number;
    location: { kind: string };
    chair: NamedStaff;
  } | null;
}

export interface MyChildren {
  children: MyChild[];
}

/** `GET /families/:id`: the register, as a guardian of the family sees it. */
export interface FamilyRegister {
  familyId: string;
  municipalityId: string;
  subjects: Record<
    string,
    {
      subjectId: string;
      kind: SubjectKind;
      personal: { name: string; birthDate: string | null; expectedBirthDate: string | null };
    }
  >;
  guardians: Record<
    string,
    {
      guardianId: string;
      identitySubject: string;
      parentalResponsibility: boolean;
      personal: { name: string; contact: string | null };
    }
  >;
}

export interface StaffRef {
  staffId: string;
  serviceId: string;
}

export interface ConsentScope {
  services: readonly string[];
  categories: readonly InformationCategory[];
  purpose: string;
}

export interface ConsentView {
  consentId: string;
  status: 'requested' | 'given' | 'refused' | 'withdrawn';
  scope: ConsentScope;
  requestedAt: string;
  requestedBy: StaffRef;
  givenBy: { kind: 'guardian'; guardianId: string } | { kind: 'youth'; subjectId: string } | null;
  validFrom: string | null;
  validUntil: string | null;
  answeredAt: string | null;
  withdrawnAt: string | null;
}

export type EntryKind =
  'agreement' | 'observation' | 'conversation' | 'guardians_voice' | 'childs_voice' | 'evaluation';

export interface EntryView {
  entryId: string;
  kind: EntryKind;
  authorKind: 'staff' | 'guardian' | 'youth';
  authorId: string;
  serviceId: string | null;
  category: InformationCategory;
  correctsEntryId: string | null;
  at: string;
  text: string;
}

export interface MeasureView {
  measureId: string;
  goal: string;
  responsible: StaffRef;
  startDate: string;
  evaluationDate: string | null;
  status: 'planned' | 'started' | 'ended';
  startedOn: string | null;
  endedOn: string | null;
  evaluations: {
    evaluatedOn: string;
    goalAttainment: 'reached' | 'partly' | 'not_reached';
    decision: 'continue' | 'adjust' | 'end';
    familyView: string;
  }[];
}

/** `GET /stafettlogger/:id`: the log, filtered to what the reader may see. */
export interface LogView {
  logId: string;
  familyId: string;
  subjectId: string;
  status: LogStatus;
  level: 0 | 1 | 2 | 3 | null;
  stafettholder: StaffRef | null;
  pendingHandover: StaffRef | null;
  samordningsansvar: string | null;
  rules: { levels: readonly { level: number; name: string }[] } | null;
  openedAt: string | null;
  closure: { reason: string; at: string } | null;
  services: { serviceId: string; hidden: boolean; joinedAt: string }[];
  consents: ConsentView[];
  entries: EntryView[];
  olderEntries: string | null;
  measures: MeasureView[];
  scheduledMeetings: { meetingId: string; startsAt: string }[];
  lastActivityAt: string;
}

export type MeetingStatus = 'scheduled' | 'cancelled' | 'started' | 'ended';

export interface MeetingStaff {
  staffId: string;
  serviceId: string;
  name: string;
  serviceName: string;
}

export type MeetingActorView =
  | { kind: 'staff'; staffId: string; serviceId: string; name: string }
  | { kind: 'guardian'; guardianId: string; name: string }
  | { kind: 'youth'; subjectId: string; name: string };

export type AttendanceMode = 'present' | 'digital' | 'absent' | 'not_invited';

export type AttendeeView =
  | { kind: 'guardian'; guardianId: string; name: string; mode: AttendanceMode }
  | { kind: 'youth'; subjectId: string; name: string; mode: AttendanceMode }
  | (MeetingStaff & { kind: 'staff'; mode: AttendanceMode });

/** `GET /meetings?familyId=`: one line of the family's meetings. */
export interface MeetingSummary {
  meetingId: string;
  logIds: string[];
  status: MeetingStatus;
  startsAt: string;
  durationMinutes: number;
  location: MeetingLocation;
  chair: MeetingStaff;
  nextMeetingDate: string | null;
}

/** `GET /meetings/:id`: the meeting as the family sees it. */
export interface MeetingView {
  meetingId: string;
  familyId: string;
  logIds: string[];
  status: MeetingStatus;
  startsAt: string;
  durationMinutes: number;
  location: MeetingLocation;
  chair: MeetingStaff;
  invitedServices: { serviceId: string; name: string }[];
  invitedGuardians: { guardianId: string; name: string }[];
  invitedYouth: { subjectId: string; name: string }[];
  agenda: { itemId: string; text: string; addedBy: MeetingActorView; at: string }[];
  attendance: AttendeeView[] | null;
  guardianStatements: { speakers: string[]; text: string; at: string }[];
  decisions: {
    decisionId: string;
    text: string;
    goal: string | null;
    responsible: MeetingStaff;
    deadline: string;
  }[];
  evaluations: {
    evaluator: MeetingActorView;
    coordination: number;
    beingHeard: number;
    usefulness: number;
    comment: string | null;
    at: string;
  }[];
  nextMeetingDate: string | null;
  endedAt: string | null;
  cancellation: { reason: string; at: string } | null;
}

export type ReadTarget =
  'stafettlogg' | 'timeline' | 'meeting' | 'family' | 'log_list' | 'meeting_list';

/** `GET /families/:id/access-log`: one read of the child's case by someone outside the family. */
export interface AccessLogItem {
  at: string;
  target: ReadTarget;
  targetId: string;
  subjectId: string | null;
  reader: {
    role: string;
    serviceId: string | null;
    serviceName: string | null;
    name: string | null;
  };
}
