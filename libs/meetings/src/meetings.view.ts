import type {
  AttendanceMode,
  ChildsVoiceHeard,
  DecisionDetails,
  DecisionKind,
  FormalDecisionReference,
  MeetingActor,
  MeetingLocationAsRead,
} from '@bti/domain';

export const MEETINGS = 'meetings';

/** A person of a service, with the names the staff register gives. */
export interface StaffView {
  staffId: string;
  serviceId: string;
  name: string;
  serviceName: string;
}

export interface ServiceView {
  serviceId: string;
  name: string;
}

/** Who acted, by name; a family member's name is null once the family's personal data is erased. */
export type ActorView = MeetingActor & { name: string | null };

/** A family member's `name` is null once the family's personal data is erased. */
export type AttendeeView =
  | { kind: 'guardian'; guardianId: string; name: string | null; mode: AttendanceMode }
  | { kind: 'youth'; subjectId: string; name: string | null; mode: AttendanceMode }
  | (StaffView & { kind: 'staff'; mode: AttendanceMode; decisionAuthority: boolean });

export type DecisionStatus =
  /** Waiting for the saga to carry it into the log. */
  | 'recorded'
  | 'carried_out'
  /** The log refused it: a person must act (see followUp). */
  | 'follow_up'
  | 'resolved'
  /** A referral or another agreement: followed up by the responsible person, not by the log. */
  | 'agreement';

export interface DecisionView {
  decisionId: string;
  kind: DecisionKind;
  details: DecisionDetails;
  /** Null once the family's personal data is erased. */
  text: string | null;
  goal: string | null;
  responsible: StaffView;
  deadline: string;
  formalDecision: FormalDecisionReference | null;
  recordedAt: string;
  status: DecisionStatus;
  carriedOutAt: string | null;
  followUp: DecisionFollowUp | null;
}

/** Why the log refused a decision, and how a person resolved it. */
export interface DecisionFollowUp {
  code: string;
  message: string;
  at: string;
  resolution: {
    /** Null once the family's personal data is erased. */
    note: string | null;
    by: StaffView;
    at: string;
  } | null;
}

export interface MeetingView {
  meetingId: string;
  municipalityId: string;
  familyId: string;
  logIds: string[];
  status: 'scheduled' | 'cancelled' | 'started' | 'ended';
  startsAt: string;
  durationMinutes: number;
  /** The place or video link is null once the family's personal data is erased. */
  location: MeetingLocationAsRead;
  chair: StaffView;
  invitedServices: ServiceView[];
  hiddenServices: string[];
  /** Each `name` is null once the family's personal data is erased. */
  invitedGuardians: { guardianId: string; name: string | null }[];
  invitedYouth: { subjectId: string; name: string | null }[];
  /**
   * Each item's text is null once the family's personal data is erased, and so is the id of an item
   * given when the meeting was scheduled (the event keeps it with the text, under `personal`).
   */
  agenda: { itemId: string | null; text: string | null; addedBy: ActorView; at: string }[];
  attendance: AttendeeView[] | null;
  // Each `text` below is null once the family's personal data is erased.
  guardianStatements: {
    speakers: string[];
    text: string | null;
    recordedBy: ActorView;
    at: string;
  }[];
  perspectives: { service: ServiceView; text: string | null; by: StaffView; at: string }[];
  sharedUnderstanding: { text: string | null; by: StaffView; at: string }[];
  childsVoice: {
    heard: boolean;
    text: string | null;
    reasonNotHeard: string | null;
    by: StaffView;
    at: string;
  } | null;
  decisions: DecisionView[];
  evaluations: {
    evaluator: ActorView;
    coordination: number;
    beingHeard: number;
    usefulness: number;
    comment: string | null;
    at: string;
  }[];
  /** Staff only. */
  ettermote: {
    confidentialityReminded: boolean;
    formAndContent: number;
    chairSteering: number;
    teamSupport: number;
    equalDialogue: number;
    childsVoiceHeard: ChildsVoiceHeard;
    learned: string | null;
    by: StaffView;
    at: string;
  } | null;
  nextMeetingDate: string | null;
  endedAt: string | null;
  cancellation: {
    /** Null once the family's personal data is erased. */
    reason: string | null;
    at: string;
  } | null;
  /**
   * The meeting stream's revision, for the services to send as If-Match; null for the family, whose
   * view must not count what they may not see (the ettermøte moves the revision too).
   */
  revision: string | null;
  /**
   * How many times its time, place or status was changed (rescheduled, cancelled): the calendar
   * invitation's SEQUENCE, the same for everyone invited (RFC 5545 wants an integer that grows with
   * each such change; the family's was `null` — found from outside).
   */
  scheduleSequence: number;
}

export interface MeetingSummary {
  meetingId: string;
  logIds: string[];
  status: MeetingView['status'];
  startsAt: string;
  durationMinutes: number;
  location: MeetingLocationAsRead;
  chair: StaffView;
  decisions: number;
  openFollowUps: number;
  nextMeetingDate: string | null;
  revision: string | null;
}
