import { assertTextIfGiven } from '../shared/text';
import { isArenaOf } from '../arena/arena';
import { addDays, CASE_DAYS_AHEAD, dateOf, isIsoDate, isNearToday } from '../shared/dates';
import { unreachable, type Decider, type Given } from '../shared/decider';
import type { StaffRef } from '../stafettlogg/events';
import { ensure } from './codes';
import type {
  AddAgendaItem,
  CancelMeeting,
  EndMeeting,
  EvaluateMeeting,
  MeetingCommand,
  MeetingFacts,
  MeetingLogFacts,
  RecordChildsVoice,
  RecordDecisionFollowUp,
  RecordEttermote,
  RecordGuardianStatement,
  RecordMeetingDecision,
  RecordServicePerspective,
  RecordSharedUnderstanding,
  RescheduleMeeting,
  ResolveDecisionFollowUp,
  ScheduleMeeting,
  StartMeeting,
} from './commands';
import { locationParts, type Attendee, type MeetingEvent, type MeetingLocation } from './events';
import {
  assertCovered,
  assertInProgress,
  assertKnown,
  assertNotCancelled,
  assertScore,
  assertStillReadByServices,
  assertText,
  chairOf,
  enrolled,
  anyServiceMayRecord,
  isInvitedService,
  logsOf,
  meetingActor,
  meetingStaff,
  registeredStaff,
  sameStaff,
  staffOf,
} from './guards';
import {
  attends,
  evolveMeeting,
  guardiansAttend,
  initialMeetingState,
  type KnownMeeting,
  type MeetingState,
} from './state';

type Facts = Given<MeetingFacts>;

/** At most this many logs meet in one family meeting. */
export const MAX_LOGS_PER_MEETING = 6;
/** A meeting is planned at most this far ahead. */
const MAX_DAYS_AHEAD = 730;

const unique = <T>(values: readonly T[]) => [...new Set(values)];

/** A time that is a real instant, on or after today and not years ahead; returned in UTC. */
function meetingTime(startsAt: string, durationMinutes: number, at: string): string {
  const time = Date.parse(startsAt);
  ensure(Number.isFinite(time), 'INVALID_TIME', 'startsAt must be a date and time');
  const instant = new Date(time).toISOString();
  const today = dateOf(at);
  ensure(dateOf(instant) >= today, 'MEETING_IN_PAST', 'A meeting is scheduled for today or later');
  ensure(
    dateOf(instant) <= addDays(today, MAX_DAYS_AHEAD),
    'INVALID_TIME',
    'A meeting is scheduled at most two years ahead',
  );
  ensure(
    Number.isInteger(durationMinutes) && durationMinutes >= 15 && durationMinutes <= 480,
    'INVALID_DURATION',
    'A meeting lasts 15 minutes to 8 hours',
  );
  return instant;
}

function assertLocation(location: MeetingLocation) {
  if (location.kind === 'place') assertText(location.place, 'TEXT_REQUIRED', 'Say where we meet');
}

