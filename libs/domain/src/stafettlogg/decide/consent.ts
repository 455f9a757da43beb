import type { Given } from '../../shared/decider';
import { ensure } from '../codes';
import type {
  GiveConsent,
  OnBehalf,
  RefuseConsent,
  RenewConsent,
  RequestConsent,
  StafettloggFacts,
  StartStafettlogg,
  WithdrawConsent,
} from '../commands';
import {
  youthConsentsAlone,
  type ConsentForm,
  type ConsentGiver,
  type ConsentRecord,
  type ConsentScope,
} from '../consent';
import type { LogActor, StafettloggEvent } from '../events';
import { dateOf, isIsoDate, isNearToday } from '../../shared/dates';
import { assertTextIfGiven, isBlank } from '../../shared/text';
import {
  assertText,
  currentRules,
  enrolledMunicipality,
  logActor,
  staffActor,
  staffRef,
  subjectBirthDate,
} from '../guards';
import type { KnownStafettlogg, StafettloggState } from '../state';

type Facts = Given<StafettloggFacts>;

/** A scope names registered services including the requester's own, at least one category, a purpose. */
function assertScope(scope: ConsentScope, requestingServiceId: string, given: Facts): void {
  ensure(scope.services.length > 0, 'INVALID_CONSENT_SCOPE', 'Name at least one service');
  ensure(
    scope.categories.length > 0,
    'INVALID_CONSENT_SCOPE',
    'Name at least one information category',
  );
  ensure(
    scope.services.includes(requestingServiceId),
    'INVALID_CONSENT_SCOPE',
    'The requesting service must be named in the consent',
  );
  assertText(scope.purpose, 'INVALID_CONSENT_SCOPE', 'State the purpose of sharing');
  const services = enrolledMunicipality(given.facts).services;
  const unknown = scope.services.find((serviceId) => !services[serviceId]);
  ensure(
    unknown === undefined,
    'UNKNOWN_SERVICE',
    'The consent names a service the municipality has not registered',
    { serviceId: unknown ?? null },
  );
}

const requested = (
  consentId: string,
  scope: ConsentScope,
  given: Facts,
  by: ReturnType<typeof staffActor>,
): StafettloggEvent => ({
  type: 'ConsentRequested',
  data: {
    consentId,
    scope: { services: scope.services, categories: scope.categories },
    requestedBy: staffRef(by),
    requestedAt: given.at,
    personal: { purpose: scope.purpose },
  },
});

/** A log starts from the requesting service's own concern, decided "involve others", with a consent request. */
export function startStafettlogg(
  command: StartStafettlogg,
  state: StafettloggState,
  given: Facts,
): StafettloggEvent[] {
  // The concern first, before anything the log's id tells: another municipality's staff got
  // SERVICE_NOT_REGISTERED for a taken id and CONCERN_NOT_FOUND for a new one (found from outside).
  const concern = given.facts.concern;
  ensure(
    concern && concern.serviceId === given.by.serviceId && concern.concernId === command.concernId,
    'CONCERN_NOT_FOUND',
    'Your service has no such concern',
    { concernId: command.concernId },
  );
  const by = staffActor(given);
  ensure(
    state.status === 'none',
    'STAFETTLOGG_EXISTS',
    'A stafettlogg with this id exists already',
  );
  ensure(
    concern.outcome === 'involve_others',
    'CONCERN_NOT_DECIDED',
    'A log starts from a concern decided as "involve others"',
  );
  assertScope(command.scope, by.serviceId, given);
  return [
    {
      type: 'StafettloggInitiated',
      data: {
        logId: command.logId,
        concernId: concern.concernId,
        familyId: concern.familyId,
        subjectId: concern.subjectId,
        municipalityId: concern.municipalityId,
        initiatedBy: staffRef(by),
      },
    },
    requested(command.consentId, command.scope, given, by),
  ];
}

/** A further consent (new services or categories), asked by a service taking part. */
export function requestConsent(
  command: RequestConsent,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const by = staffActor(given);
  ensure(state.status !== 'closed', 'LOG_CLOSED', 'The stafettlogg is closed; reopen it first');
  ensure(
    state.status === 'awaiting_consent' || state.services[by.serviceId],
    'SERVICE_NOT_PARTICIPATING',
    'The service does not take part in this log',
  );
  ensure(
    !state.consents[command.consentId],
    'CONSENT_EXISTS',
    'A consent with this id exists on this log',
  );
  assertScope(command.scope, by.serviceId, given);
  return [requested(command.consentId, command.scope, given, by)];
}

type ConsentAct = GiveConsent | RefuseConsent | WithdrawConsent | RenewConsent;

interface ConsentAnswer {
  readonly consent: ConsentRecord;
  readonly giver: ConsentGiver;
  readonly actor: LogActor;
  readonly form: ConsentForm;
  /** The consent age the answer was judged by, and the subject's birth date (null: a pregnancy). */
  readonly consentAge: number;
  readonly birthDate: string | null;
}

/**
 * Who answers a consent, from the facts: staff record a signed paper form naming who signed it; a
 * guardian or the young person acts digitally for themselves. Before the consent age a guardian with
 * parental responsibility consents; from it the young person alone. A pregnancy's guardians consent.
 */
