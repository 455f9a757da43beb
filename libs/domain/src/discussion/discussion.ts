import { isBlank } from '../shared/text';
import type { EnrolledMunicipality } from '../municipality/municipality';
import { isStaffRole } from '../shared/actor';
import {
  ensure as ensureRule,
  unreachable,
  type Decider,
  type DomainEvent,
  type Ensure,
  type Given,
} from '../shared/decider';
import type { StaffRef } from '../stafettlogg/events';
import type { ArenaKind } from '../arena/arena';
import { findIdentity } from './identity';

export const DISCUSSION_RULE_CODES = [
  'DISCUSSION_NOT_FOUND',
  'DISCUSSION_EXISTS',
  'MUNICIPALITY_NOT_ENROLLED',
  'SERVICE_REQUIRED',
  'SERVICE_NOT_REGISTERED',
  'UNKNOWN_SERVICE',
  'ARENA_NOT_FOUND',
  'THEMES_REQUIRED',
  'TEXT_REQUIRED',
  'IDENTITY_IN_ANONYMOUS_DISCUSSION',
  'NOT_ARENA_MEMBER',
  'ADVICE_EXISTS',
] as const;
export type DiscussionRuleCode = (typeof DISCUSSION_RULE_CODES)[number];
const ensure: Ensure<DiscussionRuleCode> = ensureRule;