function scheduleMeeting(command: ScheduleMeeting, state: MeetingState, given: Facts) {
  ensure(state.status === 'none', 'MEETING_EXISTS', 'A meeting with this id exists already');
  const { facts, at } = given;
  const by = staffOf(given);
  const municipality = enrolled(facts);
  const logIds = unique(command.logIds);
  ensure(
    logIds.length >= 1 && logIds.length <= MAX_LOGS_PER_MEETING,
    'STAFETTLOGG_NOT_FOUND',
    `A meeting is about 1 to ${MAX_LOGS_PER_MEETING} logs`,
  );
  const logs = logsOf(logIds, facts);
  for (const log of logs) {
    ensure(
      log.municipalityId === municipality.municipalityId,
      'STAFETTLOGG_NOT_FOUND',
      'No such stafettlogg',
      { logId: log.logId },
    );
  }
  const familyId = logs[0].familyId;
  ensure(
    logs.every((log) => log.familyId === familyId),
    'LOGS_OF_ONE_FAMILY',
    'A meeting is about logs of one family',
  );
  for (const log of logs) {
    ensure(log.status === 'open', 'LOG_NOT_OPEN', 'Meet about open logs only', {
      logId: log.logId,
    });
  }
  assertCovered(logs, by.serviceId, at);
  const chair = command.chair ? registeredStaff(facts, command.chair) : by;
  assertCovered(logs, chair.serviceId, at);
  const hiddenIn = (serviceId: string) => logs.some((log) => log.services[serviceId]?.hidden);
  // Everyone at the table sees the chair: a service taking part hidden cannot chair.
  ensure(
    !hiddenIn(chair.serviceId),
    'HIDDEN_SERVICE_CANNOT_HOLD',
    'A service taking part hidden cannot chair the meeting',
  );
  const invitedServices = unique(command.invitedServices).filter((s) => s !== chair.serviceId);
  for (const serviceId of invitedServices) {
    ensure(municipality.services[serviceId], 'UNKNOWN_SERVICE', 'No such service', { serviceId });
    assertCovered(logs, serviceId, at);
  }
  const family = facts.family;
  ensure(family && family.familyId === familyId, 'STAFETTLOGG_NOT_FOUND', 'No such stafettlogg');
  const invitedGuardians = unique(command.invitedGuardians);
  for (const guardianId of invitedGuardians) {
    ensure(family.guardians[guardianId], 'GUARDIAN_NOT_FOUND', 'No such guardian in the family', {
      guardianId,
    });
  }
  const invitedYouth = unique(command.invitedYouth);
  for (const subjectId of invitedYouth) {
    ensure(
      logs.some((log) => log.subjectId === subjectId),
      'SUBJECT_NOT_FOUND',
      'Invite the young person a log is about',
      { subjectId },
    );
  }
  const startsAt = meetingTime(command.startsAt, command.durationMinutes, at);
  assertLocation(command.location);
  const itemIds = command.agenda.map((item) => item.itemId);
  ensure(
    new Set(itemIds).size === itemIds.length,
    'AGENDA_ITEM_EXISTS',
    'Each agenda item has its own id',
  );
  for (const item of command.agenda)
    assertText(item.text, 'TEXT_REQUIRED', 'An agenda item says what to talk about');
  const { locationKind, details } = locationParts(command.location);
  return [
    {
      type: 'MeetingScheduled',
      data: {
        meetingId: command.meetingId,
        municipalityId: municipality.municipalityId,
        familyId,
        logIds,
        startsAt,
        durationMinutes: command.durationMinutes,
        locationKind,
        chair: { staffId: chair.staffId, serviceId: chair.serviceId },
        invitedServices,
        hiddenServices: [chair.serviceId, ...invitedServices].filter(hiddenIn),
        invitedGuardians,
        invitedYouth,
        scheduledBy: { staffId: by.staffId, serviceId: by.serviceId },
        at,
        personal: { agenda: command.agenda, location: details },
      },
    },
  ] satisfies MeetingEvent[];
}

function assertScheduled(meeting: KnownMeeting) {
  assertNotCancelled(meeting);
  ensure(
    meeting.status === 'scheduled',
    'MEETING_ALREADY_STARTED',
    'The meeting has started already',
  );
}

function addAgendaItem(command: AddAgendaItem, meeting: KnownMeeting, given: Facts) {
  assertScheduled(meeting);
  const addedBy = meetingActor(meeting, given);
  assertStillReadByServices(meeting, given.facts);
  ensure(
    !meeting.agendaItemIds.includes(command.itemId),
    'AGENDA_ITEM_EXISTS',
    'An agenda item with this id exists already',
  );
  assertText(command.text, 'TEXT_REQUIRED', 'An agenda item says what to talk about');
  return [
    {
      type: 'AgendaItemAdded',
      data: { itemId: command.itemId, addedBy, at: given.at, personal: { text: command.text } },
    },
  ] satisfies MeetingEvent[];
}

function rescheduleMeeting(command: RescheduleMeeting, meeting: KnownMeeting, given: Facts) {
  const by = chairOf(meeting, given);
  assertScheduled(meeting);
  const startsAt = meetingTime(command.startsAt, command.durationMinutes, given.at);
  assertLocation(command.location);
  const { locationKind, details } = locationParts(command.location);
  return [
    {
      type: 'MeetingRescheduled',
      data: {
        startsAt,
        durationMinutes: command.durationMinutes,
        locationKind,
        by,
        at: given.at,
        personal: { location: details },
      },
    },
  ] satisfies MeetingEvent[];
}

