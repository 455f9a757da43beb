import { assertTextIfGiven, isBlank } from '../shared/text';
import type { BtiLevel, EnrolledMunicipality } from '../municipality/municipality';
import type { RegisteredFamily } from '../family/family';
import { isStaffRole } from '../shared/actor';
import {
  ensure as ensureRule,
  unreachable,
  type Decider,
  type DomainEvent,
  type Ensure,
  type Given,
} from '../shared/decider';
import {
  activeConsents,
  consentCovers,
  serviceMayAct,
  youthConsentsAlone,
  type ConsentTerms,
} from '../stafettlogg/consent';
import type { StaffRef } from '../stafettlogg/events';

export const ARENA_RULE_CODES = [
  'ARENA_NOT_FOUND',
  'ARENA_EXISTS',
  'MUNICIPALITY_NOT_ENROLLED',
  'SERVICE_REQUIRED',
  'SERVICE_NOT_REGISTERED',
  'UNKNOWN_SERVICE',
  'MEMBERS_REQUIRED',
  'TEXT_REQUIRED',
  'REASON_REQUIRED',
  'STAFETTLOGG_NOT_FOUND',
  'FAMILY_NOT_FOUND',
  'LOG_REQUIRED',
  'CONSENT_REQUIRED',
  'OUTSIDE_CONSENT_SCOPE',
  'SERVICE_NOT_PARTICIPATING',
  'CITIZEN_REFERRALS_CLOSED',
  'REFERRAL_EXISTS',
  'REFERRAL_NOT_FOUND',
  'REFERRAL_NOT_PENDING',
  'NOT_ARENA_MEMBER',
  'INVALID_REDIRECT',
  'CONSENT_GIVER_NOT_AUTHORISED',
] as const;
export type ArenaRuleCode = (typeof ARENA_RULE_CODES)[number];
const ensure: Ensure<ArenaRuleCode> = ensureRule;

/** The teams a municipality runs (R-DOM-5), each with a mandate, intake criteria and members. */
export const ARENA_KINDS = [
  'kompetanseteam',
  'samhandlingsteam',
  'ressursteam',
  'elevoppfolgingsteam',
  'samordningsmote',
  'koordinerende_enhet',
] as const;
export type ArenaKind = (typeof ARENA_KINDS)[number];

export interface ArenaDescription {
  readonly kind: ArenaKind;
  readonly name: string;
  readonly mandate: string;
  readonly intakeCriteria: string;
  readonly memberServices: readonly string[];
  /** E.g. "Første tirsdag i måneden". */
  readonly meetingRhythm: string;
  /** "En dør inn": guardians and young people may refer their own case here. */
  readonly acceptsCitizenReferrals: boolean;
}

export type Referrer =
  | { readonly kind: 'staff'; readonly staffId: string; readonly serviceId: string }
  | { readonly kind: 'guardian'; readonly guardianId: string }
  | { readonly kind: 'youth'; readonly subjectId: string };

export type ArenaEvent =
  | DomainEvent<
      'ArenaEstablished',
      ArenaDescription & { arenaId: string; municipalityId: string; by: string; at: string }
    >
  | DomainEvent<'ArenaUpdated', ArenaDescription & { by: string; at: string }>
  | DomainEvent<
      'CaseReferredToArena',
      {
        referralId: string;
        familyId: string;
        logId: string | null;
        subjectId: string | null;
        level: BtiLevel | null;
        referrer: Referrer;
        /** Did an active consent of the log name every member service when the case was referred? */
        consentCoversArena: boolean;
        at: string;
        personal: { reason: string };
      }
    >
  | DomainEvent<
      'ReferralAccepted',
      { referralId: string; by: StaffRef; at: string; personal: { note: string | null } }
    >
  | DomainEvent<
      'ReferralDeclined',
      {
        referralId: string;
        by: StaffRef;
        /** Where to go instead: another arena of the municipality, and advice in words. */
        redirectToArenaId: string | null;
        at: string;
        personal: { reason: string; advice: string | null };
      }
    >;

