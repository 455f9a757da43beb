import type { Given } from '../../shared/decider';
import { ensure } from '../codes';
import type {
  ChooseGuardianSharing,
  GrantGuardianReadAccess,
  RevokeGuardianReadAccess,
  StafettloggFacts,
} from '../commands';
import type { StafettloggEvent } from '../events';
import { consentAgeOf, youthConsentsAlone } from '../consent';
import { actingStaff, assertText, logActor, staffRef, subjectBirthDate } from '../guards';
import type { KnownStafettlogg } from '../state';

type Facts = Given<StafettloggFacts>;

/**
 * A service taking part under an active consent lets a parent without parental responsibility read
 * the log, and says why (the reason is kept with the grant). A parent with parental responsibility
 * reads it already.
 */
export function grantGuardianReadAccess(
  command: GrantGuardianReadAccess,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { by } = actingStaff(state, given);
  assertText(command.reason, 'REASON_REQUIRED', 'Say why this parent may read the log');
  const guardian = given.facts.family?.guardians[command.guardianId];
  ensure(guardian, 'GUARDIAN_NOT_FOUND', 'No such guardian in the family', {
    guardianId: command.guardianId,
  });
  ensure(
    !guardian.parentalResponsibility,
    'HAS_PARENTAL_RESPONSIBILITY',
    'This parent has parental responsibility and reads the log already',
  );
  ensure(
    !state.readGrants?.[command.guardianId],
    'READ_ACCESS_ALREADY_GRANTED',
    'This parent may read the log already',
  );
  return [
    {
      type: 'GuardianReadAccessGranted',
      data: {
        guardianId: command.guardianId,
        identitySubject: guardian.identitySubject,
        grantedBy: staffRef(by),
        at: given.at,
        personal: { reason: command.reason },
      },
    },
  ];
}

export function revokeGuardianReadAccess(
  command: RevokeGuardianReadAccess,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { by } = actingStaff(state, given);
  assertText(command.reason, 'REASON_REQUIRED', 'Say why this parent may no longer read the log');
  ensure(
    state.readGrants?.[command.guardianId],
    'READ_ACCESS_NOT_GRANTED',
    'This parent has not been let read the log',
  );
  return [
    {
      type: 'GuardianReadAccessRevoked',
      data: {
        guardianId: command.guardianId,
        revokedBy: staffRef(by),
        at: given.at,
        personal: { reason: command.reason },
      },
    },
  ];
}

/**
 * The young person, from the consent age, chooses what their guardians may no longer read in their
 * log; choosing again replaces the choice (an empty list shares everything the law allows).
 */
export function chooseGuardianSharing(
  command: ChooseGuardianSharing,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const actor = logActor(given, state);
  ensure(actor.kind === 'youth', 'STAFETTLOGG_NOT_FOUND', 'No such stafettlogg');
  const birthDate = subjectBirthDate(state, given.facts);
  const consentAge = consentAgeOf(state, given.facts.municipality);
  ensure(
    youthConsentsAlone(birthDate, consentAge, given.at),
    'BELOW_CONSENT_AGE',
    'Before the consent age the guardians decide what they read',
    { consentAge },
  );
  return [
    {
      type: 'GuardianSharingChosen',
      data: { keptFromGuardians: [...new Set(command.keptFromGuardians)].sort(), at: given.at },
    },
  ];
}
