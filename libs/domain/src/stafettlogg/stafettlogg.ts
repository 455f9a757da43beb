import { addDays, dateOf, isIsoDate } from '../shared/dates';
import { ensure, type Decider, type DomainEvent } from '../shared/decider';
import type { BtiLevel, Handlingsveileder } from '../municipality/municipality';
import {
  activeConsents,
  consentCovers,
  type ConsentForm,
  type ConsentGiver,
  type ConsentRecord,
  type ConsentScope,
  type InformationCategory,
} from './consent';

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
export type GoalAttainment = 'reached' | 'partly' | 'not_reached';
export type MeasureDecision = 'continue' | 'adjust' | 'end';

/** The rules a log keeps from the handlingsveileder in force when it was opened. */
export type LogRules = Pick<
  Handlingsveileder,
  'version' | 'levels' | 'measureEvaluationIntervalDays' | 'consentAge' | 'inactivityThresholdDays'
>;

export interface StaffRef {
  readonly staffId: string;
  readonly serviceId: string;
}

/** Who acts on a log; the handler builds it from the signed-in actor and the family's register. */
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

export interface FamilyEvaluation {
  /** 1 (not at all) to 5 (fully): did the services work as one, were they easy to reach, were we heard. */
  readonly coordination: number;
  readonly accessibility: number;
  readonly participation: number;
  readonly comment: string | null;
}

export type StafettloggEvent =
  | DomainEvent<
      'StafettloggInitiated',
      {
        logId: string;
        concernId: string;
        familyId: string;
        subjectId: string;
        municipalityId: string;
        initiatedBy: StaffRef;
      }
    >
  | DomainEvent<
      'ConsentRequested',
      { consentId: string; scope: ConsentScope; requestedBy: StaffRef; requestedAt: string }
    >
  | DomainEvent<
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
    >
  | DomainEvent<
      'ConsentRefused',
      {
        consentId: string;
        refusedBy: ConsentGiver;
        at: string;
        personal: { reason: string | null };
      }
    >
  | DomainEvent<'ConsentWithdrawn', { consentId: string; withdrawnBy: ConsentGiver; at: string }>
  | DomainEvent<
      'ConsentRenewed',
      { consentId: string; renewedBy: ConsentGiver; validUntil: string; at: string }
    >
  | DomainEvent<
      'StafettloggOpened',
      {
        level: BtiLevel;
        stafettholder: StaffRef;
        rules: LogRules;
        openedBy: StaffRef;
        openedAt: string;
      }
    >
  | DomainEvent<
      'ServiceJoined',
      { serviceId: string; hidden: boolean; addedBy: StaffRef; at: string }
    >
  | DomainEvent<
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
    >
  | DomainEvent<
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
    >
  | DomainEvent<'MeasureStarted', { measureId: string; startedOn: string; by: StaffRef }>
  | DomainEvent<
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
    >
  | DomainEvent<
      'MeasureEnded',
      { measureId: string; endedOn: string; by: StaffRef; personal: { reason: string } }
    >
  | DomainEvent<'StafettholderHandoverOffered', { to: StaffRef; offeredBy: StaffRef; at: string }>
  | DomainEvent<
      'StafettholderHandoverAccepted',
      { stafettholder: StaffRef; previous: StaffRef; at: string }
    >
  | DomainEvent<'StafettholderHandoverDeclined', { declinedBy: StaffRef; at: string }>
  | DomainEvent<'SamordningsansvarAssigned', { serviceId: string; decidedBy: StaffRef; at: string }>
  | DomainEvent<
      'LevelChanged',
      {
        from: BtiLevel;
        to: BtiLevel;
        changedBy: StaffRef;
        at: string;
        personal: { reason: string };
      }
    >
  | DomainEvent<'RulesMovedOn', { rules: LogRules; by: StaffRef; at: string }>
  | DomainEvent<
      'StafettloggClosed',
      {
        reason: CloseReason;
        familyEvaluation: FamilyEvaluation | null;
        closedBy: StaffRef;
        at: string;
        personal: { evaluationMissingReason: string | null };
      }
    >
  | DomainEvent<
      'StafettloggReopened',
      { reopenedBy: StaffRef; at: string; personal: { reason: string } }
    >;

interface MeasureState {
  readonly status: 'planned' | 'started' | 'ended';
  readonly responsible: StaffRef;
  readonly startDate: string;
  readonly evaluationDate: string | null;
}