export type ArenaCommand =
  | ({ type: 'EstablishArena'; arenaId: string } & ArenaDescription)
  | ({ type: 'UpdateArena' } & ArenaDescription)
  | {
      type: 'ReferCase';
      referralId: string;
      familyId: string;
      logId: string | null;
      reason: string;
    }
  | { type: 'AcceptReferral'; referralId: string; note: string | null }
  | {
      type: 'DeclineReferral';
      referralId: string;
      reason: string;
      redirectToArenaId: string | null;
      advice: string | null;
    };

/** What a referral needs to know of the case's log, as of now. */
export interface ReferralLogFacts {
  readonly logId: string;
  readonly familyId: string;
  readonly subjectId: string;
  readonly municipalityId: string;
  readonly level: BtiLevel | null;
  readonly consents: readonly ConsentTerms[];
  readonly services: Readonly<Record<string, { readonly hidden: boolean }>>;
  /** The consent age the log goes by (`consentAgeOf`): from it the young person decides alone. */
  readonly consentAge: number;
}

export interface ArenaFacts {
  readonly municipality: Pick<EnrolledMunicipality, 'municipalityId' | 'services'> | null;
  readonly family: Pick<RegisteredFamily, 'familyId' | 'guardians' | 'subjects'> | null;
  readonly log: ReferralLogFacts | null;
  /** The arena a declined referral points to, if it is established (none asked: null). */
  readonly redirectTo: ArenaRef | null;
}

/** An established arena as another stream's rule names it: which, and whose. */
export interface ArenaRef {
  readonly arenaId: string;
  readonly municipalityId: string;
}

/** The arena a stream's state is, if it is established (the facts a referral to it needs). */
export function arenaRefOf(state: ArenaState): ArenaRef | null {
  return state.status === 'established'
    ? { arenaId: state.arenaId, municipalityId: state.municipalityId }
    : null;
}

/**
 * Whether `arenaId` names an established arena (`known`, as loaded) of this municipality: a family
 * is referred or redirected only somewhere that is there, and theirs (found from outside: a random
 * id and another municipality's arena were both taken).
 */
export function isArenaOf(
  known: ArenaRef | null | undefined,
  arenaId: string,
  municipalityId: string,
): boolean {
  return known?.arenaId === arenaId && known.municipalityId === municipalityId;
}

export interface ReferralState {
  readonly status: 'pending' | 'accepted' | 'declined';
  readonly familyId: string;
  /** The log it was referred with, if any. */
  readonly logId: string | null;
  /** Whether an active consent of that log named every member service when it was referred. */
  readonly underConsent: boolean;
}

export type ArenaState =
  | { readonly status: 'none' }
  | ({
      readonly status: 'established';
      readonly arenaId: string;
      readonly municipalityId: string;
      readonly referrals: Readonly<Record<string, ReferralState>>;
    } & ArenaDescription);
export type EstablishedArena = Extract<ArenaState, { status: 'established' }>;

function assertEstablished(state: ArenaState): asserts state is EstablishedArena {
  ensure(state.status === 'established', 'ARENA_NOT_FOUND', 'No such arena');
}

function enrolled(facts: ArenaFacts) {
  ensure(facts.municipality, 'MUNICIPALITY_NOT_ENROLLED', 'The municipality is not enrolled');
  return facts.municipality;
}

