import { isBlank } from '../shared/text';
import { isStaffRole } from '../shared/actor';
import type { Given } from '../shared/decider';
import { consentCovers, activeConsents } from '../stafettlogg/consent';
import type { StaffRef } from '../stafettlogg/events';
import { ensure } from './codes';
import type { MeetingFacts, MeetingLogFacts } from './commands';
import type { MeetingActor } from './events';
import type { KnownMeeting, MeetingState } from './state';

type Facts = Given<MeetingFacts>;
type Municipality = NonNullable<MeetingFacts['municipality']>;

export const sameStaff = (a: StaffRef, b: StaffRef) =>
  a.staffId === b.staffId && a.serviceId === b.serviceId;

export function assertKnown(state: MeetingState): asserts state is KnownMeeting {
  ensure(state.status !== 'none', 'MEETING_NOT_FOUND', 'No such meeting');
}

export function enrolled(facts: MeetingFacts): Municipality {
  ensure(facts.municipality, 'MUNICIPALITY_NOT_ENROLLED', 'The municipality is not enrolled');
  return facts.municipality;
}

/** The signed-in actor as staff of a service the municipality has registered. */
export function staffOf({ by, facts }: Facts): StaffRef & { coordinator: boolean } {
  ensure(
    isStaffRole(by.role) && by.serviceId,
    'SERVICE_REQUIRED',
    'Only staff acting for a service can do this',
  );
  ensure(
    enrolled(facts).services[by.serviceId],
    'SERVICE_NOT_REGISTERED',
    'Your service is not registered in the municipality',
  );
  return { staffId: by.subject, serviceId: by.serviceId, coordinator: by.role === 'coordinator' };
}

/** A registered, active staff member of that service. */
export function registeredStaff(facts: MeetingFacts, person: StaffRef): StaffRef {
  const staff = enrolled(facts).staff[person.staffId];
  ensure(
    staff && staff.active && staff.serviceId === person.serviceId,
    'UNKNOWN_STAFF',
    'No such staff member in that service',
    { staffId: person.staffId, serviceId: person.serviceId },
  );
  return { staffId: person.staffId, serviceId: person.serviceId };
}

/** The meeting's logs as the facts have them; one the actor may not know reads as not found. */
export function logsOf(logIds: readonly string[], facts: MeetingFacts): MeetingLogFacts[] {
  return logIds.map((logId) => {
    const log = facts.logs[logId];
    ensure(log, 'STAFETTLOGG_NOT_FOUND', 'No such stafettlogg', { logId });
    return log;
  });
}

/**
 * A service takes part in a meeting only while an active consent of every log the meeting is about
 * names it: the meeting shares what each log holds.
 */
export function assertCovered(logs: readonly MeetingLogFacts[], serviceId: string, at: string) {
  for (const log of logs) {
    ensure(
      activeConsents(log.consents, at).length > 0,
      'CONSENT_REQUIRED',
      'There is no active consent for this log',
      { logId: log.logId },
    );
    ensure(
      consentCovers(log.consents, at, serviceId),
      'OUTSIDE_CONSENT_SCOPE',
      'The active consent does not cover this service',
      { logId: log.logId, serviceId },
    );
  }
}

export const isInvitedService = (meeting: KnownMeeting, serviceId: string) =>
  meeting.chair.serviceId === serviceId || meeting.invitedServices.includes(serviceId);

/**
 * Whether the service must be inside the logs' consent now: to take part it must, but calling a
 * meeting off or ending it shares nothing, and must stay possible once the consent is withdrawn.
 */
export type ConsentNeed = 'consent_needed' | 'winding_down';

/** Staff of the chair's or an invited service, inside the logs' consent now. */
export function meetingStaff(
  meeting: KnownMeeting,
  given: Facts,
  need: ConsentNeed = 'consent_needed',
): StaffRef & { coordinator: boolean } {
  const by = staffOf(given);
  ensure(isInvitedService(meeting, by.serviceId), 'NOT_INVITED', 'Your service is not invited');
  if (need === 'consent_needed')
    assertCovered(logsOf(meeting.logIds, given.facts), by.serviceId, given.at);
  return by;
}

