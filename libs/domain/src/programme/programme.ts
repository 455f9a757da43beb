import { assertTextIfGiven, isBlank } from '../shared/text';
import { SECTORS, type EnrolledMunicipality, type Sector } from '../municipality/municipality';
import { dateOf, isIsoDate } from '../shared/dates';
import {
  ensure as ensureRule,
  unreachable,
  type Decider,
  type DomainEvent,
  type Ensure,
} from '../shared/decider';

export const PROGRAMME_RULE_CODES = [
  'MUNICIPALITY_NOT_ENROLLED',
  'INITIATIVE_EXISTS',
  'INITIATIVE_NOT_FOUND',
  'INITIATIVE_ENDED',
  'UNKNOWN_SERVICE',
  'UNKNOWN_SECTOR',
  'TEXT_REQUIRED',
  'INVALID_STATUS_CHANGE',
  'REPORT_EXISTS',
  'INVALID_DATE',
  'ALLOCATION_EXISTS',
  'INVALID_YEAR',
  'INVALID_AMOUNT',
  'NOT_ALLOCATED',
  'FUNDS_EXCEEDED',
  'COMMITMENT_EXISTS',
  'BASELINE_EXISTS',
] as const;
export type ProgrammeRuleCode = (typeof PROGRAMME_RULE_CODES)[number];
const ensure: Ensure<ProgrammeRuleCode> = ensureRule;

/** The five state grant schemes the 0–24 pilot pooled into one. */
export const GRANT_SCHEMES = [
  'kap-231-post-63',
  'kap-231-post-66',
  'kap-621-post-63',
  'kap-765-post-60',
  'kap-846-post-62',
] as const;
export type GrantScheme = (typeof GRANT_SCHEMES)[number];