function cancelMeeting(command: CancelMeeting, meeting: KnownMeeting, given: Facts) {
  const by = chairOf(meeting, given, 'winding_down');
  assertScheduled(meeting);
  assertText(command.reason, 'REASON_REQUIRED', 'Say why the meeting is cancelled');
  return [
    {
      type: 'MeetingCancelled',
      data: { by, at: given.at, personal: { reason: command.reason } },
    },
  ] satisfies MeetingEvent[];
}

/** Each invited person once; guardians of the family, staff of invited services; the chair there. */
function checkedAttendance(
  attendance: readonly Attendee[],
  meeting: KnownMeeting,
  given: Facts,
  logs: readonly MeetingLogFacts[],
): Attendee[] {
  const family = given.facts.family;
  const seen = new Set<string>();
  const once = (key: string) => {
    ensure(!seen.has(key), 'INVALID_ATTENDANCE', 'Each person is listed once');
    seen.add(key);
  };
  for (const person of attendance) {
    if (person.kind === 'guardian') {
      once(`guardian:${person.guardianId}`);
      ensure(
        family?.guardians[person.guardianId],
        'GUARDIAN_NOT_FOUND',
        'No such guardian in the family',
        { guardianId: person.guardianId },
      );
      ensure(
        person.mode !== 'not_invited' || !meeting.invitedGuardians.includes(person.guardianId),
        'INVALID_ATTENDANCE',
        'An invited guardian came or was absent; not "not invited"',
      );
    } else if (person.kind === 'youth') {
      once(`youth:${person.subjectId}`);
      ensure(
        logs.some((log) => log.subjectId === person.subjectId),
        'SUBJECT_NOT_FOUND',
        'The young person is one a log is about',
      );
    } else {
      once(`staff:${person.staffId}:${person.serviceId}`);
      registeredStaff(given.facts, person);
      ensure(
        isInvitedService(meeting, person.serviceId),
        'NOT_INVITED',
        'The service is not invited',
        {
          serviceId: person.serviceId,
        },
      );
      if (attends(person.mode)) assertCovered(logs, person.serviceId, given.at);
    }
  }
  for (const guardianId of meeting.invitedGuardians)
    ensure(
      seen.has(`guardian:${guardianId}`),
      'INVALID_ATTENDANCE',
      'Say for each invited guardian whether they came',
      { guardianId },
    );
  const chair = attendance.find(
    (p) => p.kind === 'staff' && sameStaff(p, meeting.chair) && attends(p.mode),
  );
  ensure(chair, 'CHAIR_MUST_ATTEND', 'The chair is at the meeting (in the room or on video)');
  return attendance.map((person) =>
    person.kind === 'staff'
      ? { ...person, decisionAuthority: attends(person.mode) && person.decisionAuthority }
      : person,
  );
}

function startMeeting(command: StartMeeting, meeting: KnownMeeting, given: Facts) {
  const by = chairOf(meeting, given);
  assertScheduled(meeting);
  ensure(
    dateOf(given.at) >= dateOf(meeting.startsAt),
    'MEETING_NOT_DUE',
    'The meeting starts on its day',
  );
  const logs = logsOf(meeting.logIds, given.facts);
  const attendance = checkedAttendance(command.attendance, meeting, given, logs);
  return [
    { type: 'MeetingStarted', data: { attendance, by, at: given.at } },
  ] satisfies MeetingEvent[];
}

const attending = (meeting: KnownMeeting) => meeting.attendance ?? [];

