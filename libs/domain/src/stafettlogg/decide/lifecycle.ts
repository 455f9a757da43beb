import { assertTextIfGiven, isBlank } from '../../shared/text';
import type { Given } from '../../shared/decider';
import { ensure } from '../codes';
import type {
  ChangeLevel,
  CloseStafettlogg,
  JoinService,
  MoveToCurrentRules,
  OpenStafettlogg,
  ReopenStafettlogg,
  StafettloggFacts,
} from '../commands';
import { activeConsents, consentCovers, youthConsentsAlone } from '../consent';
import type { StafettloggEvent } from '../events';
import {
  actingStaff,
  assertHolderOrCoordinator,
  assertOpen,
  assertText,
  currentRules,
  enrolledMunicipality,
  sameStaff,
  staffActor,
  staffRef,
  steeringStaff,
  subjectBirthDate,
} from '../guards';
import type { KnownStafettlogg } from '../state';

type Facts = Given<StafettloggFacts>;

/** Opens under an active consent covering the opener, who becomes stafettholder and takes part. */
export function openStafettlogg(
  command: OpenStafettlogg,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const by = staffActor(given);
  ensure(state.status !== 'open', 'LOG_ALREADY_OPEN', 'The stafettlogg is open already');
  ensure(state.status === 'awaiting_consent', 'LOG_CLOSED', 'A closed log is reopened, not opened');
  const consents = Object.values(state.consents);
  ensure(
    activeConsents(consents, given.at).length > 0,
    'CONSENT_REQUIRED',
    'No stafettlogg without an active consent',
  );
  ensure(
    consentCovers(consents, given.at, by.serviceId),
    'OUTSIDE_CONSENT_SCOPE',
    'The active consent does not cover your service',
  );
  const rules = currentRules(given.facts);
  ensure(
    command.level >= 1 && rules.levels.some((l) => l.level === command.level),
    'INVALID_LEVEL',
    'A stafettlogg runs at one of the municipality’s levels from 1',
  );
  assertConsentGivenByWhoConsents(state, given, rules.consentAge);
  const holder = staffRef(by);
  return [
    {
      type: 'StafettloggOpened',
      data: {
        level: command.level,
        stafettholder: holder,
        rules,
        openedBy: holder,
        openedAt: given.at,
      },
    },
    {
      type: 'ServiceJoined',
      data: { serviceId: by.serviceId, hidden: false, addedBy: holder, at: given.at },
    },
  ];
}

/**
 * The log's consent age is fixed when it opens, by the municipality's handlingsveileder then. A later
 * age does not take back the say a young person had when they consented (found from outside: a
 * 15-year-old's own consent, the age moved to 16 before the log opened, was then the guardians' to
 * withdraw, and what the young person kept from them was shown). An earlier age gives their say
 * sooner, and a guardian's consent holds as it does when the child reaches the age on an open log.
 */
function assertConsentGivenByWhoConsents(
  state: KnownStafettlogg,
  given: Facts,
  consentAge: number,
): void {
  const birthDate = subjectBirthDate(state, given.facts);
  for (const consent of activeConsents(Object.values(state.consents), given.at))
    ensure(
      consent.givenBy?.kind !== 'youth' ||
        youthConsentsAlone(birthDate, consentAge, consent.answeredAt ?? given.at),
      'CONSENT_GIVER_NOT_AUTHORISED',
      `The consent was given by the young person, and before ${consentAge} the guardians consent: ask them`,
      { consentAge },
    );
}

/** A service joins inside the consent, added by a service taking part; hidden if it must be. */
export function joinService(
  command: JoinService,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { by, log } = actingStaff(state, given);
  ensure(
    enrolledMunicipality(given.facts).services[command.serviceId],
    'UNKNOWN_SERVICE',
    'No such service in the municipality',
    { serviceId: command.serviceId },
  );
  ensure(
    !log.services[command.serviceId],
    'SERVICE_ALREADY_PARTICIPATING',
    'The service takes part already',
  );
  ensure(
    consentCovers(Object.values(log.consents), given.at, command.serviceId),
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
        addedBy: staffRef(by),
        at: given.at,
      },
    },
  ];
}