export const INITIATIVE_STATUSES = ['planned', 'piloting', 'in_operation', 'ended'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** Where an initiative may go from each status: forward only. */
const NEXT_STATUSES: Record<InitiativeStatus, readonly InitiativeStatus[]> = {
  planned: ['piloting', 'in_operation', 'ended'],
  piloting: ['in_operation', 'ended'],
  in_operation: ['ended'],
  ended: [],
};

export interface InitiativeDescription {
  readonly name: string;
  readonly purpose: string;
  readonly targetGroup: string;
  readonly serviceIds: readonly string[];
  readonly sectors: readonly Sector[];
  readonly evaluationMethod: string;
}

export type ProgrammeEvent =
  | DomainEvent<
      'InitiativeRegistered',
      InitiativeDescription & {
        initiativeId: string;
        municipalityId: string;
        status: InitiativeStatus;
        by: string;
        at: string;
      }
    >
  | DomainEvent<
      'InitiativeStatusChanged',
      {
        initiativeId: string;
        from: InitiativeStatus;
        to: InitiativeStatus;
        note: string | null;
        by: string;
        at: string;
      }
    >
  | DomainEvent<
      'InitiativeEvaluationReportAdded',
      {
        initiativeId: string;
        reportId: string;
        title: string;
        /** Where the report is: a web address or an archive reference. */
        reference: string;
        publishedOn: string;
        by: string;
        at: string;
      }
    >
  | DomainEvent<
      'GrantAllocated',
      {
        allocationId: string;
        year: number;
        scheme: GrantScheme;
        amountNok: number;
        by: string;
        at: string;
      }
    >
  | DomainEvent<
      'FundsCommitted',
      {
        commitmentId: string;
        initiativeId: string;
        year: number;
        scheme: GrantScheme;
        amountNok: number;
        by: string;
        at: string;
      }
    >
  | DomainEvent<'BaselineMarked', { date: string; note: string | null; by: string; at: string }>;

export type ProgrammeCommand =
  | ({
      type: 'RegisterInitiative';
      initiativeId: string;
      status: InitiativeStatus;
    } & InitiativeDescription)
  | {
      type: 'ChangeInitiativeStatus';
      initiativeId: string;
      status: InitiativeStatus;
      note: string | null;
    }
  | {
      type: 'AddEvaluationReport';
      initiativeId: string;
      reportId: string;
      title: string;
      reference: string;
      publishedOn: string;
    }
  | {
      type: 'AllocateGrant';
      allocationId: string;
      year: number;
      scheme: GrantScheme;
      amountNok: number;
    }
  | {
      type: 'CommitFunds';
      commitmentId: string;
      initiativeId: string;
      year: number;
      scheme: GrantScheme;
      amountNok: number;
    }
  | { type: 'MarkBaseline'; date: string; note: string | null };

export interface ProgrammeFacts {
  readonly municipality: Pick<EnrolledMunicipality, 'municipalityId' | 'services'> | null;
}

export interface ProgrammeState {
  readonly initiatives: Readonly<
    Record<string, { readonly status: InitiativeStatus; readonly reportIds: readonly string[] }>
  >;
  readonly allocationIds: readonly string[];
  readonly commitmentIds: readonly string[];
  /** NOK allocated and committed per `year:scheme`. */
  readonly funds: Readonly<
    Record<string, { readonly allocated: number; readonly committed: number }>
  >;
  readonly baseline: string | null;
}

const fundKey = (year: number, scheme: GrantScheme) => `${year}:${scheme}`;
/** The pilot's grants began in 2020; allocations are recorded from 2015 to five years ahead. */
const FIRST_YEAR = 2015;
const MAX_AMOUNT = 10_000_000_000;

function text(value: string, field: string) {
  ensure(!isBlank(value), 'TEXT_REQUIRED', `${field} is required`, { field });
}

function initiativeOf(state: ProgrammeState, initiativeId: string) {
  const initiative = state.initiatives[initiativeId];
  ensure(initiative, 'INITIATIVE_NOT_FOUND', 'No such initiative', { initiativeId });
  return initiative;
}

function assertYearAndAmount(year: number, amountNok: number, at: string) {
  const thisYear = Number(dateOf(at).slice(0, 4));
  ensure(
    Number.isInteger(year) && year >= FIRST_YEAR && year <= thisYear + 5,
    'INVALID_YEAR',
    `The year is ${FIRST_YEAR}–${thisYear + 5}`,
  );
  ensure(
    Number.isInteger(amountNok) && amountNok > 0 && amountNok <= MAX_AMOUNT,
    'INVALID_AMOUNT',
    'The amount is whole kroner, more than 0',
  );
}

export const programmeDecider: Decider<
  ProgrammeCommand,
  ProgrammeState,
  ProgrammeEvent,
  ProgrammeFacts
> = {
  initialState: () => ({
    initiatives: {},
    allocationIds: [],
    commitmentIds: [],
    funds: {},
    baseline: null,
  }),

  decide(command, state, { by, at, facts }) {
    const municipality = facts.municipality;
    ensure(municipality, 'MUNICIPALITY_NOT_ENROLLED', 'The municipality is not enrolled');
    const who = by.subject;
    switch (command.type) {
      case 'RegisterInitiative': {
        ensure(
          !state.initiatives[command.initiativeId],
          'INITIATIVE_EXISTS',
          'An initiative with this id exists already',
        );
        text(command.name, 'name');
        text(command.purpose, 'purpose');
        text(command.targetGroup, 'targetGroup');
        text(command.evaluationMethod, 'evaluationMethod');
        for (const serviceId of command.serviceIds)
          ensure(municipality.services[serviceId], 'UNKNOWN_SERVICE', 'No such service', {
            serviceId,
          });
        for (const sector of command.sectors)
          ensure(
            (SECTORS as readonly string[]).includes(sector),
            'UNKNOWN_SECTOR',
            'No such sector',
          );
        ensure(
          command.status !== 'ended',
          'INVALID_STATUS_CHANGE',
          'A new initiative is planned, piloting or in operation',
        );
        return [
          {
            type: 'InitiativeRegistered',
            data: {
              initiativeId: command.initiativeId,
              municipalityId: municipality.municipalityId,
              name: command.name,
              purpose: command.purpose,
              targetGroup: command.targetGroup,
              serviceIds: [...new Set(command.serviceIds)],
              sectors: [...new Set(command.sectors)],
              evaluationMethod: command.evaluationMethod,
              status: command.status,
              by: who,
              at,
            },
          },
        ];
      }
      case 'ChangeInitiativeStatus': {
        const initiative = initiativeOf(state, command.initiativeId);
        ensure(
          NEXT_STATUSES[initiative.status].includes(command.status),
          'INVALID_STATUS_CHANGE',
          `An initiative that is ${initiative.status} cannot become ${command.status}`,
          { from: initiative.status, to: command.status },
        );
        assertTextIfGiven(command.note, 'note');
        return [
          {
            type: 'InitiativeStatusChanged',
            data: {
              initiativeId: command.initiativeId,
              from: initiative.status,
              to: command.status,
              note: command.note,
              by: who,
              at,
            },
          },
        ];
      }
      case 'AddEvaluationReport': {
        const initiative = initiativeOf(state, command.initiativeId);
        ensure(
          !initiative.reportIds.includes(command.reportId),
          'REPORT_EXISTS',
          'A report with this id exists already',
        );
        text(command.title, 'title');
        text(command.reference, 'reference');
        ensure(
          isIsoDate(command.publishedOn) && command.publishedOn <= dateOf(at),
          'INVALID_DATE',
          'publishedOn is a date, not in the future',
        );
        const { type: _type, ...report } = command;
        return [{ type: 'InitiativeEvaluationReportAdded', data: { ...report, by: who, at } }];
      }
      case 'AllocateGrant': {
        ensure(
          !state.allocationIds.includes(command.allocationId),
          'ALLOCATION_EXISTS',
          'An allocation with this id exists already',
        );
        assertYearAndAmount(command.year, command.amountNok, at);
        const { type: _type, ...allocation } = command;
        return [{ type: 'GrantAllocated', data: { ...allocation, by: who, at } }];
      }
      case 'CommitFunds': {
        ensure(
          !state.commitmentIds.includes(command.commitmentId),
          'COMMITMENT_EXISTS',
          'A commitment with this id exists already',
        );
        const initiative = initiativeOf(state, command.initiativeId);
        ensure(initiative.status !== 'ended', 'INITIATIVE_ENDED', 'The initiative has ended');
        assertYearAndAmount(command.year, command.amountNok, at);
        const fund = state.funds[fundKey(command.year, command.scheme)];
        ensure(fund, 'NOT_ALLOCATED', 'Nothing is allocated from this scheme for this year');
        const available = fund.allocated - fund.committed;
        ensure(
          command.amountNok <= available,
          'FUNDS_EXCEEDED',
          'More than is left of the allocation',
          { available },
        );
        const { type: _type, ...commitment } = command;
        return [{ type: 'FundsCommitted', data: { ...commitment, by: who, at } }];
      }
      case 'MarkBaseline':
        ensure(
          state.baseline === null,
          'BASELINE_EXISTS',
          'The baseline (nullpunkt) is set already',
        );
        ensure(
          isIsoDate(command.date) && command.date <= dateOf(at),
          'INVALID_DATE',
          'The baseline is a date, not in the future',
        );
        assertTextIfGiven(command.note, 'note');
        return [
          { type: 'BaselineMarked', data: { date: command.date, note: command.note, by: who, at } },
        ];
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'InitiativeRegistered':
        return {
          ...state,
          initiatives: {
            ...state.initiatives,
            [event.data.initiativeId]: { status: event.data.status, reportIds: [] },
          },
        };
      case 'InitiativeStatusChanged': {
        const initiative = state.initiatives[event.data.initiativeId];
        return {
          ...state,
          initiatives: {
            ...state.initiatives,
            [event.data.initiativeId]: { ...initiative, status: event.data.to },
          },
        };
      }
      case 'InitiativeEvaluationReportAdded': {
        const initiative = state.initiatives[event.data.initiativeId];
        return {
          ...state,
          initiatives: {
            ...state.initiatives,
            [event.data.initiativeId]: {
              ...initiative,
              reportIds: [...initiative.reportIds, event.data.reportId],
            },
          },
        };
      }
      case 'GrantAllocated': {
        const key = fundKey(event.data.year, event.data.scheme);
        const fund = state.funds[key] ?? { allocated: 0, committed: 0 };
        return {
          ...state,
          allocationIds: [...state.allocationIds, event.data.allocationId],
          funds: {
            ...state.funds,
            [key]: { ...fund, allocated: fund.allocated + event.data.amountNok },
          },
        };
      }
      case 'FundsCommitted': {
        const key = fundKey(event.data.year, event.data.scheme);
        const fund = state.funds[key] ?? { allocated: 0, committed: 0 };
        return {
          ...state,
          commitmentIds: [...state.commitmentIds, event.data.commitmentId],
          funds: {
            ...state.funds,
            [key]: { ...fund, committed: fund.committed + event.data.amountNok },
          },
        };
      }
      case 'BaselineMarked':
        return { ...state, baseline: event.data.date };
      default:
        return unreachable(event);
    }
  },
};

/** One programme register per municipality. */
export const programmeStream = (municipalityId: string) => `programme-${municipalityId}`;

export const PROGRAMME_EVENT_TYPES = [
  'InitiativeRegistered',
  'InitiativeStatusChanged',
  'InitiativeEvaluationReportAdded',
  'GrantAllocated',
  'FundsCommitted',
  'BaselineMarked',
] as const satisfies readonly ProgrammeEvent['type'][];