function recordGuardianStatement(
  command: RecordGuardianStatement,
  meeting: KnownMeeting,
  given: Facts,
) {
  assertInProgress(meeting);
  const recordedBy = meetingActor(meeting, given);
  assertStillReadByServices(meeting, given.facts);
  const speakers = unique(
    command.speakers.length === 0 && recordedBy.kind === 'guardian'
      ? [recordedBy.guardianId]
      : command.speakers,
  );
  ensure(speakers.length > 0, 'NOT_ATTENDING', 'Say which guardians spoke');
  for (const guardianId of speakers)
    ensure(
      attending(meeting).some(
        (p) => p.kind === 'guardian' && p.guardianId === guardianId && attends(p.mode),
      ),
      'NOT_ATTENDING',
      'The guardian is not at the meeting',
      { guardianId },
    );
  ensure(
    recordedBy.kind !== 'guardian' || speakers.includes(recordedBy.guardianId),
    'NOT_ATTENDING',
    'A guardian records what they said themselves',
  );
  assertText(command.text, 'TEXT_REQUIRED', 'Say what the guardians said');
  return [
    {
      type: 'GuardiansHeard',
      data: { speakers, recordedBy, at: given.at, personal: { text: command.text } },
    },
  ] satisfies MeetingEvent[];
}

/** With guardians at the table, no service speaks and nothing is decided before they have. */
function assertGuardiansHaveSpoken(meeting: KnownMeeting) {
  ensure(
    !guardiansAttend(meeting) || meeting.guardiansHeard,
    'GUARDIAN_SPEAKS_FIRST',
    'The guardians have the word first: record what they said before the services speak',
  );
}

function recordServicePerspective(
  command: RecordServicePerspective,
  meeting: KnownMeeting,
  given: Facts,
) {
  assertInProgress(meeting);
  const by = meetingStaff(meeting, given);
  ensure(
    attending(meeting).some(
      (p) => p.kind === 'staff' && p.serviceId === by.serviceId && attends(p.mode),
    ),
    'NOT_ATTENDING',
    'Nobody from your service is at the meeting',
  );
  assertGuardiansHaveSpoken(meeting);
  assertText(command.text, 'TEXT_REQUIRED', 'Say what your service sees');
  return [
    {
      type: 'ServicePerspectiveRecorded',
      data: {
        serviceId: by.serviceId,
        by: { staffId: by.staffId, serviceId: by.serviceId },
        at: given.at,
        personal: { text: command.text },
      },
    },
  ] satisfies MeetingEvent[];
}

function recordSharedUnderstanding(
  command: RecordSharedUnderstanding,
  meeting: KnownMeeting,
  given: Facts,
) {
  const by = chairOf(meeting, given);
  assertInProgress(meeting);
  assertGuardiansHaveSpoken(meeting);
  assertText(command.text, 'TEXT_REQUIRED', 'Say what you agreed the situation is');
  return [
    {
      type: 'SharedUnderstandingRecorded',
      data: { by, at: given.at, personal: { text: command.text } },
    },
  ] satisfies MeetingEvent[];
}

function recordChildsVoice(command: RecordChildsVoice, meeting: KnownMeeting, given: Facts) {
  assertInProgress(meeting);
  const by = meetingStaff(meeting, given);
  ensure(
    !meeting.childsVoiceRecorded,
    'CHILD_VOICE_RECORDED',
    'The child’s voice is recorded already',
  );
  if (command.heard)
    assertText(command.text ?? '', 'TEXT_REQUIRED', 'Say what the child said or wishes');
  else
    assertText(
      command.reasonNotHeard ?? '',
      'REASON_REQUIRED',
      'Say why the child’s voice was not heard',
    );
  return [
    {
      type: 'ChildsVoiceRecorded',
      data: {
        heard: command.heard,
        by: { staffId: by.staffId, serviceId: by.serviceId },
        at: given.at,
        personal: command.heard
          ? { text: command.text, reasonNotHeard: null }
          : { text: null, reasonNotHeard: command.reasonNotHeard },
      },
    },
  ] satisfies MeetingEvent[];
}

function logInMeeting(meeting: KnownMeeting, logs: readonly MeetingLogFacts[], logId: string) {
  ensure(
    meeting.logIds.includes(logId),
    'LOG_NOT_IN_MEETING',
    'The log is not one this meeting is about',
  );
  return logs.find((log) => log.logId === logId) as MeetingLogFacts;
}

/** A service that holds something everyone sees takes part openly in the log. */
function assertOpenParticipant(log: MeetingLogFacts, serviceId: string) {
  const service = log.services[serviceId];
  ensure(service, 'DECISION_DETAILS_INVALID', 'The service does not take part in the log', {
    serviceId,
  });
  ensure(
    !service.hidden,
    'HIDDEN_SERVICE_CANNOT_HOLD',
    'A service taking part hidden cannot hold the baton or samordningsansvar',
  );
}