/** The chair runs the meeting; a coordinator of the chair's service may stand in. */
export function chairOf(
  meeting: KnownMeeting,
  given: Facts,
  need: ConsentNeed = 'consent_needed',
): StaffRef {
  const by = meetingStaff(meeting, given, need);
  ensure(
    sameStaff(by, meeting.chair) || (by.coordinator && by.serviceId === meeting.chair.serviceId),
    'NOT_CHAIR',
    'Only the chair (or a coordinator of the chair’s service) may do this',
  );
  return { staffId: by.staffId, serviceId: by.serviceId };
}

/** Who acts: staff of an invited service, a guardian of the family, or a young person of its logs. */
export function meetingActor(meeting: KnownMeeting, given: Facts): MeetingActor {
  const { by, facts } = given;
  if (by.role === 'guardian') {
    const guardian = Object.values(facts.family?.guardians ?? {}).find(
      (g) => g.identitySubject === by.subject,
    );
    ensure(guardian, 'MEETING_NOT_FOUND', 'No such meeting');
    return { kind: 'guardian', guardianId: guardian.guardianId };
  }
  if (by.role === 'youth') {
    const subject = logsOf(meeting.logIds, facts)
      .map((log) => facts.family?.subjects[log.subjectId])
      .find((s) => s?.identitySubject === by.subject);
    ensure(subject, 'MEETING_NOT_FOUND', 'No such meeting');
    return { kind: 'youth', subjectId: subject.subjectId };
  }
  const staff = meetingStaff(meeting, given);
  return { kind: 'staff', staffId: staff.staffId, serviceId: staff.serviceId };
}

export function assertText(value: string, code: 'TEXT_REQUIRED' | 'REASON_REQUIRED', what: string) {
  ensure(!isBlank(value), code, what);
}

export function assertScore(value: number, field: string) {
  ensure(Number.isInteger(value) && value >= 1 && value <= 5, 'INVALID_SCORE', `${field} is 1–5`, {
    field,
  });
}

export function assertNotCancelled(meeting: KnownMeeting) {
  ensure(meeting.status !== 'cancelled', 'MEETING_CANCELLED', 'The meeting has been cancelled');
}

/**
 * Whether every log the meeting is about is closed (sperret): then no service reads the meeting, and
 * the case it was about has ended.
 */
export function everyLogClosed(meeting: KnownMeeting, facts: MeetingFacts): boolean {
  const logs = knownLogs(meeting, facts);
  return logs.length > 0 && logs.every((log) => log.status === 'closed');
}

/** The meeting's logs the facts hold (one the actor may not know is left out). */
function knownLogs(meeting: KnownMeeting, facts: MeetingFacts): MeetingLogFacts[] {
  return meeting.logIds.flatMap((logId) => {
    const log = facts.logs[logId];
    return log ? [log] : [];
  });
}

/**
 * Whether any service at the table may still record what is said: some log still open, and one
 * invited service inside the consent of every log. Without one, the child's voice cannot be recorded.
 */
export function anyServiceMayRecord(
  meeting: KnownMeeting,
  facts: MeetingFacts,
  at: string,
): boolean {
  if (everyLogClosed(meeting, facts)) return false;
  const logs = knownLogs(meeting, facts);
  return [meeting.chair.serviceId, ...meeting.invitedServices].some((serviceId) =>
    logs.every((log) => consentCovers(log.consents, at, serviceId)),
  );
}

/** What is added for the services to read needs a log one of them still reads. */
export function assertStillReadByServices(meeting: KnownMeeting, facts: MeetingFacts) {
  ensure(
    !everyLogClosed(meeting, facts),
    'LOG_CLOSED',
    'The meeting’s logs are closed: no service reads what is added to it now',
  );
}

/** The meeting is under way: started, not ended. */
export function assertInProgress(meeting: KnownMeeting) {
  assertNotCancelled(meeting);
  ensure(meeting.status !== 'scheduled', 'MEETING_NOT_STARTED', 'Start the meeting first');
  ensure(meeting.status !== 'ended', 'MEETING_ENDED', 'The meeting has ended');
}
