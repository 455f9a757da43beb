import { CommandHandler } from '@nestjs/cqrs';
import {
  ActionForbidden,
  logFactsOf,
  mayKnowLog,
  mayKnowMeeting,
  meetingRestrictedFor,
  NO_LOG_FACTS,
  type MeetingAccessFacts,
} from '@bti/access';
import {
  CaseDispatch,
  SliceCommandHandler,
  type CommandSlice,
  type StreamStates,
} from '@bti/command-handling';
import {
  arenaDecider,
  arenaRefOf,
  arenaStream,
  familyDecider,
  familyStream,
  MAX_LOGS_PER_MEETING,
  meetingDecider,
  meetingStream,
  municipalityDecider,
  municipalityStream,
  notFound,
  stafettloggDecider,
  stafettloggStream,
  type Actor,
  type KnownMeeting,
  type MeetingCommand,
  type MeetingEvent,
  type MeetingFacts,
  type MeetingLogFacts,
  type MeetingState,
  type StafettloggState,
} from '@bti/domain';

function logFacts(logId: string, state: StafettloggState): MeetingLogFacts | null {
  if (state.status === 'none') return null;
  const opened = state.status !== 'awaiting_consent';
  return {
    logId,
    familyId: state.familyId,
    subjectId: state.subjectId,
    municipalityId: state.municipalityId,
    status: state.status,
    consents: Object.values(state.consents),
    services: opened ? state.services : {},
    rules: opened ? state.rules : null,
  };
}

const STILL_ON_A_RESTRICTED_MEETING = new Set<MeetingCommand['type']>([
  'CancelMeeting',
  'EndMeeting',
  'RecordDecisionFollowUp',
]);

/** The policy's view of a meeting, from its state and its logs' facts. */
export function meetingAccessFacts(meeting: KnownMeeting, facts: MeetingFacts): MeetingAccessFacts {
  return {
    municipalityId: meeting.municipalityId,
    chairServiceId: meeting.chair.serviceId,
    invitedServices: meeting.invitedServices,
    hiddenServices: meeting.hiddenServices,
    logs: meeting.logIds.flatMap((logId) => {
      const log = facts.logs[logId];
      return log ? [{ consents: log.consents, closed: log.status === 'closed' }] : [];
    }),
  };
}

export const meetingSlice: CommandSlice<MeetingCommand, MeetingState, MeetingEvent, MeetingFacts> =
  {
    context: 'meeting',
    stream: meetingStream,
    decider: meetingDecider,
    municipalityOf: (state) => (state.status === 'none' ? null : state.municipalityId),

    async loadFacts(command, state, actor: Actor, streams: StreamStates) {
      const scheduling = command.type === 'ScheduleMeeting' && state.status === 'none';
      const logIds = scheduling
        ? [...new Set(command.logIds)].slice(0, MAX_LOGS_PER_MEETING)
        : state.status === 'none'
          ? []
          : state.logIds;
      const municipalityId = state.status === 'none' ? actor.municipalityId : state.municipalityId;
      const [municipality, ...logStates] = await Promise.all([
        municipalityId
          ? streams.load(municipalityStream(municipalityId), municipalityDecider)
          : null,
        ...logIds.map((logId) => streams.load(stafettloggStream(logId), stafettloggDecider)),
      ]);
      const logs: Record<string, MeetingLogFacts | null> = {};
      logIds.forEach((logId, i) => {
        const log = logStates[i]?.state;
        // Scheduling names logs by id: one the actor may not know reads as not found.
        const knowable =
          !scheduling ||
          (log.status !== 'none' && mayKnowLog(actor, logFactsOf(log, NO_LOG_FACTS), null));
        logs[logId] = knowable ? logFacts(logId, log) : null;
      });
      const familyId =
        state.status === 'none'
          ? Object.values(logs).find((log) => log !== null)?.familyId
          : state.familyId;
      const referredTo =
        command.type === 'RecordMeetingDecision' && command.details.kind === 'referral'
          ? command.details.arenaId
          : null;
      const [family, arena] = await Promise.all([
        familyId ? streams.load(familyStream(familyId), familyDecider) : null,
        referredTo ? streams.load(arenaStream(referredTo), arenaDecider) : null,
      ]);
      return {
        municipality: municipality?.state.status === 'enrolled' ? municipality.state : null,
        family: family?.state.status === 'registered' ? family.state : null,
        logs,
        referralArena: arena ? arenaRefOf(arena.state) : null,
      };
    },

    authorize(actor, command, state, facts) {
      // Scheduling on a taken id gets the decider's one answer (MEETING_EXISTS), whoever holds it.
      if (state.status === 'none' || command.type === 'ScheduleMeeting') return;
      const subjects = new Set(
        state.logIds.flatMap((logId) => {
          const log = facts.logs[logId];
          return log ? [log.subjectId] : [];
        }),
      );
      const family = facts.family && {
        guardianSignIns: Object.values(facts.family.guardians).flatMap((g) =>
          g.parentalResponsibility ? [g.identitySubject] : [],
        ),
        youthSignIns: Object.values(facts.family.subjects).flatMap((s) =>
          subjects.has(s.subjectId) && s.identitySubject ? [s.identitySubject] : [],
        ),
      };
      const access = meetingAccessFacts(state, facts);
      if (!mayKnowMeeting(actor, access, family)) throw notFound('MEETING_NOT_FOUND');
      // A restricted meeting is read by no service, nor changed — but its chair's service may still
      // call it off or end one under way (found from outside: one started stayed so for good), and
      // the decision saga records (in the chair's name) a decision the closed log refused. Another
      // service's cancellation is restricted like its other changes (it was told NOT_CHAIR).
      const stillTheChairs =
        STILL_ON_A_RESTRICTED_MEETING.has(command.type) &&
        actor.serviceId === state.chair.serviceId;
      if (!stillTheChairs && meetingRestrictedFor(actor, access))
        throw new ActionForbidden(
          'LOG_RESTRICTED',
          'The meeting’s logs are closed and restricted: services no longer act on it',
        );
    },
  };

/** Carries a command to the meeting on the CommandBus (routes and the decision saga send it). */
export class DispatchToMeeting extends CaseDispatch<MeetingCommand> {}

@CommandHandler(DispatchToMeeting)
export class MeetingCommandHandler extends SliceCommandHandler<
  MeetingCommand,
  MeetingState,
  MeetingEvent,
  MeetingFacts
> {
  protected readonly slice = meetingSlice;
}