function checkDecisionDetails(
  command: RecordMeetingDecision,
  meeting: KnownMeeting,
  given: Facts,
  logs: readonly MeetingLogFacts[],
) {
  const details = command.details;
  switch (details.kind) {
    case 'measure':
      logInMeeting(meeting, logs, details.logId);
      assertText(command.goal ?? '', 'TEXT_REQUIRED', 'A measure needs a goal');
      ensure(
        isIsoDate(details.startDate) && isNearToday(details.startDate, dateOf(given.at)),
        'INVALID_DATE',
        'A measure starts within a year before and two years after today',
      );
      ensure(
        details.evaluationDate === null ||
          (isIsoDate(details.evaluationDate) &&
            details.evaluationDate > details.startDate &&
            details.evaluationDate <= addDays(details.startDate, CASE_DAYS_AHEAD)),
        'INVALID_DATE',
        'A measure is evaluated after it starts, within two years',
      );
      return;
    case 'level_change': {
      const log = logInMeeting(meeting, logs, details.logId);
      ensure(
        (log.rules?.levels ?? []).some((l) => l.level === details.level && l.level > 0),
        'INVALID_LEVEL',
        'The municipality’s handlingsveileder has no such level for a log',
      );
      return;
    }
    case 'stafettholder': {
      const log = logInMeeting(meeting, logs, details.logId);
      registeredStaff(given.facts, details.to);
      assertOpenParticipant(log, details.to.serviceId);
      return;
    }
    case 'samordningsansvar': {
      const log = logInMeeting(meeting, logs, details.logId);
      assertOpenParticipant(log, details.serviceId);
      return;
    }
    case 'referral':
      // The family is referred somewhere real: an arena of the meeting's municipality.
      ensure(
        details.arenaId === null ||
          isArenaOf(given.facts.referralArena, details.arenaId, meeting.municipalityId),
        'UNKNOWN_ARENA',
        'Refer to an arena of this municipality',
      );
      return;
    case 'other':
      return;
    default:
      return unreachable(details);
  }
}

function recordMeetingDecision(
  command: RecordMeetingDecision,
  meeting: KnownMeeting,
  given: Facts,
) {
  const by = chairOf(meeting, given);
  assertInProgress(meeting);
  assertGuardiansHaveSpoken(meeting);
  ensure(
    !meeting.decisions[command.decisionId],
    'DECISION_EXISTS',
    'A decision with this id exists already',
  );
  assertText(command.text, 'TEXT_REQUIRED', 'Say the decision in plain words');
  const logs = logsOf(meeting.logIds, given.facts);
  const responsible = registeredStaff(given.facts, command.responsible);
  ensure(
    isInvitedService(meeting, responsible.serviceId),
    'RESPONSIBLE_NOT_INVITED',
    'The responsible service takes part in the meeting',
    { serviceId: responsible.serviceId },
  );
  assertCovered(logs, responsible.serviceId, given.at);
  ensure(
    isIsoDate(command.deadline) && command.deadline >= dateOf(given.at),
    'INVALID_DEADLINE',
    'The deadline is a date, today or later',
  );
  if (command.formalDecision) {
    ensure(
      enrolled(given.facts).services[command.formalDecision.serviceId],
      'UNKNOWN_SERVICE',
      'No such service',
      { serviceId: command.formalDecision.serviceId },
    );
    assertText(
      command.formalDecision.reference,
      'TEXT_REQUIRED',
      'Say where the formal decision is found (its reference in the service’s own system)',
    );
  }
  checkDecisionDetails(command, meeting, given, logs);
  return [
    {
      type: 'MeetingDecisionRecorded',
      data: {
        decisionId: command.decisionId,
        details: command.details,
        responsible,
        deadline: command.deadline,
        formalDecision: command.formalDecision,
        by,
        at: given.at,
        personal: {
          text: command.text,
          goal: command.details.kind === 'measure' ? command.goal : null,
        },
      },
    },
  ] satisfies MeetingEvent[];
}

