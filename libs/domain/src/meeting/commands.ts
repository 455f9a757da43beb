import type { ArenaRef } from '../arena/arena';
import type { EnrolledMunicipality } from '../municipality/municipality';
import type { RegisteredFamily } from '../family/family';
import type { ConsentTerms } from '../stafettlogg/consent';
import type { LogRules, StaffRef } from '../stafettlogg/events';
import type {
  Attendee,
  ChildsVoiceHeard,
  DecisionDetails,
  FormalDecisionReference,
  MeetingLocation,
} from './events';

export type ScheduleMeeting = {
  type: 'ScheduleMeeting';
  meetingId: string;
  /** The subject's log, or several logs of one family (siblings' logs meet in a family meeting). */
  logIds: string[];
  startsAt: string;
  durationMinutes: number;
  location: MeetingLocation;
  /** The chair; the one scheduling when null. */
  chair: StaffRef | null;
  invitedServices: string[];
  invitedGuardians: string[];
  invitedYouth: string[];
  agenda: { itemId: string; text: string }[];
};
export type AddAgendaItem = { type: 'AddAgendaItem'; itemId: string; text: string };
export type RescheduleMeeting = {
  type: 'RescheduleMeeting';
  startsAt: string;
  durationMinutes: number;
  location: MeetingLocation;
};
export type CancelMeeting = { type: 'CancelMeeting'; reason: string };
export type StartMeeting = { type: 'StartMeeting'; attendance: Attendee[] };
export type RecordGuardianStatement = {
  type: 'RecordGuardianStatement';
  speakers: string[];
  text: string;
};
export type RecordServicePerspective = { type: 'RecordServicePerspective'; text: string };
export type RecordSharedUnderstanding = { type: 'RecordSharedUnderstanding'; text: string };
export type RecordChildsVoice = {
  type: 'RecordChildsVoice';
  heard: boolean;
  text: string | null;
  reasonNotHeard: string | null;
};
export type RecordMeetingDecision = {
  type: 'RecordMeetingDecision';
  decisionId: string;
  details: DecisionDetails;
  text: string;
  goal: string | null;
  responsible: StaffRef;
  deadline: string;
  formalDecision: FormalDecisionReference | null;
};
export type EvaluateMeeting = {
  type: 'EvaluateMeeting';
  /** Staff recording a guardian's answers say whose; a guardian or young person answers for themself. */
  guardianId: string | null;
  coordination: number;
  beingHeard: number;
  usefulness: number;
  comment: string | null;
};
export type EndMeeting = { type: 'EndMeeting'; nextMeetingDate: string | null };
export type RecordEttermote = {
  type: 'RecordEttermote';
  confidentialityReminded: boolean;
  formAndContent: number;
  chairSteering: number;
  teamSupport: number;
  equalDialogue: number;
  childsVoiceHeard: ChildsVoiceHeard;
  learned: string | null;
};
/** Sent by the decision saga when it could not carry a decision into the log: a person must act. */
export type RecordDecisionFollowUp = {
  type: 'RecordDecisionFollowUp';
  decisionId: string;
  code: string;
  message: string;
};
export type ResolveDecisionFollowUp = {
  type: 'ResolveDecisionFollowUp';
  decisionId: string;
  note: string;
};

export type MeetingCommand =
  | ScheduleMeeting
  | AddAgendaItem
  | RescheduleMeeting
  | CancelMeeting
  | StartMeeting
  | RecordGuardianStatement
  | RecordServicePerspective
  | RecordSharedUnderstanding
  | RecordChildsVoice
  | RecordMeetingDecision
  | EvaluateMeeting
  | EndMeeting
  | RecordEttermote
  | RecordDecisionFollowUp
  | ResolveDecisionFollowUp;

export type MeetingCommandType = MeetingCommand['type'];

/** What the meeting's rules need to know of one of its logs, as of now. */
export interface MeetingLogFacts {
  readonly logId: string;
  readonly familyId: string;
  readonly subjectId: string;
  readonly municipalityId: string;
  readonly status: 'awaiting_consent' | 'open' | 'closed';
  readonly consents: readonly ConsentTerms[];
  readonly services: Readonly<Record<string, { readonly hidden: boolean }>>;
  readonly rules: LogRules | null;
}

/**
 * The facts from other streams: the municipality (services, staff register), the family (guardians,
 * subjects) and the meeting's logs — each null when it does not exist or the actor may not know it.
 */
export interface MeetingFacts {
  readonly municipality: Pick<EnrolledMunicipality, 'municipalityId' | 'services' | 'staff'> | null;
  readonly family: Pick<RegisteredFamily, 'familyId' | 'guardians' | 'subjects'> | null;
  readonly logs: Readonly<Record<string, MeetingLogFacts | null>>;
  /** The arena a referral decision names, when it is established (loaded for that decision only). */
  readonly referralArena?: ArenaRef | null;
}