function answer(
  command: ConsentAct & OnBehalf,
  state: KnownStafettlogg,
  given: Facts,
  expected: 'requested' | 'given',
): ConsentAnswer {
  const actor = logActor(given, state);
  let giver: ConsentGiver;
  let form: ConsentForm = { kind: 'digital' };
  if (actor.kind === 'staff') {
    const byGuardian = command.givenByGuardianId !== null;
    const reference = command.paperFormReference;
    ensure(
      // A reference of blanks or invisible characters names no form (found from outside).
      reference !== null && !isBlank(reference) && byGuardian !== (command.givenByYouth === true),
      'PAPER_FORM_REQUIRED',
      'Staff record a signed paper form: give paperFormReference and either givenByGuardianId or givenByYouth',
    );
    giver =
      command.givenByGuardianId !== null
        ? { kind: 'guardian', guardianId: command.givenByGuardianId }
        : { kind: 'youth', subjectId: state.subjectId };
    form = { kind: 'paper', reference };
  } else {
    ensure(
      command.givenByGuardianId === null &&
        command.givenByYouth === null &&
        command.paperFormReference === null,
      'ON_BEHALF_NOT_ALLOWED',
      'You act for yourself; givenBy… and paperFormReference are for staff recording a paper form',
    );
    giver =
      actor.kind === 'guardian'
        ? { kind: 'guardian', guardianId: actor.guardianId }
        : { kind: 'youth', subjectId: actor.subjectId };
  }
  const guardian =
    giver.kind === 'guardian' ? given.facts.family?.guardians[giver.guardianId] : undefined;
  ensure(
    giver.kind !== 'guardian' || guardian,
    'GUARDIAN_NOT_FOUND',
    'No such guardian in the family',
  );

  const consent = state.consents[command.consentId];
  ensure(consent, 'CONSENT_NOT_FOUND', 'No such consent on this log');
  if (expected === 'requested') {
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

  const consentAge = (state.status === 'awaiting_consent' ? currentRules(given.facts) : state.rules)
    .consentAge;
  const birthDate = subjectBirthDate(state, given.facts);
  if (youthConsentsAlone(birthDate, consentAge, given.at)) {
    ensure(
      giver.kind === 'youth' && giver.subjectId === state.subjectId,
      'CONSENT_GIVER_NOT_AUTHORISED',
      `From ${consentAge} the young person consents alone`,
      { consentAge },
    );
  } else {
    ensure(
      giver.kind === 'guardian' && guardian?.parentalResponsibility,
      'CONSENT_GIVER_NOT_AUTHORISED',
      'Consent is given by a guardian with parental responsibility',
    );
  }
  return { consent, giver, actor, form, consentAge, birthDate };
}

export function giveConsent(
  command: GiveConsent,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  // Staff record a paper form, the family answers digitally for themselves: `answer` made it so.
  const { giver, actor, form, consentAge, birthDate } = answer(command, state, given, 'requested');
  ensure(
    isIsoDate(command.validFrom) &&
      isIsoDate(command.validUntil) &&
      command.validFrom <= command.validUntil,
    'INVALID_VALIDITY',
    'validFrom must be on or before validUntil',
  );
  ensure(
    command.validUntil >= dateOf(given.at),
    'INVALID_VALIDITY',
    'The consent would be expired already',
  );
  ensure(
    isNearToday(command.validFrom, dateOf(given.at)) &&
      isNearToday(command.validUntil, dateOf(given.at)),
    'INVALID_VALIDITY',
    'A consent is valid from within a year back, and until at most two years ahead: renew it then',
  );
  // A young person's own consent covers no day on which their guardians had the say (found from
  // outside: a paper form dated back to when they were 15 under an age of 16 was taken).
  ensure(
    giver.kind !== 'youth' || youthConsentsAlone(birthDate, consentAge, command.validFrom),
    'INVALID_VALIDITY',
    `The young person consents alone from the day they turn ${consentAge}: the consent starts then at the earliest`,
    { consentAge },
  );
  return [
    {
      type: 'ConsentGiven',
      data: {
        consentId: command.consentId,
        givenBy: giver,
        form,
        validFrom: command.validFrom,
        validUntil: command.validUntil,
        recordedBy: actor,
        at: given.at,
      },
    },
  ];
}

export function refuseConsent(
  command: RefuseConsent,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { giver } = answer(command, state, given, 'requested');
  assertTextIfGiven(command.reason, 'reason');
  return [
    {
      type: 'ConsentRefused',
      data: {
        consentId: command.consentId,
        refusedBy: giver,
        at: given.at,
        personal: { reason: command.reason },
      },
    },
  ];
}

export function withdrawConsent(
  command: WithdrawConsent,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { giver } = answer(command, state, given, 'given');
  return [
    {
      type: 'ConsentWithdrawn',
      data: { consentId: command.consentId, withdrawnBy: giver, at: given.at },
    },
  ];
}

export function renewConsent(
  command: RenewConsent,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { consent, giver } = answer(command, state, given, 'given');
  ensure(
    isIsoDate(command.validUntil) &&
      command.validUntil > (consent.validUntil ?? '') &&
      isNearToday(command.validUntil, dateOf(given.at)),
    'INVALID_VALIDITY',
    'A renewal extends the validity, to at most two years ahead',
  );
  return [
    {
      type: 'ConsentRenewed',
      data: {
        consentId: command.consentId,
        renewedBy: giver,
        validUntil: command.validUntil,
        at: given.at,
      },
    },
  ];
}