export type StafettloggState =
  | { readonly status: 'none' }
  | {
      readonly status: 'awaiting_consent' | 'open' | 'closed';
      readonly logId: string;
      readonly concernId: string;
      readonly familyId: string;
      readonly subjectId: string;
      readonly municipalityId: string;
      readonly level: BtiLevel | null;
      readonly stafettholder: StaffRef | null;
      readonly pendingHandover: StaffRef | null;
      readonly samordningsansvar: string | null;
      readonly services: Record<string, { hidden: boolean }>;
      readonly consents: Record<string, ConsentRecord>;
      readonly entries: Record<string, { serviceId: string | null }>;
      readonly measures: Record<string, MeasureState>;
      readonly rules: LogRules | null;
    };

export type KnownStafettlogg = Exclude<StafettloggState, { status: 'none' }>;

/** Who may give, refuse, withdraw or renew consent for this subject, from facts the handler looked up. */
export interface ConsentCompetence {
  /** The subject's age on the day of the act; null for a pregnancy. */
  readonly subjectAge: number | null;
  readonly consentAge: number;
}

type WithStaff = { by: StaffRef & { coordinator: boolean }; at: string };

export type StafettloggCommand =
  | ({
      type: 'RequestConsent';
      consentId: string;
      scope: ConsentScope;
      log?: {
        logId: string;
        concernId: string;
        familyId: string;
        subjectId: string;
        municipalityId: string;
        concernOutcome: string | null;
        concernServiceId: string;
      };
    } & WithStaff)
  | {
      type: 'GiveConsent';
      consentId: string;
      giver: ConsentGiver;
      actor: LogActor;
      competence: ConsentCompetence;
      giverHasParentalResponsibility: boolean;
      form: ConsentForm;
      validFrom: string;
      validUntil: string;
      at: string;
    }
  | {
      type: 'RefuseConsent';
      consentId: string;
      giver: ConsentGiver;
      competence: ConsentCompetence;
      giverHasParentalResponsibility: boolean;
      reason: string | null;
      at: string;
    }
  | {
      type: 'WithdrawConsent';
      consentId: string;
      giver: ConsentGiver;
      competence: ConsentCompetence;
      giverHasParentalResponsibility: boolean;
      at: string;
    }
  | {
      type: 'RenewConsent';
      consentId: string;
      giver: ConsentGiver;
      competence: ConsentCompetence;
      giverHasParentalResponsibility: boolean;
      validUntil: string;
      at: string;
    }
  | ({ type: 'OpenStafettlogg'; level: BtiLevel; rules: LogRules } & WithStaff)
  | ({ type: 'JoinService'; serviceId: string; hidden: boolean } & WithStaff)
  | {
      type: 'AddEntry';
      entryId: string;
      kind: EntryKind;
      category: InformationCategory;
      sharedWithGuardians: boolean;
      text: string;
      correctsEntryId: string | null;
      actor: LogActor;
      at: string;
    }
  | ({
      type: 'PlanMeasure';
      measureId: string;
      goal: string;
      responsible: StaffRef;
      startDate: string;
      evaluationDate: string | null;
      initiativeId: string | null;
      catalogueEntryId: string | null;
    } & WithStaff)
  | ({ type: 'StartMeasure'; measureId: string; startedOn: string } & WithStaff)
  | ({
      type: 'EvaluateMeasure';
      measureId: string;
      goalAttainment: GoalAttainment;
      familyView: string;
      decision: MeasureDecision;
      nextEvaluationDate: string | null;
    } & WithStaff)
  | ({ type: 'EndMeasure'; measureId: string; reason: string } & WithStaff)
  | ({ type: 'OfferHandover'; to: StaffRef } & WithStaff)
  | ({ type: 'AcceptHandover' } & WithStaff)
  | ({ type: 'DeclineHandover' } & WithStaff)
  | ({ type: 'AssignSamordningsansvar'; serviceId: string } & WithStaff)
  | ({ type: 'ChangeLevel'; to: BtiLevel; reason: string } & WithStaff)
  | ({ type: 'MoveToCurrentRules'; rules: LogRules } & WithStaff)
  | ({
      type: 'CloseStafettlogg';
      reason: CloseReason;
      familyEvaluation: FamilyEvaluation | null;
      evaluationMissingReason: string | null;
    } & WithStaff)
  | ({ type: 'ReopenStafettlogg'; reason: string } & WithStaff);

