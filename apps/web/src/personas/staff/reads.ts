/**
 * The answers of the reads the staff screens use, as far as they use them. The API's OpenAPI
 * description has no response schemas for its reads yet, so the parts read here are declared by hand
 * and checked at compile time against the server's own types by test/web/staff-read-types.spec.ts:
 * when the server drops or changes a field these screens read, the type check fails. Plain types only.
 */
import type { InformationCategory, StaffRef } from '../../shared/api/reads';

export type { InformationCategory, StaffRef };

export interface Section<Item> {
  total: number;
  items: Item[];
}

/** A child an item is about, named from the family register of the staff member's municipality. */
export interface ChildRef {
  familyId: string;
  subjectId: string;
  childName: string | null;
}

/** `GET /me/worklist`: what the signed-in staff member must act on. */
export interface Worklist {
  batons: Section<
    ChildRef & {
      logId: string;
      level: number | null;
      lastActivityAt: string;
      handoverOffered: boolean;
    }
  >;
  handoversToAccept: Section<ChildRef & { logId: string; offeredAt: string }>;
  evaluationsDue: Section<
    ChildRef & { logId: string; measureId: string; evaluationDate: string; overdue: boolean }
  >;
  consentsExpiring: Section<ChildRef & { logId: string; consentId: string; validUntil: string }>;
  overdueConcerns: Section<
    ChildRef & { concernId: string; kind: string; decisionDeadline: string }
  >;
  inactiveLogs: Section<
    ChildRef & { logId: string; lastActivityAt: string; thresholdDays: number }
  >;
  meetingsToPrepare: Section<{ meetingId: string; familyId: string; startsAt: string }>;
  decisionsPastDeadline: Section<{ meetingId: string; decisionId: string; deadline: string }>;
  followUps: Section<{ meetingId: string; decisionId: string; code: string; at: string }>;
  arenaQueues: { arenaId: string; name: string; pending: number }[];
}

export type BtiLevel = 0 | 1 | 2 | 3;

/** The municipality's handlingsveileder: the rules the software keeps. */
export interface Handlingsveileder {
  version: number;
  levels: readonly { level: BtiLevel; name: string }[];
  concernDecisionDeadlineDays: number;
  measureEvaluationIntervalDays: number;
  consentAge: 15 | 16;
  inactivityThresholdDays: number;
}

export interface CatalogueEntry {
  entryId: string;
  name: string;
  description: string;
  targetGroup: string;
  contact: string;
  serviceId: string | null;
}

/** `GET /municipalities/:id`: services, staff, the handlingsveileder and the service catalogue. */
export interface Municipality {
  municipalityId: string;
  name: string;
  handlingsveileder: Handlingsveileder;
  services: Record<string, { serviceId: string; name: string; sector: string }>;
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
  catalogue: Record<string, CatalogueEntry>;
}

export type ConcernKind = 'undring' | 'bekymring';
export type ConcernOutcome = 'closed' | 'help_within_service' | 'involve_others';
export type TalkParty = 'colleague' | 'leader' | 'child' | 'guardians';

/** `GET /concerns` and `GET /concerns/:id`: one of your service's concerns. */
export interface Concern {
  concernId: string;
  familyId: string;
  subjectId: string;
  serviceId: string;
  kind: ConcernKind;
  notedBy: string;
  notedAt: string;
  decisionDeadline: string;
  summary: string;
  status: 'open' | 'decided';
  outcome: ConcernOutcome | null;
  decidedAt: string | null;
  decidedLate: boolean;
  talks: { with: TalkParty; heldOn: string }[];
  overdue: boolean;
}

export interface DocumentPage<T> {
  items: { id: string; document: T }[];
  nextCursor: string | null;
}

/** `GET /stafettlogger?familyId=`: one of a family's logs, as far as you may see it. */
export interface LogSummary {
  logId: string;
  subjectId: string;
  status: 'awaiting_consent' | 'open' | 'closed';
  level: BtiLevel | null;
  stafettholder: StaffRef | null;
}

export type EntryKind =
  'agreement' | 'observation' | 'conversation' | 'guardians_voice' | 'childs_voice' | 'evaluation';

export interface StaffConsent {
  consentId: string;
  status: 'requested' | 'given' | 'refused' | 'withdrawn';
  scope: {
    services: readonly string[];
    categories: readonly InformationCategory[];
    purpose: string;
  };
  requestedAt: string;
  requestedBy: StaffRef;
  givenBy: { kind: 'guardian'; guardianId: string } | { kind: 'youth'; subjectId: string } | null;
  form: 'digital' | 'paper' | null;
  validFrom: string | null;
  validUntil: string | null;
  answeredAt: string | null;
  withdrawnAt: string | null;
}

export interface StaffEntry {
  entryId: string;
  kind: EntryKind;
  authorKind: 'staff' | 'guardian' | 'youth';
  authorId: string;
  serviceId: string | null;
  category: InformationCategory;
  sharedWithGuardians: boolean;
  correctsEntryId: string | null;
  at: string;
  text: string;
}

export type GoalAttainment = 'reached' | 'partly' | 'not_reached';
export type MeasureDecision = 'continue' | 'adjust' | 'end';

export interface StaffMeasure {
  measureId: string;
  goal: string;
  responsible: StaffRef;
  startDate: string;
  evaluationDate: string | null;
  status: 'planned' | 'started' | 'ended';
  startedOn: string | null;
  endedOn: string | null;
  catalogueEntryId: string | null;
  evaluations: {
    evaluatedOn: string;
    goalAttainment: GoalAttainment;
    decision: MeasureDecision;
    familyView: string;
  }[];
}

/** `GET /stafettlogger/:id`: the log as a service may see it. */
export interface StaffLog {
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
  rules: {
    version: number;
    levels: readonly { level: BtiLevel; name: string }[];
    measureEvaluationIntervalDays: number;
    inactivityThresholdDays: number;
  } | null;
  openedAt: string | null;
  services: { serviceId: string; hidden: boolean; joinedAt: string }[];
  consents: StaffConsent[];
  entries: StaffEntry[];
  olderEntries: string | null;
  measures: StaffMeasure[];
  scheduledMeetings: { meetingId: string; startsAt: string }[];
  lastActivityAt: string;
}

/** `GET /arenas`: a team of the municipality, with its intake criteria. */
export interface Team {
  arenaId: string;
  kind: string;
  name: string;
  mandate: string;
  intakeCriteria: string;
  memberServices: readonly string[];
  meetingRhythm: string;
  pendingReferrals: number;
}

/** `GET /arenas/:id/referrals`: one case in a team's intake queue. */
export interface Referral {
  referralId: string;
  arenaId: string;
  familyId: string;
  logId: string | null;
  level: BtiLevel | null;
  referrer:
    | { kind: 'staff'; staffId: string; serviceId: string }
    | { kind: 'guardian'; guardianId: string }
    | { kind: 'youth'; subjectId: string };
  consentCoversArena: boolean;
  reason: string;
  referredAt: string;
  status: 'pending' | 'accepted' | 'declined';
}