function evaluateMeeting(command: EvaluateMeeting, meeting: KnownMeeting, given: Facts) {
  assertNotCancelled(meeting);
  ensure(meeting.status !== 'scheduled', 'MEETING_NOT_STARTED', 'The meeting has not been held');
  const recordedBy = meetingActor(meeting, given);
  let evaluator: { kind: 'guardian'; guardianId: string } | { kind: 'youth'; subjectId: string };
  if (recordedBy.kind === 'staff') {
    ensure(
      command.guardianId && given.facts.family?.guardians[command.guardianId],
      'GUARDIAN_NOT_FOUND',
      'Say which guardian answered',
    );
    evaluator = { kind: 'guardian', guardianId: command.guardianId };
  } else {
    ensure(
      command.guardianId === null ||
        (recordedBy.kind === 'guardian' && recordedBy.guardianId === command.guardianId),
      'GUARDIAN_NOT_FOUND',
      'You answer for yourself',
    );
    evaluator = recordedBy;
  }
  const id = evaluator.kind === 'guardian' ? evaluator.guardianId : evaluator.subjectId;
  ensure(
    attending(meeting).some(
      (p) =>
        attends(p.mode) &&
        ((p.kind === 'guardian' && p.guardianId === id) ||
          (p.kind === 'youth' && p.subjectId === id)),
    ),
    'NOT_ATTENDING',
    'Those who took part evaluate the meeting',
  );
  ensure(!meeting.evaluatedBy.includes(id), 'EVALUATION_EXISTS', 'You have evaluated this meeting');
  assertScore(command.coordination, 'coordination');
  assertScore(command.beingHeard, 'beingHeard');
  assertScore(command.usefulness, 'usefulness');
  assertTextIfGiven(command.comment, 'comment');
  return [
    {
      type: 'MeetingEvaluatedByFamily',
      data: {
        evaluator,
        coordination: command.coordination,
        beingHeard: command.beingHeard,
        usefulness: command.usefulness,
        recordedBy,
        at: given.at,
        personal: { comment: command.comment },
      },
    },
  ] satisfies MeetingEvent[];
}

function endMeeting(command: EndMeeting, meeting: KnownMeeting, given: Facts) {
  const by = chairOf(meeting, given, 'winding_down');
  assertInProgress(meeting);
  // Once every log is closed, or the consent withdrawn, no service may record it any more: the chair
  // still ends the meeting.
  ensure(
    meeting.childsVoiceRecorded || !anyServiceMayRecord(meeting, given.facts, given.at),
    'CHILD_VOICE_MISSING',
    'Record the child’s voice, or why it was not heard, before the meeting ends',
  );
  ensure(
    command.nextMeetingDate === null ||
      (isIsoDate(command.nextMeetingDate) && command.nextMeetingDate > dateOf(given.at)),
    'INVALID_NEXT_MEETING_DATE',
    'The next meeting is on a later day',
  );
  return [
    {
      type: 'MeetingEnded',
      data: { nextMeetingDate: command.nextMeetingDate, by, at: given.at },
    },
  ] satisfies MeetingEvent[];
}

function recordEttermote(command: RecordEttermote, meeting: KnownMeeting, given: Facts) {
  assertNotCancelled(meeting);
  ensure(meeting.status === 'ended', 'MEETING_NOT_ENDED', 'The ettermøte follows the meeting');
  const by = meetingStaff(meeting, given);
  ensure(
    attending(meeting).some((p) => p.kind === 'staff' && sameStaff(p, by) && attends(p.mode)),
    'NOT_ATTENDING',
    'Those who took part hold the ettermøte',
  );
  ensure(!meeting.ettermoteRecorded, 'ETTERMOTE_EXISTS', 'The ettermøte is recorded already');
  assertScore(command.formAndContent, 'formAndContent');
  assertScore(command.chairSteering, 'chairSteering');
  assertScore(command.teamSupport, 'teamSupport');
  assertScore(command.equalDialogue, 'equalDialogue');
  assertTextIfGiven(command.learned, 'learned');
  return [
    {
      type: 'EttermoteRecorded',
      data: {
        confidentialityReminded: command.confidentialityReminded,
        formAndContent: command.formAndContent,
        chairSteering: command.chairSteering,
        teamSupport: command.teamSupport,
        equalDialogue: command.equalDialogue,
        childsVoiceHeard: command.childsVoiceHeard,
        by: { staffId: by.staffId, serviceId: by.serviceId },
        at: given.at,
        personal: { learned: command.learned },
      },
    },
  ] satisfies MeetingEvent[];
}

