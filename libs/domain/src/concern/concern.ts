import { isBlank } from '../shared/text';
import { addDays, dateOf, isIsoDate, isNearToday } from '../shared/dates';
import { isStaffRole } from '../shared/actor';
import {
  ensure as ensureRule,
  unreachable,
  type Decider,
  type DomainEvent,
  type Ensure,
} from '../shared/decider';
import type { RegisteredFamily } from '../family/family';
import type { EnrolledMunicipality } from '../municipality/municipality';

export const CONCERN_RULE_CODES = [
  'SERVICE_REQUIRED',
  'MUNICIPALITY_NOT_ENROLLED',
  'SERVICE_NOT_REGISTERED',
  'FAMILY_NOT_FOUND',
  'SUBJECT_NOT_FOUND',
  'CONCERN_EXISTS',
  'CONCERN_NOT_FOUND',
  'SUMMARY_REQUIRED',
  'CONCERN_ALREADY_DECIDED',
  'INVALID_DATE',
  'TALK_IN_FUTURE',
  'CONCERN_DEADLINE_PASSED',
  'REASON_REQUIRED',
] as const;
export type ConcernRuleCode = (typeof CONCERN_RULE_CODES)[number];
const ensure: Ensure<ConcernRuleCode> = ensureRule;

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
      familyId: string;
      subjectId: string;
      kind: ConcernKind;
      summary: string;
    }
  | { type: 'RecordConcernTalk'; with: TalkParty; heldOn: string; summary: string }
  | { type: 'DecideConcern'; outcome: ConcernOutcome; reason: string; lateReason: string | null };

/**
 * What noting a concern needs from other streams: the staff member's municipality (its services and
 * deadline) and the family — null where it is not enrolled, or not a family the staff member may know.
 */
export interface ConcernFacts {
  readonly municipality: Pick<
    EnrolledMunicipality,
    'municipalityId' | 'services' | 'handlingsveileder'
  > | null;
  readonly family: Pick<RegisteredFamily, 'familyId' | 'subjects'> | null;
}

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

export function isConcernOverdue(
  state: Pick<NotedConcern, 'status' | 'decisionDeadline'>,
  today: string,
): boolean {
  return state.status === 'open' && today > state.decisionDeadline;
}

export const concernDecider: Decider<ConcernCommand, ConcernState, ConcernEvent, ConcernFacts> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state, { by, at, facts }) {
    // A nivå-0 concern lives inside one service: only staff acting for it note and decide.
    ensure(
      isStaffRole(by.role) && by.serviceId,
      'SERVICE_REQUIRED',
      'Concerns are noted by staff acting for a service',
    );
    if (command.type === 'NoteConcern') {
      const { municipality, family } = facts;
      ensure(municipality, 'MUNICIPALITY_NOT_ENROLLED', 'Your municipality is not enrolled yet');
      ensure(
        municipality.services[by.serviceId],
        'SERVICE_NOT_REGISTERED',
        'Your service is not registered in the municipality',
      );
      ensure(family, 'FAMILY_NOT_FOUND', 'No such family');
      ensure(
        family.subjects[command.subjectId],
        'SUBJECT_NOT_FOUND',
        'No such subject in the family',
      );
      ensure(state.status === 'none', 'CONCERN_EXISTS', 'A concern with this id exists already');
      ensure(
        !isBlank(command.summary),
        'SUMMARY_REQUIRED',
        'Say briefly what the concern is about',
      );
      return [
        {
          type: 'ConcernNoted',
          data: {
            concernId: command.concernId,
            municipalityId: municipality.municipalityId,
            familyId: family.familyId,
            subjectId: command.subjectId,
            serviceId: by.serviceId,
            kind: command.kind,
            notedBy: by.subject,
            notedAt: at,
            decisionDeadline: addDays(
              dateOf(at),
              municipality.handlingsveileder.concernDecisionDeadlineDays,
            ),
            personal: { summary: command.summary },
          },
        },
      ];
    }
    assertNoted(state);
    ensure(
      state.status === 'open',
      'CONCERN_ALREADY_DECIDED',
      'The concern has been decided; a new concern starts a new clarification',
    );
    switch (command.type) {
      case 'RecordConcernTalk':
        ensure(
          isIsoDate(command.heldOn) && isNearToday(command.heldOn, dateOf(at)),
          'INVALID_DATE',
          'heldOn must be a calendar date within the last year',
        );
        ensure(
          !isBlank(command.summary),
          'SUMMARY_REQUIRED',
          'Say briefly what the talk was about',
        );
        ensure(
          command.heldOn <= dateOf(at),
          'TALK_IN_FUTURE',
          'A talk is recorded after it was held',
        );
        return [
          {
            type: 'ConcernTalkRecorded',
            data: {
              with: command.with,
              heldOn: command.heldOn,
              recordedBy: by.subject,
              personal: { summary: command.summary },
            },
          },
        ];
      case 'DecideConcern': {
        ensure(!isBlank(command.reason), 'REASON_REQUIRED', 'Say why the concern is decided so');
        const late = dateOf(at) > state.decisionDeadline;
        ensure(
          !late || !isBlank(command.lateReason),
          'CONCERN_DEADLINE_PASSED',
          `The decision deadline ${state.decisionDeadline} has passed; record why the decision is late`,
          { decisionDeadline: state.decisionDeadline },
        );
        return [
          {
            type: 'ConcernDecided',
            data: {
              outcome: command.outcome,
              decidedBy: by.subject,
              decidedAt: at,
              late,
              personal: { reason: command.reason, lateReason: late ? command.lateReason : null },
            },
          },
        ];
      }
      default:
        return unreachable(command);
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
      default:
        return unreachable(event);
    }
  },
};

export const concernStream = (concernId: string) => `concern-${concernId}`;