function description(command: ArenaDescription, facts: ArenaFacts): ArenaDescription {
  const municipality = enrolled(facts);
  for (const [field, value] of [
    ['name', command.name],
    ['mandate', command.mandate],
    ['intakeCriteria', command.intakeCriteria],
    ['meetingRhythm', command.meetingRhythm],
  ] as const)
    ensure(!isBlank(value), 'TEXT_REQUIRED', `${field} is required`, { field });
  const memberServices = [...new Set(command.memberServices)];
  ensure(memberServices.length > 0, 'MEMBERS_REQUIRED', 'An arena has member services');
  for (const serviceId of memberServices)
    ensure(municipality.services[serviceId], 'UNKNOWN_SERVICE', 'No such service', { serviceId });
  return {
    kind: command.kind,
    name: command.name,
    mandate: command.mandate,
    intakeCriteria: command.intakeCriteria,
    memberServices,
    meetingRhythm: command.meetingRhythm,
    acceptsCitizenReferrals: command.acceptsCitizenReferrals,
  };
}

/** Who refers: staff inside the log's consent, or — where the arena allows it — the family itself. */
function referrerOf(
  arena: EstablishedArena,
  command: Extract<ArenaCommand, { type: 'ReferCase' }>,
  { by, facts, at }: Given<ArenaFacts>,
): { referrer: Referrer; log: ReferralLogFacts | null } {
  const family = facts.family;
  ensure(family && family.familyId === command.familyId, 'FAMILY_NOT_FOUND', 'No such family');
  const log = command.logId === null ? null : facts.log;
  if (command.logId !== null)
    ensure(
      log && log.logId === command.logId && log.familyId === family.familyId,
      'STAFETTLOGG_NOT_FOUND',
      'No such stafettlogg',
    );
  if (isStaffRole(by.role)) {
    ensure(by.serviceId, 'SERVICE_REQUIRED', 'Staff refer for their service');
    ensure(
      enrolled(facts).services[by.serviceId],
      'SERVICE_NOT_REGISTERED',
      'Your service is not registered in the municipality',
    );
    // A named case reaches a team only under consent; without one, discuss it anonymously.
    ensure(log, 'LOG_REQUIRED', 'Refer a case with its stafettlogg, or discuss it anonymously');
    const answer = serviceMayAct(
      log.consents,
      Boolean(log.services[by.serviceId]),
      at,
      by.serviceId,
    );
    ensure(
      answer !== 'CONSENT_REQUIRED',
      'CONSENT_REQUIRED',
      'There is no active consent for this log',
    );
    ensure(
      answer !== 'OUTSIDE_CONSENT_SCOPE',
      'OUTSIDE_CONSENT_SCOPE',
      'The active consent does not cover your service',
    );
    ensure(
      answer !== 'SERVICE_NOT_PARTICIPATING',
      'SERVICE_NOT_PARTICIPATING',
      'Your service does not take part in this log',
    );
    const outside = memberOutsideConsent(arena.memberServices, log.consents, at);
    ensure(
      outside === null,
      'OUTSIDE_CONSENT_SCOPE',
      'The consent does not name every service of this team: ask for one that does, or discuss the case anonymously',
      { serviceId: outside },
    );
    return { referrer: { kind: 'staff', staffId: by.subject, serviceId: by.serviceId }, log };
  }
  ensure(
    arena.acceptsCitizenReferrals,
    'CITIZEN_REFERRALS_CLOSED',
    'This arena takes referrals from services only',
  );
  if (by.role === 'guardian') {
    const guardian = Object.values(family.guardians).find((g) => g.identitySubject === by.subject);
    ensure(guardian, 'FAMILY_NOT_FOUND', 'No such family');
    // Sending the child's case to a team is a decision about the child (found from outside: a parent
    // kept from the log and the meetings referred the family).
    ensure(
      guardian.parentalResponsibility,
      'CONSENT_GIVER_NOT_AUTHORISED',
      'A guardian with parental responsibility refers the family’s case',
    );
    // A log shown to a team is the young person's to share from the consent age, as its consents are.
    ensure(
      log === null ||
        !youthConsentsAlone(
          family.subjects[log.subjectId]?.personal.birthDate ?? null,
          log.consentAge,
          at,
        ),
      'CONSENT_GIVER_NOT_AUTHORISED',
      'From the consent age the young person decides which teams hear of their log: refer without the log, or let them refer',
    );
    return { referrer: { kind: 'guardian', guardianId: guardian.guardianId }, log };
  }
  const subject = Object.values(family.subjects).find((s) => s.identitySubject === by.subject);
  ensure(by.role === 'youth' && subject, 'FAMILY_NOT_FOUND', 'No such family');
  ensure(
    log === null || log.subjectId === subject.subjectId,
    'STAFETTLOGG_NOT_FOUND',
    'No such stafettlogg',
  );
  // Before the consent age the guardians decide who hears of the log; asking for help needs no log.
  ensure(
    log === null || youthConsentsAlone(subject.personal.birthDate, log.consentAge, at),
    'CONSENT_GIVER_NOT_AUTHORISED',
    'Before the consent age your guardians decide which teams hear of your log: refer without it, or ask them',
    { consentAge: log?.consentAge ?? null },
  );
  return { referrer: { kind: 'youth', subjectId: subject.subjectId }, log };
}