const staffRef = (by: StaffRef): StaffRef => ({ staffId: by.staffId, serviceId: by.serviceId });
const sameStaff = (a: StaffRef | null, b: StaffRef) =>
  a !== null && a.staffId === b.staffId && a.serviceId === b.serviceId;

function assertKnown(state: StafettloggState): asserts state is KnownStafettlogg {
  ensure(state.status !== 'none', 'STAFETTLOGG_NOT_FOUND', 'No such stafettlogg');
}

function assertOpen(state: KnownStafettlogg): void {
  ensure(state.status !== 'closed', 'LOG_CLOSED', 'The stafettlogg is closed; reopen it first');
  ensure(
    state.status === 'open',
    'CONSENT_REQUIRED',
    'The stafettlogg opens once consent is given',
  );
}

/** A service acts in a log only while it takes part and an active consent names it. */
function assertServiceMayAct(
  state: KnownStafettlogg,
  serviceId: string,
  at: string,
  category?: InformationCategory,
): void {
  ensure(
    activeConsents(state.consents, at).length > 0,
    'CONSENT_REQUIRED',
    'There is no active consent for this log',
  );
  ensure(
    consentCovers(state.consents, at, serviceId, category),
    'OUTSIDE_CONSENT_SCOPE',
    category
      ? 'The active consent does not cover this service and information category'
      : 'The active consent does not cover this service',
    { serviceId, category: category ?? null },
  );
  ensure(
    state.services[serviceId],
    'SERVICE_NOT_PARTICIPATING',
    'The service does not take part in this log',
    { serviceId },
  );
}

/** The holder — or a coordinator — keeps the baton moving; a pending new holder must accept first. */
function assertHolderOrCoordinator(
  state: KnownStafettlogg,
  by: StaffRef & { coordinator: boolean },
): void {
  if (by.coordinator || sameStaff(state.stafettholder, by)) return;
  ensure(
    !sameStaff(state.pendingHandover, by),
    'HANDOVER_NOT_ACCEPTED',
    'Accept the baton before acting as stafettholder',
  );
  ensure(false, 'NOT_STAFETTHOLDER', 'Only the stafettholder or a coordinator may do this');
}

/**
 * From the consent age the young person consents alone; before it, a guardian with parental
 * responsibility does. A pregnancy (no age yet) is consented to by the guardians.
 */
function assertMayConsent(
  giver: ConsentGiver,
  competence: ConsentCompetence,
  parentalResponsibility: boolean,
  subjectId: string,
): void {
  const youthDecides =
    competence.subjectAge !== null && competence.subjectAge >= competence.consentAge;
  if (youthDecides) {
    ensure(
      giver.kind === 'youth' && giver.subjectId === subjectId,
      'CONSENT_GIVER_NOT_AUTHORISED',
      `From ${competence.consentAge} the young person consents alone`,
      { consentAge: competence.consentAge },
    );
    return;
  }
  ensure(
    giver.kind === 'guardian' && parentalResponsibility,
    'CONSENT_GIVER_NOT_AUTHORISED',
    'Consent is given by a guardian with parental responsibility',
  );
}

type ConsentAct = Extract<
  StafettloggCommand,
  { type: 'GiveConsent' | 'RefuseConsent' | 'WithdrawConsent' | 'RenewConsent' }
>;

/** A consent act names a consent in the expected status and comes from someone who may consent. */
function consentToAnswer(
  state: KnownStafettlogg,
  command: ConsentAct,
  status: 'requested' | 'given',
): ConsentRecord {
  const consent = consentOf(state, command.consentId);
  if (status === 'requested') {
    ensure(
      consent.status === 'requested',
      'CONSENT_NOT_PENDING',
      'This consent is not waiting for an answer',
    );
  } else {
    ensure(
      consent.status === 'given',
      'CONSENT_NOT_GIVEN',
      'Only a given, not withdrawn consent can be withdrawn or renewed',
    );
  }
  assertMayConsent(
    command.giver,
    command.competence,
    command.giverHasParentalResponsibility,
    state.subjectId,
  );
  return consent;
}

function consentOf(state: KnownStafettlogg, consentId: string): ConsentRecord {
  const consent = state.consents[consentId];
  ensure(consent, 'CONSENT_NOT_FOUND', 'No such consent on this log');
  return consent;
}

function measureOf(state: KnownStafettlogg, measureId: string): MeasureState {
  const measure = state.measures[measureId];
  ensure(measure, 'MEASURE_NOT_FOUND', 'No such measure on this log');
  return measure;
}

