/**
 * The answers of the reads the coordinator's screens use, as far as they use them. The API's OpenAPI
 * description leaves the read answers out, so they are declared here (in the persona's own folder,
 * not shared/api/reads.ts) and checked at compile time against the server's own types by
 * test/web/coordinator-read-types.spec.ts: if the server stops sending a field used here, the type
 * check fails. Plain types only.
 */
import type {
  AttendanceMode,
  DocumentPage,
  LogStatus,
  MeetingLocation,
  MeetingStatus,
  StaffRef,
} from '../../shared/api/reads';

export type { AttendanceMode, DocumentPage, MeetingLocation, MeetingStatus, StaffRef };

interface ChildRef {
  familyId: string;
  subjectId: string;
  childName: string | null;
}

interface Section<Item> {
  total: number;
  items: Item[];
}

/** `GET /me/worklist`: the parts a coordinator starts from. */
export interface CoordinatorWorklist {
  batons: Section<ChildRef & { logId: string; level: number | null; lastActivityAt: string }>;
  meetingsToPrepare: Section<{ meetingId: string; familyId: string; startsAt: string }>;
  decisionsPastDeadline: Section<{
    meetingId: string;
    decisionId: string;
    kind: string;
    deadline: string;
    responsible: StaffRef;
  }>;
  followUps: Section<{ meetingId: string; decisionId: string; code: string; at: string }>;
}

/** `GET /municipalities/:id`: the services and the staff register, for names and choices. */
export interface MunicipalityRegister {
  municipalityId: string;
  name: string;
  handlingsveileder: { levels: readonly { level: number; name: string }[] };
  services: Record<string, { serviceId: string; name: string }>;
  staff: Record<
    string,
    {
      staffId: string;
      serviceId: string;
      displayName: string;
      role: 'staff' | 'coordinator';
      active: boolean;
    }
  >;
}

/** `GET /stafettlogger?familyId=`: one of the family's logs, at a glance. */
export interface LogSummary {
  logId: string;
  subjectId: string;
  status: LogStatus;
  level: 0 | 1 | 2 | 3 | null;
  stafettholder: StaffRef | null;
  services: string[];
  activeConsent: {
    consentId: string;
    services: readonly string[];
    validUntil: string | null;
  } | null;
  nextMeeting: { meetingId: string; startsAt: string } | null;
}

/** A person of a service, with the names the staff register gives. */
export interface MeetingStaff {
  staffId: string;
  serviceId: string;
  name: string;
  serviceName: string;
}

export type MeetingActor =
  | { kind: 'staff'; staffId: string; serviceId: string; name: string }
  | { kind: 'guardian'; guardianId: string; name: string }
  | { kind: 'youth'; subjectId: string; name: string };

export type Attendee =
  | { kind: 'guardian'; guardianId: string; name: string; mode: AttendanceMode }
  | { kind: 'youth'; subjectId: string; name: string; mode: AttendanceMode }
  | (MeetingStaff & { kind: 'staff'; mode: AttendanceMode; decisionAuthority: boolean });

export type DecisionKind =
  'measure' | 'level_change' | 'stafettholder' | 'samordningsansvar' | 'referral' | 'other';

export type DecisionStatus = 'recorded' | 'carried_out' | 'follow_up' | 'resolved' | 'agreement';

export type ChildsVoiceHeard = 'yes' | 'partly' | 'no';

export interface Decision {
  decisionId: string;
  kind: DecisionKind;
  text: string;
  goal: string | null;
  responsible: MeetingStaff;
  deadline: string;
  status: DecisionStatus;
  followUp: {
    code: string;
    at: string;
    resolution: { note: string; by: MeetingStaff; at: string } | null;
  } | null;
}

/** `GET /meetings/:id`: the meeting as a service that takes part sees it (the ettermøte included). */
export interface CoordinatorMeeting {
  meetingId: string;
  municipalityId: string;
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
  agenda: { itemId: string; text: string; addedBy: MeetingActor; at: string }[];
  attendance: Attendee[] | null;
  guardianStatements: { speakers: string[]; text: string; recordedBy: MeetingActor; at: string }[];
  perspectives: {
    service: { serviceId: string; name: string };
    text: string;
    by: MeetingStaff;
    at: string;
  }[];
  sharedUnderstanding: { text: string; by: MeetingStaff; at: string }[];
  childsVoice: {
    heard: boolean;
    text: string | null;
    reasonNotHeard: string | null;
    by: MeetingStaff;
    at: string;
  } | null;
  decisions: Decision[];
  evaluations: {
    evaluator: MeetingActor;
    coordination: number;
    beingHeard: number;
    usefulness: number;
    comment: string | null;
    at: string;
  }[];
  ettermote: {
    confidentialityReminded: boolean;
    formAndContent: number;
    chairSteering: number;
    teamSupport: number;
    equalDialogue: number;
    childsVoiceHeard: ChildsVoiceHeard;
    learned: string | null;
    by: MeetingStaff;
    at: string;
  } | null;
  nextMeetingDate: string | null;
  endedAt: string | null;
  cancellation: { reason: string; at: string } | null;
}

/** `GET /meetings?familyId=`: one line of the family's meetings. */
export interface CoordinatorMeetingSummary {
  meetingId: string;
  logIds: string[];
  status: MeetingStatus;
  startsAt: string;
  location: MeetingLocation;
  chair: MeetingStaff;
  decisions: number;
  openFollowUps: number;
}

/** `GET /meetings/follow-ups`: a decision the log could not take in; a person must act. */
export interface FollowUp {
  meetingId: string;
  startsAt: string;
  logIds: string[];
  decisionId: string;
  kind: DecisionKind;
  responsible: MeetingStaff;
  deadline: string;
  followUp: { code: string; message: string; at: string };
  /** The decision in words; null while your service may not read the meeting. */
  text: string | null;
}

/** `GET /meetings/:id/minutes`: the minutes (referat) in plain Norwegian, as the family gets them. */
export interface Minutes {
  meetingId: string;
  text: string;
}
