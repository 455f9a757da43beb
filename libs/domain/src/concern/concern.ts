import { addDays, dateOf } from '../shared/dates';
import { ensure, type Decider, type DomainEvent } from '../shared/decider';

export type ConcernKind = 'undring' | 'bekymring';
export type TalkParty = 'colleague' | 'leader' | 'child' | 'guardians';
export type ConcernOutcome = 'closed' | 'help_within_service' | 'involve_others';

export type ConcernEvent =
  | DomainEvent<
      'ConcernNoted',
      {
        concernId: string;
        municipalityId: string;
        familyId: string;
        subjectId: string;
        serviceId: string;
        kind: ConcernKind;
        notedBy: string;
        notedAt: string;
        /** The last day for a decision, from the municipality's handlingsveileder. */
        decisionDeadline: string;
        personal: { summary: string };
      }
    >
  | DomainEvent<
      'ConcernTalkRecorded',
      { with: TalkParty; heldOn: string; recordedBy: string; personal: { summary: string } }
    >
  | DomainEvent<
      'ConcernDecided',
      {
        outcome: ConcernOutcome;
        decidedBy: string;
        decidedAt: string;
        late: boolean;
        personal: { reason: string; lateReason: string | null };
      }
    >;

export type ConcernCommand =
  | {
      type: 'NoteConcern';
      concernId: string;
      municipalityId: string;
      familyId: string;
      subjectId: string;
      serviceId: string;
      kind: ConcernKind;
      summary: string;
      by: string;
      at: string;
      decisionDeadlineDays: number;
    }
  | {
      type: 'RecordConcernTalk';
      with: TalkParty;
      heldOn: string;
      summary: string;
      by: string;
      byServiceId: string;
      byMunicipalityId: string;
      at: string;
    }
  | {
      type: 'DecideConcern';
      outcome: ConcernOutcome;
      reason: string;
      lateReason: string | null;
      by: string;
      byServiceId: string;
      byMunicipalityId: string;
      at: string;
    };

export type ConcernState =
  | { status: 'none' }
  | {
      status: 'open' | 'decided';
      concernId: string;
      municipalityId: string;
      familyId: string;
      subjectId: string;
      serviceId: string;
      decisionDeadline: string;
      outcome: ConcernOutcome | null;
      talks: TalkParty[];
    };

export type NotedConcern = Extract<ConcernState, { status: 'open' | 'decided' }>;

export function assertNoted(state: ConcernState): asserts state is NotedConcern {
  ensure(state.status !== 'none', 'CONCERN_NOT_FOUND', 'No such concern');
}

/** A nivå-0 concern stays inside the service that noted it until consent is given. */
function ensureOwnService(state: NotedConcern, municipalityId: string, serviceId: string): void {
  // Service ids are chosen per municipality, so both must match.
  ensure(
    state.municipalityId === municipalityId && state.serviceId === serviceId,
    'CONCERN_NOT_FOUND',
    'No such concern',
  );
}

export function isConcernOverdue(
  state: Pick<NotedConcern, 'status' | 'decisionDeadline'>,
  today: string,
): boolean {
  return state.status === 'open' && today > state.decisionDeadline;
}

export const concernDecider: Decider<ConcernCommand, ConcernState, ConcernEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'NoteConcern') {
      ensure(state.status === 'none', 'CONCERN_EXISTS', 'A concern with this id exists already');
      ensure(
        command.summary.trim().length > 0,
        'SUMMARY_REQUIRED',
        'Say briefly what the concern is about',
      );
      return [
        {
          type: 'ConcernNoted',
          data: {
            concernId: command.concernId,
            municipalityId: command.municipalityId,
            familyId: command.familyId,
            subjectId: command.subjectId,
            serviceId: command.serviceId,
            kind: command.kind,
            notedBy: command.by,
            notedAt: command.at,
            decisionDeadline: addDays(dateOf(command.at), command.decisionDeadlineDays),
            personal: { summary: command.summary },
          },
        },
      ];
    }
    assertNoted(state);
    ensureOwnService(state, command.byMunicipalityId, command.byServiceId);
    ensure(
      state.status === 'open',
      'CONCERN_ALREADY_DECIDED',
      'The concern has been decided; a new concern starts a new clarification',
    );
    switch (command.type) {
      case 'RecordConcernTalk':
        ensure(
          command.heldOn <= dateOf(command.at),
          'TALK_IN_FUTURE',
          'A talk is recorded after it was held',
        );
        return [
          {
            type: 'ConcernTalkRecorded',
            data: {
              with: command.with,
              heldOn: command.heldOn,
              recordedBy: command.by,
              personal: { summary: command.summary },
            },
          },
        ];
      case 'DecideConcern': {
        const late = dateOf(command.at) > state.decisionDeadline;
        ensure(
          !late || (command.lateReason !== null && command.lateReason.trim().length > 0),
          'CONCERN_DEADLINE_PASSED',
          `The decision deadline ${state.decisionDeadline} has passed; record why the decision is late`,
          { decisionDeadline: state.decisionDeadline },
        );
        return [
          {
            type: 'ConcernDecided',
            data: {
              outcome: command.outcome,
              decidedBy: command.by,
              decidedAt: command.at,
              late,
              personal: { reason: command.reason, lateReason: late ? command.lateReason : null },
            },
          },
        ];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ConcernNoted':
        return {
          status: 'open',
          concernId: event.data.concernId,
          municipalityId: event.data.municipalityId,
          familyId: event.data.familyId,
          subjectId: event.data.subjectId,
          serviceId: event.data.serviceId,
          decisionDeadline: event.data.decisionDeadline,
          outcome: null,
          talks: [],
        };
      case 'ConcernTalkRecorded':
        return state.status === 'none'
          ? state
          : { ...state, talks: [...state.talks, event.data.with] };
      case 'ConcernDecided':
        return state.status === 'none'
          ? state
          : { ...state, status: 'decided', outcome: event.data.outcome };
    }
  },
};

export const concernStream = (concernId: string) => `concern-${concernId}`;