/**
 * Staff of the meeting's services, whatever the consent says now: a follow-up is often needed exactly
 * because consent was withdrawn, and must still reach a person.
 */
function followUpStaff(meeting: KnownMeeting, given: Facts): StaffRef & { coordinator: boolean } {
  const by = staffOf(given);
  ensure(isInvitedService(meeting, by.serviceId), 'NOT_INVITED', 'Your service is not invited');
  return by;
}

function recordDecisionFollowUp(
  command: RecordDecisionFollowUp,
  meeting: KnownMeeting,
  given: Facts,
) {
  followUpStaff(meeting, given);
  ensure(meeting.decisions[command.decisionId], 'DECISION_NOT_FOUND', 'No such decision');
  ensure(
    meeting.followUps[command.decisionId] !== 'open',
    'FOLLOW_UP_EXISTS',
    'A follow-up for this decision is open already',
  );
  return [
    {
      type: 'DecisionFollowUpNeeded',
      data: {
        decisionId: command.decisionId,
        code: command.code,
        message: command.message,
        at: given.at,
      },
    },
  ] satisfies MeetingEvent[];
}

function resolveDecisionFollowUp(
  command: ResolveDecisionFollowUp,
  meeting: KnownMeeting,
  given: Facts,
) {
  const by = followUpStaff(meeting, given);
  ensure(
    sameStaff(by, meeting.chair) || (by.coordinator && by.serviceId === meeting.chair.serviceId),
    'NOT_CHAIR',
    'Only the chair (or a coordinator of the chair’s service) may do this',
  );
  ensure(
    meeting.followUps[command.decisionId] === 'open',
    'FOLLOW_UP_NOT_OPEN',
    'There is no open follow-up for this decision',
  );
  assertText(command.note, 'TEXT_REQUIRED', 'Say what was done');
  return [
    {
      type: 'DecisionFollowUpResolved',
      data: {
        decisionId: command.decisionId,
        by: { staffId: by.staffId, serviceId: by.serviceId },
        at: given.at,
        personal: { note: command.note },
      },
    },
  ] satisfies MeetingEvent[];
}

export function decideMeeting(
  command: MeetingCommand,
  state: MeetingState,
  given: Facts,
): MeetingEvent[] {
  if (command.type === 'ScheduleMeeting') return scheduleMeeting(command, state, given);
  assertKnown(state);
  switch (command.type) {
    case 'AddAgendaItem':
      return addAgendaItem(command, state, given);
    case 'RescheduleMeeting':
      return rescheduleMeeting(command, state, given);
    case 'CancelMeeting':
      return cancelMeeting(command, state, given);
    case 'StartMeeting':
      return startMeeting(command, state, given);
    case 'RecordGuardianStatement':
      return recordGuardianStatement(command, state, given);
    case 'RecordServicePerspective':
      return recordServicePerspective(command, state, given);
    case 'RecordSharedUnderstanding':
      return recordSharedUnderstanding(command, state, given);
    case 'RecordChildsVoice':
      return recordChildsVoice(command, state, given);
    case 'RecordMeetingDecision':
      return recordMeetingDecision(command, state, given);
    case 'EvaluateMeeting':
      return evaluateMeeting(command, state, given);
    case 'EndMeeting':
      return endMeeting(command, state, given);
    case 'RecordEttermote':
      return recordEttermote(command, state, given);
    case 'RecordDecisionFollowUp':
      return recordDecisionFollowUp(command, state, given);
    case 'ResolveDecisionFollowUp':
      return resolveDecisionFollowUp(command, state, given);
    default:
      return unreachable(command);
  }
}

export const meetingDecider: Decider<MeetingCommand, MeetingState, MeetingEvent, MeetingFacts> = {
  initialState: initialMeetingState,
  decide: decideMeeting,
  evolve: evolveMeeting,
};
