import {
  personalReadsBlank,
  type DomainEvent,
  type EventData,
  type EventJson,
  type WithoutPersonal,
} from '../shared/decider';
import type { BtiLevel, Handlingsveileder } from '../municipality/municipality';
import type { ConsentForm, ConsentGiver, InformationCategory, SharingScope } from './consent';

export const ENTRY_KINDS = [
  'agreement',
  'observation',
  'conversation',
  'guardians_voice',
  'childs_voice',
  'evaluation',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const CLOSE_REASONS = [
  'needs_met',
  'moved',
  'individual_plan',
  'consent_withdrawn',
  'other',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const GOAL_ATTAINMENTS = ['reached', 'partly', 'not_reached'] as const;
export type GoalAttainment = (typeof GOAL_ATTAINMENTS)[number];
export const MEASURE_DECISIONS = ['continue', 'adjust', 'end'] as const;
export type MeasureDecision = (typeof MEASURE_DECISIONS)[number];

/** The rules a log keeps from the handlingsveileder in force when it was opened. */
export type LogRules = Pick<
  Handlingsveileder,
  'version' | 'levels' | 'measureEvaluationIntervalDays' | 'consentAge' | 'inactivityThresholdDays'
>;

export interface StaffRef {
  readonly staffId: string;
  readonly serviceId: string;
}

/** Who acted in a log, as the events record it. */
export type LogActor =
  | {
      readonly kind: 'staff';
      readonly staffId: string;
      readonly serviceId: string;
      readonly coordinator: boolean;
    }
  | {
      readonly kind: 'guardian';
      readonly guardianId: string;
      readonly parentalResponsibility: boolean;
    }
  | { readonly kind: 'youth'; readonly subjectId: string };

export interface FamilyEvaluationScores {
  /** 1 (not at all) to 5 (fully): did the services work as one, were they easy to reach, were we heard. */
  readonly coordination: number;
  readonly accessibility: number;
  readonly participation: number;
}

/** The family's closing evaluation as they give it and the log shows it: the scores and their words. */
export interface FamilyEvaluation extends FamilyEvaluationScores {
  /** The family's own words: personal data (in the event, under `personal`). */
  readonly comment: string | null;
}

export type StafettloggInitiated = DomainEvent<
  'StafettloggInitiated',
  {
    logId: string;
    concernId: string;
    familyId: string;
    subjectId: string;
    municipalityId: string;
    initiatedBy: StaffRef;
  }
>;
export type ConsentRequested = DomainEvent<
  'ConsentRequested',
  {
    consentId: string;
    /** Schema version 2: the purpose is under `personal` (version 1 kept it here, in the clear). */
    scope: SharingScope;
    requestedBy: StaffRef;
    requestedAt: string;
    personal: { purpose: string };
  }
>;
export type ConsentGiven = DomainEvent<
  'ConsentGiven',
  {
    consentId: string;
    givenBy: ConsentGiver;
    form: ConsentForm;
    validFrom: string;
    validUntil: string;
    recordedBy: LogActor;
    at: string;
  }
>;
export type ConsentRefused = DomainEvent<
  'ConsentRefused',
  { consentId: string; refusedBy: ConsentGiver; at: string; personal: { reason: string | null } }
>;
export type ConsentWithdrawn = DomainEvent<
  'ConsentWithdrawn',
  { consentId: string; withdrawnBy: ConsentGiver; at: string }
>;
export type ConsentRenewed = DomainEvent<
  'ConsentRenewed',
  { consentId: string; renewedBy: ConsentGiver; validUntil: string; at: string }
>;
export type StafettloggOpened = DomainEvent<
  'StafettloggOpened',
  {
    level: BtiLevel;
    stafettholder: StaffRef;
    rules: LogRules;
    openedBy: StaffRef;
    openedAt: string;
  }
>;
export type ServiceJoined = DomainEvent<
  'ServiceJoined',
  { serviceId: string; hidden: boolean; addedBy: StaffRef; at: string }
>;
export type EntryAdded = DomainEvent<
  'EntryAdded',
  {
    entryId: string;
    kind: EntryKind;
    author: LogActor;
    serviceId: string | null;
    category: InformationCategory;
    sharedWithGuardians: boolean;
    correctsEntryId: string | null;
    at: string;
    personal: { text: string };
  }
>;
export type MeasurePlanned = DomainEvent<
  'MeasurePlanned',
  {
    measureId: string;
    responsible: StaffRef;
    startDate: string;
    evaluationDate: string;
    initiativeId: string | null;
    catalogueEntryId: string | null;
    plannedBy: StaffRef;
    at: string;
    personal: { goal: string };
  }
>;
export type MeasureStarted = DomainEvent<
  'MeasureStarted',
  { measureId: string; startedOn: string; by: StaffRef }
>;
export type MeasureEvaluated = DomainEvent<
  'MeasureEvaluated',
  {
    measureId: string;
    goalAttainment: GoalAttainment;
    decision: MeasureDecision;
    nextEvaluationDate: string | null;
    evaluatedOn: string;
    onTime: boolean;
    by: StaffRef;
    personal: { familyView: string };
  }
>;
export type MeasureEnded = DomainEvent<
  'MeasureEnded',
  { measureId: string; endedOn: string; by: StaffRef; personal: { reason: string } }
>;
export type StafettholderHandoverOffered = DomainEvent<
  'StafettholderHandoverOffered',
  { to: StaffRef; offeredBy: StaffRef; at: string }
>;
export type StafettholderHandoverAccepted = DomainEvent<
  'StafettholderHandoverAccepted',
  { stafettholder: StaffRef; previous: StaffRef; at: string }
>;
export type StafettholderHandoverDeclined = DomainEvent<
  'StafettholderHandoverDeclined',
  { declinedBy: StaffRef; at: string }
>;
export type SamordningsansvarAssigned = DomainEvent<
  'SamordningsansvarAssigned',
  { serviceId: string; decidedBy: StaffRef; at: string }
>;
export type LevelChanged = DomainEvent<
  'LevelChanged',
  { from: BtiLevel; to: BtiLevel; changedBy: StaffRef; at: string; personal: { reason: string } }
>;
export type RulesMovedOn = DomainEvent<
  'RulesMovedOn',
  { rules: LogRules; by: StaffRef; at: string }
>;
export type StafettloggClosed = DomainEvent<
  'StafettloggClosed',
  {
    reason: CloseReason;
    familyEvaluation: FamilyEvaluationScores | null;
    closedBy: StaffRef;
    at: string;
    personal: {
      evaluationMissingReason: string | null;
      /** The family evaluation's comment (schema version 2; version 1 kept it beside the scores). */
      familyComment: string | null;
    };
  }
>;

/**
 * Reads a version 1 `ConsentRequested` as version 2: version 1 kept the purpose in the scope, in the
 * clear, with no personal part — so nothing marks it as erased, and it reads as written (the bytes of
 * such an old event hold it anyway; see docs/access.md).
 */
export function consentRequestedFromVersion1(data: EventData): EventData {
  const { scope, ...rest } = data as { scope: { [key: string]: EventJson } } & EventData;
  const { purpose = null, ...sharing } = scope;
  return { ...rest, scope: sharing, personal: { purpose } };
}

/**
 * Reads a version 1 `StafettloggClosed` as version 2: version 1 kept the family's comment beside
 * the scores, outside `personal`, so it was neither encrypted nor erased with the family's key. Read
 * back after an erasure (`personal` marked erased, or unreadable), the comment reads as null too —
 * the bytes of such an old event still hold it (see docs/access.md).
 */
export function stafettloggClosedFromVersion1(data: EventData): EventData {
  const { familyEvaluation, personal, ...rest } = data as {
    familyEvaluation: { [key: string]: EventJson } | null;
    personal: { [key: string]: EventJson } | null;
  } & EventData;
  const { comment = null, ...scores } = familyEvaluation ?? {};
  return {
    ...rest,
    familyEvaluation: familyEvaluation ? scores : null,
    personal: { ...personal, familyComment: personalReadsBlank(personal) ? null : comment },
  };
}
export type StafettloggReopened = DomainEvent<
  'StafettloggReopened',
  { reopenedBy: StaffRef; at: string; personal: { reason: string } }
>;

/**
 * A parent without parental responsibility may read the log once a service grants it, with a reason
 * (barneloven § 47 gives them a right to information from the services, not to the log itself).
 */
export type GuardianReadAccessGranted = DomainEvent<
  'GuardianReadAccessGranted',
  {
    guardianId: string;
    identitySubject: string;
    grantedBy: StaffRef;
    at: string;
    personal: { reason: string };
  }
>;
export type GuardianReadAccessRevoked = DomainEvent<
  'GuardianReadAccessRevoked',
  { guardianId: string; revokedBy: StaffRef; at: string; personal: { reason: string } }
>;

/**
 * From the consent age the young person chooses which kinds of information in their log the
 * guardians may no longer read (health is kept from them by law whatever the choice).
 */
export type GuardianSharingChosen = DomainEvent<
  'GuardianSharingChosen',
  { keptFromGuardians: InformationCategory[]; at: string }
>;

export type StafettloggEvent =
  | GuardianSharingChosen
  | GuardianReadAccessGranted
  | GuardianReadAccessRevoked
  | StafettloggInitiated
  | ConsentRequested
  | ConsentGiven
  | ConsentRefused
  | ConsentWithdrawn
  | ConsentRenewed
  | StafettloggOpened
  | ServiceJoined
  | EntryAdded
  | MeasurePlanned
  | MeasureStarted
  | MeasureEvaluated
  | MeasureEnded
  | StafettholderHandoverOffered
  | StafettholderHandoverAccepted
  | StafettholderHandoverDeclined
  | SamordningsansvarAssigned
  | LevelChanged
  | RulesMovedOn
  | StafettloggClosed
  | StafettloggReopened;

export type StafettloggEventType = StafettloggEvent['type'];

/** Every event type of the stafettlogg stream, for the event-type registry. */
export const STAFETTLOGG_EVENT_TYPES = [
  'StafettloggInitiated',
  'ConsentRequested',
  'ConsentGiven',
  'ConsentRefused',
  'ConsentWithdrawn',
  'ConsentRenewed',
  'StafettloggOpened',
  'ServiceJoined',
  'EntryAdded',
  'MeasurePlanned',
  'MeasureStarted',
  'MeasureEvaluated',
  'MeasureEnded',
  'StafettholderHandoverOffered',
  'StafettholderHandoverAccepted',
  'StafettholderHandoverDeclined',
  'SamordningsansvarAssigned',
  'LevelChanged',
  'RulesMovedOn',
  'StafettloggClosed',
  'StafettloggReopened',
  'GuardianReadAccessGranted',
  'GuardianReadAccessRevoked',
  'GuardianSharingChosen',
] as const satisfies readonly StafettloggEventType[];

/**
 * When what an event records happened: the day a measure started or was evaluated, the moment a
 * consent was asked for or the log opened — not when it was typed in. Null for the initiation, which
 * records no time of its own (its command's time is in the metadata).
 */
export function businessTimeOf(event: WithoutPersonal<StafettloggEvent>): string | null {
  switch (event.type) {
    case 'StafettloggInitiated':
      return null;
    case 'ConsentRequested':
      return event.data.requestedAt;
    case 'StafettloggOpened':
      return event.data.openedAt;
    case 'MeasureStarted':
      return event.data.startedOn;
    case 'MeasureEvaluated':
      return event.data.evaluatedOn;
    case 'MeasureEnded':
      return event.data.endedOn;
    default:
      return event.data.at;
  }
}