function assertText(value: string, code: string, message: string): void {
  ensure(value.trim().length > 0, code, message);
}

export const stafettloggDecider: Decider<StafettloggCommand, StafettloggState, StafettloggEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state): StafettloggEvent[] {
    if (command.type === 'RequestConsent') {
      const events: StafettloggEvent[] = [];
      if (state.status === 'none') {
        const log = command.log;
        ensure(log, 'STAFETTLOGG_NOT_FOUND', 'No such stafettlogg');
        ensure(
          log.concernOutcome === 'involve_others',
          'CONCERN_NOT_DECIDED',
          'A log starts from a concern decided as "involve others"',
        );
        ensure(
          log.concernServiceId === command.by.serviceId,
          'CONCERN_NOT_FOUND',
          'No such concern',
        );
        const { logId, concernId, familyId, subjectId, municipalityId } = log;
        events.push({
          type: 'StafettloggInitiated',
          data: {
            logId,
            concernId,
            familyId,
            subjectId,
            municipalityId,
            initiatedBy: staffRef(command.by),
          },
        });
      } else {
        ensure(
          state.status !== 'closed',
          'LOG_CLOSED',
          'The stafettlogg is closed; reopen it first',
        );
        ensure(
          state.services[command.by.serviceId] || state.status === 'awaiting_consent',
          'SERVICE_NOT_PARTICIPATING',
          'The service does not take part in this log',
        );
        ensure(
          !state.consents[command.consentId],
          'CONSENT_EXISTS',
          'A consent with this id exists on this log',
        );
      }
      ensure(
        command.scope.services.length > 0,
        'INVALID_CONSENT_SCOPE',
        'Name at least one service',
      );
      ensure(
        command.scope.categories.length > 0,
        'INVALID_CONSENT_SCOPE',
        'Name at least one information category',
      );
      ensure(
        command.scope.services.includes(command.by.serviceId),
        'INVALID_CONSENT_SCOPE',
        'The requesting service must be named in the consent',
      );
      assertText(command.scope.purpose, 'INVALID_CONSENT_SCOPE', 'State the purpose of sharing');
      events.push({
        type: 'ConsentRequested',
        data: {
          consentId: command.consentId,
          scope: command.scope,
          requestedBy: staffRef(command.by),
          requestedAt: command.at,
        },
      });
      return events;
    }
    assertKnown(state);

    switch (command.type) {
      case 'GiveConsent': {
        consentToAnswer(state, command, 'requested');
        ensure(
          command.actor.kind === 'staff'
            ? command.form.kind === 'paper'
            : command.form.kind === 'digital',
          'INVALID_CONSENT_FORM',
          'Staff record paper forms; a guardian or young person gives consent digitally',
        );
        ensure(
          command.actor.kind === 'staff' || command.actor.kind === command.giver.kind,
          'CONSENT_GIVER_NOT_AUTHORISED',
          'Consent is given by the person it names',
        );
        ensure(
          isIsoDate(command.validFrom) &&
            isIsoDate(command.validUntil) &&
            command.validFrom <= command.validUntil,
          'INVALID_VALIDITY',
          'validFrom must be on or before validUntil',
        );
        ensure(
          command.validUntil >= dateOf(command.at),
          'INVALID_VALIDITY',
          'The consent would be expired already',
        );
        return [
          {
            type: 'ConsentGiven',
            data: {
              consentId: command.consentId,
              givenBy: command.giver,
              form: command.form,
              validFrom: command.validFrom,
              validUntil: command.validUntil,
              recordedBy: command.actor,
              at: command.at,
            },
          },
        ];
      }
      case 'RefuseConsent': {
        consentToAnswer(state, command, 'requested');
        return [
          {
            type: 'ConsentRefused',
            data: {
              consentId: command.consentId,
              refusedBy: command.giver,
              at: command.at,
              personal: { reason: command.reason },
            },
          },
        ];
      }
      case 'WithdrawConsent': {
        consentToAnswer(state, command, 'given');
        return [
          {
            type: 'ConsentWithdrawn',
            data: { consentId: command.consentId, withdrawnBy: command.giver, at: command.at },
          },
        ];
      }
      case 'RenewConsent': {
        const consent = consentToAnswer(state, command, 'given');
        ensure(
          isIsoDate(command.validUntil) && command.validUntil > (consent.validUntil ?? ''),
          'INVALID_VALIDITY',
          'A renewal extends the validity',
        );
        return [
          {
            type: 'ConsentRenewed',
            data: {
              consentId: command.consentId,
              renewedBy: command.giver,
              validUntil: command.validUntil,
              at: command.at,
            },
          },
        ];
      }
      case 'OpenStafettlogg': {
        ensure(state.status !== 'open', 'LOG_ALREADY_OPEN', 'The stafettlogg is open already');
        ensure(
          state.status === 'awaiting_consent',
          'LOG_CLOSED',
          'A closed log is reopened, not opened',
        );
        ensure(
          activeConsents(state.consents, command.at).length > 0,
          'CONSENT_REQUIRED',
          'No stafettlogg without an active consent',
        );
        ensure(
          consentCovers(state.consents, command.at, command.by.serviceId),
          'OUTSIDE_CONSENT_SCOPE',
          'The active consent does not cover your service',
        );
        ensure(
          command.level >= 1 && command.rules.levels.some((l) => l.level === command.level),
          'INVALID_LEVEL',
          'A stafettlogg runs at one of the municipality’s levels from 1',
        );
        const holder = staffRef(command.by);
        return [
          {
            type: 'StafettloggOpened',
            data: {
              level: command.level,
              stafettholder: holder,
              rules: command.rules,
              openedBy: holder,
              openedAt: command.at,
            },
          },
          {
            type: 'ServiceJoined',
            data: {
              serviceId: command.by.serviceId,
              hidden: false,
              addedBy: holder,
              at: command.at,
            },
          },
        ];
      }
      case 'AddEntry': {
        assertOpen(state);
        assertText(command.text, 'TEXT_REQUIRED', 'An entry needs text');
        const actor = command.actor;
        let serviceId: string | null = null;
        if (actor.kind === 'staff') {
          assertServiceMayAct(state, actor.serviceId, command.at, command.category);
          ensure(
            command.kind !== 'guardians_voice',
            'INVALID_ENTRY_KIND',
            'The guardians write their own voice',
          );
          serviceId = actor.serviceId;
        } else {
          ensure(
            activeConsents(state.consents, command.at).length > 0,
            'CONSENT_REQUIRED',
            'There is no active consent for this log',
          );
          const own = actor.kind === 'guardian' ? 'guardians_voice' : 'childs_voice';
          ensure(command.kind === own, 'INVALID_ENTRY_KIND', `You add entries of kind ${own}`);
          ensure(
            command.sharedWithGuardians,
            'INVALID_ENTRY_KIND',
            'The family’s own entries are shared with the family',
          );
        }
        if (command.correctsEntryId !== null) {
          const original = state.entries[command.correctsEntryId];
          ensure(original, 'ENTRY_NOT_FOUND', 'The entry to correct is not in this log');
          ensure(
            original.serviceId === serviceId,
            'CORRECTION_BY_OTHER_SERVICE',
            'An entry is corrected by the service that wrote it',
          );
        }
        ensure(
          !state.entries[command.entryId],
          'ENTRY_EXISTS',
          'An entry with this id exists already',
        );
        return [
          {
            type: 'EntryAdded',
            data: {
              entryId: command.entryId,
              kind: command.kind,
              author: actor,
              serviceId,
              category: command.category,
              sharedWithGuardians: command.sharedWithGuardians,
              correctsEntryId: command.correctsEntryId,
              at: command.at,
              personal: { text: command.text },
            },
          },
        ];
      }
      case 'ReopenStafettlogg':
        ensure(state.status === 'closed', 'LOG_NOT_CLOSED', 'Only a closed log can be reopened');
        ensure(
          command.by.coordinator || sameStaff(state.stafettholder, command.by),
          'NOT_STAFETTHOLDER',
          'Only the last stafettholder or a coordinator may reopen the log',
        );
        ensure(
          consentCovers(state.consents, command.at, command.by.serviceId),
          'CONSENT_REQUIRED',
          'A log reopens only under an active consent that covers your service',
        );
        assertText(command.reason, 'REASON_REQUIRED', 'Say why the log reopens');
        return [
          {
            type: 'StafettloggReopened',
            data: {
              reopenedBy: staffRef(command.by),
              at: command.at,
              personal: { reason: command.reason },
            },
          },
        ];
    }

    // Everything below is done by staff inside an open log.
    assertOpen(state);
    const by = command.by;
    const actor = staffRef(by);
    switch (command.type) {
      case 'JoinService':
        assertServiceMayAct(state, by.serviceId, command.at);
        ensure(
          !state.services[command.serviceId],
          'SERVICE_ALREADY_PARTICIPATING',
          'The service takes part already',
        );
        ensure(
          consentCovers(state.consents, command.at, command.serviceId),
          'OUTSIDE_CONSENT_SCOPE',
          'The active consent does not name this service',
          { serviceId: command.serviceId },
        );
        return [
          {
            type: 'ServiceJoined',
            data: {
              serviceId: command.serviceId,
              hidden: command.hidden,
              addedBy: actor,
              at: command.at,
            },
          },
        ];
      case 'PlanMeasure': {
        assertServiceMayAct(state, by.serviceId, command.at);
        assertServiceMayAct(state, command.responsible.serviceId, command.at);
        ensure(
          !state.measures[command.measureId],
          'MEASURE_EXISTS',
          'A measure with this id exists already',
        );
        assertText(command.goal, 'GOAL_REQUIRED', 'A measure needs a goal');
        ensure(isIsoDate(command.startDate), 'INVALID_DATE', 'startDate must be a date');
        const rules = state.rules;
        const evaluationDate =
          command.evaluationDate ??
          addDays(command.startDate, rules?.measureEvaluationIntervalDays ?? 42);
        ensure(
          isIsoDate(evaluationDate) && evaluationDate > command.startDate,
          'INVALID_EVALUATION_DATE',
          'Every measure is evaluated after it starts',
        );
        return [
          {
            type: 'MeasurePlanned',
            data: {
              measureId: command.measureId,
              responsible: staffRef(command.responsible),
              startDate: command.startDate,
              evaluationDate,
              initiativeId: command.initiativeId,
              catalogueEntryId: command.catalogueEntryId,
              plannedBy: actor,
              at: command.at,
              personal: { goal: command.goal },
            },
          },
        ];
      }
      case 'StartMeasure': {
        const measure = measureOf(state, command.measureId);
        assertServiceMayAct(state, by.serviceId, command.at);
        ensure(
          measure.status === 'planned',
          'MEASURE_NOT_PLANNED',
          'Only a planned measure can start',
        );
        ensure(
          isIsoDate(command.startedOn) && command.startedOn <= dateOf(command.at),
          'INVALID_DATE',
          'A measure is recorded as started on or after the day it started',
        );
        return [
          {
            type: 'MeasureStarted',
            data: { measureId: command.measureId, startedOn: command.startedOn, by: actor },
          },
        ];
      }
      case 'EvaluateMeasure': {
        const measure = measureOf(state, command.measureId);
        assertServiceMayAct(state, by.serviceId, command.at);
        ensure(
          measure.status === 'started',
          'MEASURE_NOT_STARTED',
          'A measure is evaluated once it has started',
        );
        const today = dateOf(command.at);
        const nextEvaluationDate =
          command.decision === 'end'
            ? null
            : (command.nextEvaluationDate ??
              addDays(today, state.rules?.measureEvaluationIntervalDays ?? 42));
        ensure(
          nextEvaluationDate === null ||
            (isIsoDate(nextEvaluationDate) && nextEvaluationDate > today),
          'INVALID_EVALUATION_DATE',
          'The next evaluation is after today',
        );
        const evaluated: StafettloggEvent = {
          type: 'MeasureEvaluated',
          data: {
            measureId: command.measureId,
            goalAttainment: command.goalAttainment,
            decision: command.decision,
            nextEvaluationDate,
            evaluatedOn: today,
            onTime: measure.evaluationDate === null || today <= measure.evaluationDate,
            by: actor,
            personal: { familyView: command.familyView },
          },
        };
        if (command.decision !== 'end') return [evaluated];
        return [
          evaluated,
          {
            type: 'MeasureEnded',
            data: {
              measureId: command.measureId,
              endedOn: today,
              by: actor,
              personal: { reason: 'Ended at evaluation' },
            },
          },
        ];
      }
      case 'EndMeasure': {
        const measure = measureOf(state, command.measureId);
        assertServiceMayAct(state, by.serviceId, command.at);
        ensure(measure.status !== 'ended', 'MEASURE_ENDED', 'The measure has ended already');
        assertText(command.reason, 'REASON_REQUIRED', 'Say why the measure ends');
        return [
          {
            type: 'MeasureEnded',
            data: {
              measureId: command.measureId,
              endedOn: dateOf(command.at),
              by: actor,
              personal: { reason: command.reason },
            },
          },
        ];
      }
      case 'OfferHandover':
        assertHolderOrCoordinator(state, by);
        assertServiceMayAct(state, by.serviceId, command.at);
        ensure(
          state.pendingHandover === null,
          'HANDOVER_PENDING',
          'A handover is waiting for an answer already',
        );
        ensure(
          !sameStaff(state.stafettholder, command.to),
          'ALREADY_STAFETTHOLDER',
          'This person holds the baton already',
        );
        ensure(
          state.services[command.to.serviceId],
          'HOLDER_NOT_PARTICIPATING',
          'The stafettholder must belong to a participating service',
        );
        // Everyone in the log sees the stafettholder, so a hidden participant cannot hold the baton.
        ensure(
          !state.services[command.to.serviceId].hidden,
          'HIDDEN_SERVICE_CANNOT_HOLD',
          'A service taking part hidden cannot hold the baton',
        );
        ensure(
          consentCovers(state.consents, command.at, command.to.serviceId),
          'OUTSIDE_CONSENT_SCOPE',
          'The active consent does not cover the new holder’s service',
        );
        return [
          {
            type: 'StafettholderHandoverOffered',
            data: { to: staffRef(command.to), offeredBy: actor, at: command.at },
          },
        ];
      case 'AcceptHandover':
        ensure(
          sameStaff(state.pendingHandover, by),
          'HANDOVER_NOT_OFFERED',
          'No handover has been offered to you',
        );
        assertServiceMayAct(state, by.serviceId, command.at);
        return [
          {
            type: 'StafettholderHandoverAccepted',
            data: { stafettholder: actor, previous: state.stafettholder ?? actor, at: command.at },
          },
        ];
      case 'DeclineHandover':
        ensure(
          sameStaff(state.pendingHandover, by),
          'HANDOVER_NOT_OFFERED',
          'No handover has been offered to you',
        );
        return [
          { type: 'StafettholderHandoverDeclined', data: { declinedBy: actor, at: command.at } },
        ];
      case 'AssignSamordningsansvar':
        assertHolderOrCoordinator(state, by);
        assertServiceMayAct(state, by.serviceId, command.at);
        ensure(
          state.services[command.serviceId],
          'SERVICE_NOT_PARTICIPATING',
          'The coordinating service must take part in the log',
          { serviceId: command.serviceId },
        );
        ensure(
          !state.services[command.serviceId].hidden,
          'HIDDEN_SERVICE_CANNOT_HOLD',
          'A service taking part hidden cannot have samordningsansvar',
        );
        ensure(
          state.samordningsansvar !== command.serviceId,
          'NO_CHANGE',
          'This service has samordningsansvar already',
        );
        return [
          {
            type: 'SamordningsansvarAssigned',
            data: { serviceId: command.serviceId, decidedBy: actor, at: command.at },
          },
        ];
      case 'ChangeLevel':
        assertHolderOrCoordinator(state, by);
        assertServiceMayAct(state, by.serviceId, command.at);
        assertText(command.reason, 'REASON_REQUIRED', 'Say why the level changes');
        ensure(
          command.to >= 1 && (state.rules?.levels ?? []).some((l) => l.level === command.to),
          'INVALID_LEVEL',
          'Choose one of the municipality’s levels from 1',
        );
        ensure(command.to !== state.level, 'NO_CHANGE', 'The log is at this level already');
        return [
          {
            type: 'LevelChanged',
            data: {
              from: state.level ?? 1,
              to: command.to,
              changedBy: actor,
              at: command.at,
              personal: { reason: command.reason },
            },
          },
        ];
      case 'MoveToCurrentRules':
        assertHolderOrCoordinator(state, by);
        assertServiceMayAct(state, by.serviceId, command.at);
        ensure(
          command.rules.version !== state.rules?.version,
          'NO_CHANGE',
          'The log follows these rules already',
        );
        ensure(
          state.level === null || command.rules.levels.some((l) => l.level === state.level),
          'INVALID_LEVEL',
          'The new rules do not have the log’s level; change the level first',
        );
        return [
          { type: 'RulesMovedOn', data: { rules: command.rules, by: actor, at: command.at } },
        ];
      case 'CloseStafettlogg': {
        // Closing needs no active consent: a withdrawn consent is a reason to close.
        assertHolderOrCoordinator(state, by);
        const evaluation = command.familyEvaluation;
        if (evaluation) {
          for (const score of [
            evaluation.coordination,
            evaluation.accessibility,
            evaluation.participation,
          ]) {
            ensure(
              Number.isInteger(score) && score >= 1 && score <= 5,
              'INVALID_EVALUATION',
              'Scores run from 1 to 5',
            );
          }
        } else {
          ensure(
            command.evaluationMissingReason?.trim(),
            'FAMILY_EVALUATION_REQUIRED',
            'Record the family’s closing evaluation, or why there is none',
          );
        }
        return [
          {
            type: 'StafettloggClosed',
            data: {
              reason: command.reason,
              familyEvaluation: evaluation,
              closedBy: actor,
              at: command.at,
              personal: {
                evaluationMissingReason: evaluation ? null : command.evaluationMissingReason,
              },
            },
          },
        ];
      }
    }
    return [];
  },

  evolve(state, event): StafettloggState {
    if (event.type === 'StafettloggInitiated') {
      return {
        status: 'awaiting_consent',
        ...event.data,
        level: null,
        stafettholder: null,
        pendingHandover: null,
        samordningsansvar: null,
        services: {},
        consents: {},
        entries: {},
        measures: {},
        rules: null,
      };
    }
    if (state.status === 'none') return state;
    const consent = (id: string, change: Partial<ConsentRecord>) => ({
      ...state.consents,
      [id]: { ...state.consents[id], ...change },
    });
    const measure = (id: string, change: Partial<MeasureState>) => ({
      ...state.measures,
      [id]: { ...state.measures[id], ...change },
    });
    switch (event.type) {
      case 'ConsentRequested':
        return {
          ...state,
          consents: {
            ...state.consents,
            [event.data.consentId]: {
              consentId: event.data.consentId,
              status: 'requested',
              scope: event.data.scope,
              givenBy: null,
              validFrom: null,
              validUntil: null,
            },
          },
        };
      case 'ConsentGiven':
        return {
          ...state,
          consents: consent(event.data.consentId, {
            status: 'given',
            givenBy: event.data.givenBy,
            validFrom: event.data.validFrom,
            validUntil: event.data.validUntil,
          }),
        };
      case 'ConsentRefused':
        return {
          ...state,
          consents: consent(event.data.consentId, {
            status: 'refused',
            givenBy: event.data.refusedBy,
          }),
        };
      case 'ConsentWithdrawn':
        return { ...state, consents: consent(event.data.consentId, { status: 'withdrawn' }) };
      case 'ConsentRenewed':
        return {
          ...state,
          consents: consent(event.data.consentId, { validUntil: event.data.validUntil }),
        };
      case 'StafettloggOpened':
        return {
          ...state,
          status: 'open',
          level: event.data.level,
          stafettholder: event.data.stafettholder,
          rules: event.data.rules,
        };
      case 'ServiceJoined':
        return {
          ...state,
          services: { ...state.services, [event.data.serviceId]: { hidden: event.data.hidden } },
        };
      case 'EntryAdded':
        return {
          ...state,
          entries: { ...state.entries, [event.data.entryId]: { serviceId: event.data.serviceId } },
        };
      case 'MeasurePlanned':
        return {
          ...state,
          measures: {
            ...state.measures,
            [event.data.measureId]: {
              status: 'planned',
              responsible: event.data.responsible,
              startDate: event.data.startDate,
              evaluationDate: event.data.evaluationDate,
            },
          },
        };
      case 'MeasureStarted':
        return { ...state, measures: measure(event.data.measureId, { status: 'started' }) };
      case 'MeasureEvaluated':
        return {
          ...state,
          measures: measure(event.data.measureId, {
            evaluationDate: event.data.nextEvaluationDate,
          }),
        };
      case 'MeasureEnded':
        return {
          ...state,
          measures: measure(event.data.measureId, { status: 'ended', evaluationDate: null }),
        };
      case 'StafettholderHandoverOffered':
        return { ...state, pendingHandover: event.data.to };
      case 'StafettholderHandoverAccepted':
        return { ...state, stafettholder: event.data.stafettholder, pendingHandover: null };
      case 'StafettholderHandoverDeclined':
        return { ...state, pendingHandover: null };
      case 'SamordningsansvarAssigned':
        return { ...state, samordningsansvar: event.data.serviceId };
      case 'LevelChanged':
        return { ...state, level: event.data.to };
      case 'RulesMovedOn':
        return { ...state, rules: event.data.rules };
      case 'StafettloggClosed':
        return { ...state, status: 'closed', pendingHandover: null };
      case 'StafettloggReopened':
        return { ...state, status: 'open' };
    }
  },
};

export const stafettloggStream = (logId: string) => `stafettlogg-${logId}`;
