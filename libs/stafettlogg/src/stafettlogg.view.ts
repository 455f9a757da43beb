import type {
  BtiLevel,
  CloseReason,
  ConsentForm,
  ConsentGiver,
  SharingScope,
  EntryKind,
  FamilyEvaluation,
  GoalAttainment,
  InformationCategory,
  LogRules,
  MeasureDecision,
  StaffRef,
} from '@bti/domain';

/** The projection's name: queries wait for it to include the caller's own write. */
export const STAFETTLOGGER = 'stafettlogger';

export interface ConsentView {
  consentId: string;
  status: 'requested' | 'given' | 'refused' | 'withdrawn';
  scope: SharingScope & {
    /** Why, in the services' words; null once the family's personal data is erased. */
    purpose: string | null;
  };
  requestedAt: string;
  requestedBy: StaffRef;
  givenBy: ConsentGiver | null;
  form: ConsentForm['kind'] | null;
  validFrom: string | null;
  validUntil: string | null;
  answeredAt: string | null;
  withdrawnAt: string | null;
}

export interface EntryView {
  entryId: string;
  kind: EntryKind;
  authorKind: 'staff' | 'guardian' | 'youth';
  authorId: string;
  serviceId: string | null;
  category: InformationCategory;
  sharedWithGuardians: boolean;
  correctsEntryId: string | null;
  at: string;
  /** Null once the family's personal data is erased. */
  text: string | null;
}

export interface MeasureView {
  measureId: string;
  /** Null once the family's personal data is erased. */
  goal: string | null;
  responsible: StaffRef;
  startDate: string;
  evaluationDate: string | null;
  status: 'planned' | 'started' | 'ended';
  startedOn: string | null;
  endedOn: string | null;
  initiativeId: string | null;
  catalogueEntryId: string | null;
  evaluations: {
    evaluatedOn: string;
    goalAttainment: GoalAttainment;
    decision: MeasureDecision;
    onTime: boolean;
    /** Null once the family's personal data is erased. */
    familyView: string | null;
  }[];
}

/** A step in the log's history, without free text, for the timeline. */
export interface HistoryItem {
  type: string;
  /**
   * When it happened: an ISO timestamp, but a date (YYYY-MM-DD) for MeasureStarted, MeasureEvaluated
   * and MeasureEnded, whose day is all the domain records; for StafettloggInitiated, when the log was
   * initiated (its command's time).
   */
  at: string;
  serviceId: string | null;
  /** Set on consent events, so a reader sees only the history of consents shown to them. */
  consentId: string | null;
  /** Set on entries, so a reader sees the history of the entries they may read and no other. */
  entryId: string | null;
  /** Set on measures, so a reader sees the history of the measures they may see and no other. */
  measureId: string | null;
}

export interface ScheduledMeeting {
  meetingId: string;
  startsAt: string;
  chairServiceId: string;
  invitedServices: string[];
}

export interface StafettloggView {
  logId: string;
  concernId: string;
  familyId: string;
  subjectId: string;
  municipalityId: string;
  status: 'awaiting_consent' | 'open' | 'closed';
  level: BtiLevel | null;
  stafettholder: StaffRef | null;
  pendingHandover: StaffRef | null;
  samordningsansvar: string | null;
  rules: LogRules | null;
  /**
   * The age from which the young person consents alone and reads their own log: the log's rules',
   * or, while it awaits its first consent, the municipality's handlingsveileder's now.
   */
  consentAge: number;
  openedAt: string | null;
  closure: { reason: CloseReason; at: string; familyEvaluation: FamilyEvaluation | null } | null;
  services: { serviceId: string; hidden: boolean; joinedAt: string }[];
  consents: ConsentView[];
  /** The newest entries (a page of them); older ones through `olderEntries`. */
  entries: EntryView[];
  /** Pass as `entriesBefore` for the page of entries before these; null when there are none. */
  olderEntries: string | null;
  measures: MeasureView[];
  history: HistoryItem[];
  /** Samordningsmøter planned about this log, soonest first; a reader sees those they may know. */
  scheduledMeetings: ScheduledMeeting[];
  lastActivityAt: string;
  /** What the young person, from the consent age, keeps from the guardians (not shown to them). */
  keptFromGuardians: InformationCategory[];
  /** Parents without parental responsibility a service has let read the log (services see them). */
  readGrants: { guardianId: string; identitySubject: string }[];
  /**
   * The log stream's revision, for the services to send as If-Match; null for the family, whose view
   * must not count what they may not see (internal entries move the revision too).
   */
  revision: string | null;
}

/** The part of a log the visibility policy decides on. */
export type LogPolicyView = Pick<
  StafettloggView,
  | 'logId'
  | 'familyId'
  | 'subjectId'
  | 'municipalityId'
  | 'status'
  | 'rules'
  | 'consentAge'
  | 'services'
  | 'consents'
  | 'readGrants'
  | 'keptFromGuardians'
>;