/** Staff of one of the arena's member services take referrals in. */
function member(arena: EstablishedArena, { by, facts }: Given<ArenaFacts>): StaffRef {
  ensure(isStaffRole(by.role) && by.serviceId, 'SERVICE_REQUIRED', 'Staff of the arena decide');
  enrolled(facts);
  ensure(
    arena.memberServices.includes(by.serviceId),
    'NOT_ARENA_MEMBER',
    'Only the arena’s member services take referrals in',
  );
  return { staffId: by.subject, serviceId: by.serviceId };
}

/**
 * A case referred with its log under a consent naming the team is taken in only while such a consent
 * is active: once it is withdrawn or has run out the team may not take the case on (found from
 * outside: a team accepted one after the family had withdrawn the consent). Declining stays open.
 */
function assertStillUnderConsent(
  arena: EstablishedArena,
  referral: ReferralState,
  { at, facts }: Given<ArenaFacts>,
) {
  if (!referral.underConsent || referral.logId === null) return;
  const consents = facts.log?.logId === referral.logId ? facts.log.consents : [];
  ensure(
    activeConsents(consents, at).length > 0,
    'CONSENT_REQUIRED',
    'The consent the case was referred under is no longer active: it cannot be taken in now',
  );
  const outside = memberOutsideConsent(arena.memberServices, consents, at);
  ensure(
    outside === null,
    'OUTSIDE_CONSENT_SCOPE',
    'No active consent names every service of this team now: it cannot take the case in',
    { serviceId: outside },
  );
}

/**
 * The first of a team's member services that no active consent of the log names, or null when one
 * names them all: the team hears of a case only then (to refer it, take it in, read its reason).
 */
export function memberOutsideConsent(
  memberServices: readonly string[],
  consents: readonly ConsentTerms[],
  at: string,
): string | null {
  return memberServices.find((serviceId) => !consentCovers(consents, at, serviceId)) ?? null;
}

function pendingReferral(arena: EstablishedArena, referralId: string) {
  const referral = arena.referrals[referralId];
  ensure(referral, 'REFERRAL_NOT_FOUND', 'No such referral');
  ensure(referral.status === 'pending', 'REFERRAL_NOT_PENDING', 'The referral is answered already');
}