/** The age bands of the programme's metrics; a discussion records a band, never an age or a date. */
export const AGE_BANDS = ['pregnancy', '0-5', '6-12', '13-18', '19-24'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const DISCUSSION_THEMES = [
  'wellbeing',
  'behaviour',
  'development_and_learning',
  'language',
  'school_attendance',
  'bullying',
  'family_situation',
  'parenting',
  'physical_health',
  'mental_health',
  'substance_use',
  'violence_or_abuse',
  'economy_and_housing',
  'leisure',
  'other',
] as const;
export type DiscussionTheme = (typeof DISCUSSION_THEMES)[number];

/** Advice only; advice to ask the family for consent; advice to report to child welfare. */
export const DISCUSSION_OUTCOMES = [
  'advice_only',
  'recommend_consent',
  'recommend_child_welfare_report',
] as const;
export type DiscussionOutcome = (typeof DISCUSSION_OUTCOMES)[number];

export type DiscussionEvent =
  | DomainEvent<
      'AnonymousDiscussionOpened',
      {
        discussionId: string;
        municipalityId: string;
        arenaId: string;
        ageBand: AgeBand;
        themes: DiscussionTheme[];
        servicesInvolved: string[];
        /** The team's member services when asked: they read and answer it. */
        teamServices: string[];
        askedBy: StaffRef;
        at: string;
        /** Checked to hold no identity before it is written. */
        question: string;
      }
    >
  | DomainEvent<
      'AnonymousDiscussionAdvised',
      { advice: string; outcome: DiscussionOutcome; by: StaffRef; at: string }
    >;

export type DiscussionCommand =
  | {
      type: 'OpenAnonymousDiscussion';
      discussionId: string;
      arenaId: string;
      ageBand: AgeBand;
      themes: readonly DiscussionTheme[];
      servicesInvolved: readonly string[];
      question: string;
    }
  | { type: 'AdviseInDiscussion'; advice: string; outcome: DiscussionOutcome };

/** The command's free text, which must not identify anyone. */
export function anonymousTexts(command: DiscussionCommand): string[] {
  return command.type === 'OpenAnonymousDiscussion' ? [command.question] : [command.advice];
}

export interface DiscussionFacts {
  readonly municipality: Pick<EnrolledMunicipality, 'municipalityId' | 'services'> | null;
  /** The arena asked, when it exists in the actor's municipality. */
  readonly arena: {
    readonly arenaId: string;
    readonly kind: ArenaKind;
    readonly memberServices: readonly string[];
  } | null;
  /**
   * The names of the registered family members of the municipality that the command's free text
   * could hold (`anonymousTexts`, found by `nameKey`): none may appear.
   */
  readonly familyMemberNames: readonly string[];
}

export type DiscussionState =
  | { readonly status: 'none' }
  | {
      readonly status: 'open' | 'advised';
      readonly municipalityId: string;
      readonly arenaId: string;
      readonly askedBy: StaffRef;
      /** The team's member services when it was asked: they and the asking service may know it. */
      readonly teamServices: readonly string[];
    };

function staffOf({ by, facts }: Given<DiscussionFacts>): StaffRef {
  ensure(
    isStaffRole(by.role) && by.serviceId,
    'SERVICE_REQUIRED',
    'Anonymous discussions are between services',
  );
  ensure(facts.municipality, 'MUNICIPALITY_NOT_ENROLLED', 'The municipality is not enrolled');
  ensure(
    facts.municipality.services[by.serviceId],
    'SERVICE_NOT_REGISTERED',
    'Your service is not registered in the municipality',
  );
  return { staffId: by.subject, serviceId: by.serviceId };
}

/** Free text must not identify anyone: refused with the rule it broke, never with the value. */
function assertAnonymous(field: string, text: string, facts: DiscussionFacts): void {
  ensure(!isBlank(text), 'TEXT_REQUIRED', `${field} is required`, { field });
  const rule = findIdentity(text, facts.familyMemberNames);
  ensure(
    rule === null,
    'IDENTITY_IN_ANONYMOUS_DISCUSSION',
    rule === 'family_member_name'
      ? `${field} names a registered family member; an anonymous discussion holds no names`
      : `${field} holds a national identity number or D-number; an anonymous discussion holds none`,
    { field, rule },
  );
}

export const discussionDecider: Decider<
  DiscussionCommand,
  DiscussionState,
  DiscussionEvent,
  DiscussionFacts
> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state, given) {
    const { facts, at } = given;
    switch (command.type) {
      case 'OpenAnonymousDiscussion': {
        ensure(
          state.status === 'none',
          'DISCUSSION_EXISTS',
          'A discussion with this id exists already',
        );
        const askedBy = staffOf(given);
        const municipality = facts.municipality as NonNullable<DiscussionFacts['municipality']>;
        ensure(
          facts.arena && facts.arena.arenaId === command.arenaId,
          'ARENA_NOT_FOUND',
          'No such arena',
        );
        const themes = [...new Set(command.themes)];
        ensure(themes.length > 0, 'THEMES_REQUIRED', 'Say what the discussion is about');
        const servicesInvolved = [...new Set(command.servicesInvolved)];
        for (const serviceId of servicesInvolved)
          ensure(municipality.services[serviceId], 'UNKNOWN_SERVICE', 'No such service', {
            serviceId,
          });
        assertAnonymous('question', command.question, facts);
        return [
          {
            type: 'AnonymousDiscussionOpened',
            data: {
              discussionId: command.discussionId,
              municipalityId: municipality.municipalityId,
              arenaId: command.arenaId,
              ageBand: command.ageBand,
              themes,
              servicesInvolved,
              teamServices: [...facts.arena.memberServices],
              askedBy,
              at,
              question: command.question,
            },
          },
        ];
      }
      case 'AdviseInDiscussion': {
        ensure(state.status !== 'none', 'DISCUSSION_NOT_FOUND', 'No such discussion');
        const by = staffOf(given);
        ensure(
          facts.arena?.arenaId === state.arenaId &&
            facts.arena.memberServices.includes(by.serviceId),
          'NOT_ARENA_MEMBER',
          'The team’s member services give the advice',
        );
        ensure(state.status === 'open', 'ADVICE_EXISTS', 'The advice is recorded already');
        assertAnonymous('advice', command.advice, facts);
        return [
          {
            type: 'AnonymousDiscussionAdvised',
            data: { advice: command.advice, outcome: command.outcome, by, at },
          },
        ];
      }
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AnonymousDiscussionOpened':
        return {
          status: 'open',
          municipalityId: event.data.municipalityId,
          arenaId: event.data.arenaId,
          askedBy: event.data.askedBy,
          teamServices: event.data.teamServices,
        };
      case 'AnonymousDiscussionAdvised':
        return state.status === 'none' ? state : { ...state, status: 'advised' };
      default:
        return unreachable(event);
    }
  },
};

export const discussionStream = (discussionId: string) => `discussion-${discussionId}`;

export const DISCUSSION_EVENT_TYPES = [
  'AnonymousDiscussionOpened',
  'AnonymousDiscussionAdvised',
] as const satisfies readonly DiscussionEvent['type'][];