export function changeLevel(
  command: ChangeLevel,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { by, log } = steeringStaff(state, given);
  assertText(command.reason, 'REASON_REQUIRED', 'Say why the level changes');
  ensure(
    command.level >= 1 && log.rules.levels.some((l) => l.level === command.level),
    'INVALID_LEVEL',
    'Choose one of the municipality’s levels from 1',
  );
  ensure(command.level !== log.level, 'NO_CHANGE', 'The log is at this level already');
  return [
    {
      type: 'LevelChanged',
      data: {
        from: log.level,
        to: command.level,
        changedBy: staffRef(by),
        at: given.at,
        personal: { reason: command.reason },
      },
    },
  ];
}

/** A log keeps the rules in force at opening until the holder moves it on to the current ones. */
export function moveToCurrentRules(
  _command: MoveToCurrentRules,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { by, log } = steeringStaff(state, given);
  const rules = currentRules(given.facts);
  ensure(rules.version !== log.rules.version, 'NO_CHANGE', 'The log follows these rules already');
  ensure(
    rules.levels.some((l) => l.level === log.level),
    'INVALID_LEVEL',
    'The new rules do not have the log’s level; change the level first',
  );
  // The young person's say is not taken back by a later consent age: they keep the log's rules.
  const birthDate = subjectBirthDate(state, given.facts);
  ensure(
    !youthConsentsAlone(birthDate, log.rules.consentAge, given.at) ||
      youthConsentsAlone(birthDate, rules.consentAge, given.at),
    'CONSENT_GIVER_NOT_AUTHORISED',
    `The young person consents alone under the log’s rules (from ${log.rules.consentAge}); the new rules (from ${rules.consentAge}) would give that back to the guardians`,
    { consentAge: log.rules.consentAge },
  );
  return [{ type: 'RulesMovedOn', data: { rules, by: staffRef(by), at: given.at } }];
}

/** Closing needs no active consent: a withdrawn consent is a reason to close. */
export function closeStafettlogg(
  command: CloseStafettlogg,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const by = staffActor(given);
  assertOpen(state);
  assertHolderOrCoordinator(state, by);
  const evaluation = command.familyEvaluation;
  if (evaluation) {
    // Both was taken and the reason silently dropped (found from outside): say which one it is.
    ensure(
      command.evaluationMissingReason === null,
      'INVALID_EVALUATION',
      'Give the family’s closing evaluation, or why there is none — not both',
    );
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
    assertTextIfGiven(evaluation.comment, 'comment');
  } else {
    ensure(
      !isBlank(command.evaluationMissingReason),
      'FAMILY_EVALUATION_REQUIRED',
      'Record the family’s closing evaluation, or why there is none',
    );
  }
  return [
    {
      type: 'StafettloggClosed',
      data: {
        reason: command.reason,
        familyEvaluation: evaluation && {
          coordination: evaluation.coordination,
          accessibility: evaluation.accessibility,
          participation: evaluation.participation,
        },
        closedBy: staffRef(by),
        at: given.at,
        personal: {
          evaluationMissingReason: evaluation ? null : command.evaluationMissingReason,
          familyComment: evaluation?.comment ?? null,
        },
      },
    },
  ];
}

export function reopenStafettlogg(
  command: ReopenStafettlogg,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const by = staffActor(given);
  ensure(state.status === 'closed', 'LOG_NOT_CLOSED', 'Only a closed log can be reopened');
  ensure(
    by.coordinator || sameStaff(state.stafettholder, by),
    'NOT_STAFETTHOLDER',
    'Only the last stafettholder or a coordinator may reopen the log',
  );
  ensure(
    consentCovers(Object.values(state.consents), given.at, by.serviceId),
    'CONSENT_REQUIRED',
    'A log reopens only under an active consent that covers your service',
  );
  assertText(command.reason, 'REASON_REQUIRED', 'Say why the log reopens');
  return [
    {
      type: 'StafettloggReopened',
      data: { reopenedBy: staffRef(by), at: given.at, personal: { reason: command.reason } },
    },
  ];
}
