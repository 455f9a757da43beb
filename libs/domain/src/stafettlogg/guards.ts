import { isBlank } from '../shared/text';
import { isStaffRole } from '../shared/actor';
import type { Given } from '../shared/decider';
import type { StafettloggFacts } from './commands';
import { serviceMayAct, type InformationCategory } from './consent';
import { ensure } from './codes';
import type { LogActor, LogRules, StaffRef } from './events';
import type { KnownStafettlogg, OpenLog, StafettloggState } from './state';

/** A staff member acting in a log: who they are, their service, and whether they coordinate. */
export type StaffActor = StaffRef & { readonly coordinator: boolean };
type Municipality = NonNullable<StafettloggFacts['municipality']>;

export const staffRef = (by: StaffRef): StaffRef => ({
  staffId: by.staffId,
  serviceId: by.serviceId,
});

export const sameStaff = (a: StaffRef | null, b: StaffRef): boolean =>
  a !== null && a.staffId === b.staffId && a.serviceId === b.serviceId;

export function assertKnown(state: StafettloggState): asserts state is KnownStafettlogg {
  ensure(state.status !== 'none', 'STAFETTLOGG_NOT_FOUND', 'No such stafettlogg');
}

export function assertOpen(state: KnownStafettlogg): asserts state is OpenLog {
  ensure(state.status !== 'closed', 'LOG_CLOSED', 'The stafettlogg is closed; reopen it first');
  ensure(
    state.status === 'open',
    'CONSENT_REQUIRED',
    'The stafettlogg opens once consent is given',
  );
}

export function assertText(
  value: string,
  code: 'TEXT_REQUIRED' | 'GOAL_REQUIRED' | 'REASON_REQUIRED' | 'INVALID_CONSENT_SCOPE',
  message: string,
): void {
  ensure(!isBlank(value), code, message);
}

export function enrolledMunicipality(facts: StafettloggFacts): Municipality {
  ensure(facts.municipality, 'MUNICIPALITY_NOT_ENROLLED', 'The municipality is not enrolled');
  return facts.municipality;
}

/** The signed-in actor as a staff member of a service the municipality has registered. */
export function staffActor({ by, facts }: Given<StafettloggFacts>): StaffActor {
  ensure(
    isStaffRole(by.role) && by.serviceId,
    'SERVICE_REQUIRED',
    'Only staff acting for a service can do this',
  );
  const municipality = enrolledMunicipality(facts);
  ensure(
    municipality.services[by.serviceId],
    'SERVICE_NOT_REGISTERED',
    'Your service is not registered in the municipality',
  );
  return { staffId: by.subject, serviceId: by.serviceId, coordinator: by.role === 'coordinator' };
}

/** Who acts, as the log records it: staff for their service, a guardian of the family, the young person. */
export function logActor(given: Given<StafettloggFacts>, log: KnownStafettlogg): LogActor {
  const { by, facts } = given;
  if (by.role === 'guardian') {
    const guardian = Object.values(facts.family?.guardians ?? {}).find(
      (g) => g.identitySubject === by.subject,
    );
    ensure(guardian, 'STAFETTLOGG_NOT_FOUND', 'No such stafettlogg');
    return {
      kind: 'guardian',
      guardianId: guardian.guardianId,
      parentalResponsibility: guardian.parentalResponsibility,
    };
  }
  if (by.role === 'youth') {
    ensure(
      facts.family?.subjects[log.subjectId]?.identitySubject === by.subject,
      'STAFETTLOGG_NOT_FOUND',
      'No such stafettlogg',
    );
    return { kind: 'youth', subjectId: log.subjectId };
  }
  return { kind: 'staff', ...staffActor(given) };
}

/** A registered, active staff member of that service: the only kind who can be made responsible. */
export function registeredStaff(
  facts: StafettloggFacts,
  staffId: string,
  serviceId: string,
): StaffRef {
  const staff = enrolledMunicipality(facts).staff[staffId];
  ensure(
    staff && staff.active && staff.serviceId === serviceId,
    'UNKNOWN_STAFF',
    'No such staff member in that service',
    { staffId, serviceId },
  );
  return { staffId, serviceId };
}

/** The birth date of the log's subject, as the family's facts hold it; null for a pregnancy. */
export function subjectBirthDate(state: KnownStafettlogg, facts: StafettloggFacts): string | null {
  return facts.family?.subjects[state.subjectId]?.personal.birthDate ?? null;
}

/** The current handlingsveileder's rules, as a log keeps them. */
export function currentRules(facts: StafettloggFacts): LogRules {
  const { version, levels, measureEvaluationIntervalDays, consentAge, inactivityThresholdDays } =
    enrolledMunicipality(facts).handlingsveileder;
  return { version, levels, measureEvaluationIntervalDays, consentAge, inactivityThresholdDays };
}

/** A service acts in a log only while it takes part and an active consent names it. */
export function assertServiceMayAct(
  state: OpenLog,
  serviceId: string,
  at: string,
  category?: InformationCategory,
): void {
  const answer = serviceMayAct(
    Object.values(state.consents),
    Boolean(state.services[serviceId]),
    at,
    serviceId,
    category,
  );
  ensure(
    answer !== 'CONSENT_REQUIRED',
    'CONSENT_REQUIRED',
    'There is no active consent for this log',
  );
  ensure(
    answer !== 'OUTSIDE_CONSENT_SCOPE',
    'OUTSIDE_CONSENT_SCOPE',
    category
      ? 'The active consent does not cover this service and information category'
      : 'The active consent does not cover this service',
    { serviceId, category: category ?? null },
  );
  ensure(
    answer !== 'SERVICE_NOT_PARTICIPATING',
    'SERVICE_NOT_PARTICIPATING',
    'The service does not take part in this log',
    { serviceId },
  );
}

/** The holder — or a coordinator — keeps the baton moving; a pending new holder must accept first. */
export function assertHolderOrCoordinator(state: OpenLog, by: StaffActor): void {
  if (by.coordinator || sameStaff(state.stafettholder, by)) return;
  ensure(
    !sameStaff(state.pendingHandover, by),
    'HANDOVER_NOT_ACCEPTED',
    'Accept the baton before acting as stafettholder',
  );
  ensure(false, 'NOT_STAFETTHOLDER', 'Only the stafettholder or a coordinator may do this');
}

/**
 * Steering the log (the baton, samordningsansvar, its level and rules) is for its stafettholder or a
 * coordinator, in an open log, while an active consent covers their service.
 */
export function steeringStaff(
  state: KnownStafettlogg,
  given: Given<StafettloggFacts>,
): { by: StaffActor; log: OpenLog } {
  const by = staffActor(given);
  assertOpen(state);
  assertHolderOrCoordinator(state, by);
  assertServiceMayAct(state, by.serviceId, given.at);
  return { by, log: state };
}

/** A participating service working in an open log under an active consent that covers it. */
export function actingStaff(
  state: KnownStafettlogg,
  given: Given<StafettloggFacts>,
): { by: StaffActor; log: OpenLog } {
  const by = staffActor(given);
  assertOpen(state);
  assertServiceMayAct(state, by.serviceId, given.at);
  return { by, log: state };
}