export const arenaDecider: Decider<ArenaCommand, ArenaState, ArenaEvent, ArenaFacts> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state, given) {
    const { by, at, facts } = given;
    if (command.type === 'EstablishArena') {
      ensure(state.status === 'none', 'ARENA_EXISTS', 'An arena with this id exists already');
      const municipality = enrolled(facts);
      return [
        {
          type: 'ArenaEstablished',
          data: {
            arenaId: command.arenaId,
            municipalityId: municipality.municipalityId,
            ...description(command, facts),
            by: by.subject,
            at,
          },
        },
      ];
    }
    assertEstablished(state);
    switch (command.type) {
      case 'UpdateArena':
        return [
          { type: 'ArenaUpdated', data: { ...description(command, facts), by: by.subject, at } },
        ];
      case 'ReferCase': {
        const { referrer, log } = referrerOf(state, command, given);
        ensure(
          !state.referrals[command.referralId],
          'REFERRAL_EXISTS',
          'A referral with this id exists already',
        );
        ensure(!isBlank(command.reason), 'REASON_REQUIRED', 'Say what you need help with');
        return [
          {
            type: 'CaseReferredToArena',
            data: {
              referralId: command.referralId,
              familyId: command.familyId,
              logId: log?.logId ?? null,
              subjectId: log?.subjectId ?? null,
              level: log?.level ?? null,
              referrer,
              consentCoversArena:
                log !== null &&
                memberOutsideConsent(state.memberServices, log.consents, at) === null,
              at,
              personal: { reason: command.reason },
            },
          },
        ];
      }
      case 'AcceptReferral': {
        const decidedBy = member(state, given);
        pendingReferral(state, command.referralId);
        assertStillUnderConsent(state, state.referrals[command.referralId], given);
        assertTextIfGiven(command.note, 'note');
        return [
          {
            type: 'ReferralAccepted',
            data: {
              referralId: command.referralId,
              by: decidedBy,
              at,
              personal: { note: command.note },
            },
          },
        ];
      }
      case 'DeclineReferral': {
        const decidedBy = member(state, given);
        pendingReferral(state, command.referralId);
        ensure(!isBlank(command.reason), 'REASON_REQUIRED', 'Say why the arena declines');
        assertTextIfGiven(command.advice, 'advice');
        ensure(
          command.redirectToArenaId !== state.arenaId,
          'INVALID_REDIRECT',
          'Point to another arena, or give advice',
        );
        ensure(
          command.redirectToArenaId !== null || !isBlank(command.advice),
          'INVALID_REDIRECT',
          'Say where to go instead: another arena, or advice',
        );
        // The family is told where to go: an arena of this municipality that exists.
        ensure(
          command.redirectToArenaId === null ||
            isArenaOf(given.facts.redirectTo, command.redirectToArenaId, state.municipalityId),
          'INVALID_REDIRECT',
          'Point to an arena of this municipality',
        );
        return [
          {
            type: 'ReferralDeclined',
            data: {
              referralId: command.referralId,
              by: decidedBy,
              redirectToArenaId: command.redirectToArenaId,
              at,
              personal: { reason: command.reason, advice: command.advice },
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
      case 'ArenaEstablished': {
        const { by: _by, at: _at, ...arena } = event.data;
        return { status: 'established', ...arena, referrals: {} };
      }
      case 'ArenaUpdated': {
        if (state.status !== 'established') return state;
        const { by: _by, at: _at, ...description } = event.data;
        return { ...state, ...description };
      }
      case 'CaseReferredToArena':
        return state.status !== 'established'
          ? state
          : {
              ...state,
              referrals: {
                ...state.referrals,
                [event.data.referralId]: {
                  status: 'pending',
                  familyId: event.data.familyId,
                  logId: event.data.logId,
                  underConsent: event.data.consentCoversArena,
                },
              },
            };
      case 'ReferralAccepted':
      case 'ReferralDeclined': {
        if (state.status !== 'established') return state;
        const referral = state.referrals[event.data.referralId];
        return {
          ...state,
          referrals: {
            ...state.referrals,
            [event.data.referralId]: {
              ...referral,
              status: event.type === 'ReferralAccepted' ? 'accepted' : 'declined',
            },
          },
        };
      }
      default:
        return unreachable(event);
    }
  },
};

export const arenaStream = (arenaId: string) => `arena-${arenaId}`;

export const ARENA_EVENT_TYPES = [
  'ArenaEstablished',
  'ArenaUpdated',
  'CaseReferredToArena',
  'ReferralAccepted',
  'ReferralDeclined',
] as const satisfies readonly ArenaEvent['type'][];
