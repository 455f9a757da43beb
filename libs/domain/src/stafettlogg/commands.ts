import type { BtiLevel, EnrolledMunicipality } from '../municipality/municipality';
import type { RegisteredFamily } from '../family/family';
import type { NotedConcern } from '../concern/concern';
import type { InitiativeStatus } from '../programme/programme';
import type { ConsentScope, InformationCategory } from './consent';
import type {
  CloseReason,
  EntryKind,
  FamilyEvaluation,
  GoalAttainment,
  MeasureDecision,
} from './events';

/** Staff recording a consent act from a signed paper form say who signed it; others act for themselves. */
export interface OnBehalf {
  readonly givenByGuardianId: string | null;
  readonly givenByYouth: boolean | null;
  readonly paperFormReference: string | null;
}

export type StartStafettlogg = {
  type: 'StartStafettlogg';
  logId: string;
  concernId: string;
  consentId: string;
  scope: ConsentScope;
};
export type RequestConsent = { type: 'RequestConsent'; consentId: string; scope: ConsentScope };
export type GiveConsent = {
  type: 'GiveConsent';
  consentId: string;
  validFrom: string;
  validUntil: string;
} & OnBehalf;
export type RefuseConsent = {
  type: 'RefuseConsent';
  consentId: string;
  reason: string | null;
} & OnBehalf;
export type WithdrawConsent = { type: 'WithdrawConsent'; consentId: string } & OnBehalf;
export type RenewConsent = {
  type: 'RenewConsent';
  consentId: string;
  validUntil: string;
} & OnBehalf;
export type OpenStafettlogg = { type: 'OpenStafettlogg'; level: BtiLevel };
export type JoinService = { type: 'JoinService'; serviceId: string; hidden: boolean };
export type AddEntry = {
  type: 'AddEntry';
  entryId: string;
  kind: EntryKind;
  category: InformationCategory;
  sharedWithGuardians: boolean;
  text: string;
  correctsEntryId: string | null;
};
export type PlanMeasure = {
  type: 'PlanMeasure';
  measureId: string;
  goal: string;
  responsibleServiceId: string;
  responsibleStaffId: string;
  startDate: string;
  evaluationDate: string | null;
  initiativeId: string | null;
  catalogueEntryId: string | null;
};
export type StartMeasure = { type: 'StartMeasure'; measureId: string; startedOn: string };
export type EvaluateMeasure = {
  type: 'EvaluateMeasure';
  measureId: string;
  goalAttainment: GoalAttainment;
  familyView: string;
  decision: MeasureDecision;
  nextEvaluationDate: string | null;
};
export type EndMeasure = { type: 'EndMeasure'; measureId: string; reason: string };
export type OfferHandover = { type: 'OfferHandover'; toStaffId: string; toServiceId: string };
export type AcceptHandover = { type: 'AcceptHandover' };
export type DeclineHandover = { type: 'DeclineHandover' };
export type AssignSamordningsansvar = { type: 'AssignSamordningsansvar'; serviceId: string };
export type ChangeLevel = { type: 'ChangeLevel'; level: BtiLevel; reason: string };
export type MoveToCurrentRules = { type: 'MoveToCurrentRules' };
export type CloseStafettlogg = {
  type: 'CloseStafettlogg';
  reason: CloseReason;
  familyEvaluation: FamilyEvaluation | null;
  evaluationMissingReason: string | null;
};
export type ReopenStafettlogg = { type: 'ReopenStafettlogg'; reason: string };
export type GrantGuardianReadAccess = {
  type: 'GrantGuardianReadAccess';
  guardianId: string;
  reason: string;
};
export type ChooseGuardianSharing = {
  type: 'ChooseGuardianSharing';
  keptFromGuardians: InformationCategory[];
};
export type RevokeGuardianReadAccess = {
  type: 'RevokeGuardianReadAccess';
  guardianId: string;
  reason: string;
};

export type StafettloggCommand =
  | StartStafettlogg
  | RequestConsent
  | GiveConsent
  | RefuseConsent
  | WithdrawConsent
  | RenewConsent
  | OpenStafettlogg
  | JoinService
  | AddEntry
  | PlanMeasure
  | StartMeasure
  | EvaluateMeasure
  | EndMeasure
  | OfferHandover
  | AcceptHandover
  | DeclineHandover
  | AssignSamordningsansvar
  | ChangeLevel
  | MoveToCurrentRules
  | CloseStafettlogg
  | ReopenStafettlogg
  | GrantGuardianReadAccess
  | RevokeGuardianReadAccess
  | ChooseGuardianSharing;

export type StafettloggCommandType = StafettloggCommand['type'];

/**
 * The facts from other streams that the stafettlogg's rules need, loaded by the context's facts
 * loader: the municipality (its services, staff register, catalogue and current rules), the family
 * (guardians, the subject's birth date and sign-in) and, to start a log, its concern. Each is null when
 * it does not exist or the actor may not know it.
 */
export interface StafettloggFacts {
  readonly municipality: Pick<
    EnrolledMunicipality,
    'municipalityId' | 'services' | 'staff' | 'catalogue' | 'handlingsveileder'
  > | null;
  readonly family: Pick<RegisteredFamily, 'familyId' | 'guardians' | 'subjects'> | null;
  readonly concern: Pick<
    NotedConcern,
    'concernId' | 'familyId' | 'subjectId' | 'municipalityId' | 'serviceId' | 'outcome'
  > | null;
  /** The programme register's initiatives, loaded for a measure that points at one. */
  readonly initiatives?: Readonly<Record<string, { readonly status: InitiativeStatus }>>;
}
