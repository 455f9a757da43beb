import { addDays, ageOn, CASE_DAYS_BACK, dateOf, isIsoDate } from '../shared/dates';
import {
  ensure as ensureRule,
  unreachable,
  type Decider,
  type DomainEvent,
  type Ensure,
} from '../shared/decider';

export const FAMILY_RULE_CODES = [
  'MUNICIPALITY_NOT_ENROLLED',
  'FAMILY_ID_TAKEN',
  'FAMILY_NOT_FOUND',
  'SUBJECT_EXISTS',
  'SUBJECT_NOT_FOUND',
  'INVALID_SUBJECT',
  'SUBJECT_TOO_OLD',
  'NOT_A_PREGNANCY',
  'GUARDIAN_EXISTS',
  'NO_CHANGE',
  'IDENTITY_IN_USE',
  'BELOW_SIGN_IN_AGE',
  'FAMILY_ERASED',
] as const;
export type FamilyRuleCode = (typeof FAMILY_RULE_CODES)[number];
const ensure: Ensure<FamilyRuleCode> = ensureRule;

/**
 * Personal data sits under `personal` in every event, so that the privacy work can encrypt exactly
 * these fields per family (crypto-shredding) without touching the rest.
 */
export interface SubjectPersonalData {
  readonly name: string;
  readonly birthDate: string | null;
  readonly expectedBirthDate: string | null;
}

export type SubjectKind = 'pregnancy' | 'child' | 'youth';

export interface Subject {
  readonly subjectId: string;
  readonly kind: SubjectKind;
  /** The young person's sign-in subject, once they have one (for consent from the consent age). */
  readonly identitySubject: string | null;
  readonly personal: SubjectPersonalData;
}

export interface Guardian {
  readonly guardianId: string;
  /** The guardian's sign-in subject (ID-porten pseudonym), linking a signed-in guardian to the family. */
  readonly identitySubject: string;
  readonly parentalResponsibility: boolean;
  readonly personal: { readonly name: string; readonly contact: string | null };
}

export type FamilyEvent =
  | DomainEvent<'FamilyRegistered', { familyId: string; municipalityId: string }>
  | DomainEvent<'SubjectAdded', Subject>
  | DomainEvent<'ChildBorn', { subjectId: string; personal: SubjectPersonalData }>
  | DomainEvent<'GuardianAdded', Guardian>
  | DomainEvent<'SubjectIdentityLinked', { subjectId: string; identitySubject: string }>
  | DomainEvent<
      'FamilyErased',
      {
        familyId: string;
        /** Why: a court order, the data subject's right to erasure, or registered in error. */
        reasonCode: ErasureReason;
        at: string;
      }
    >;

/** The grounds an erasure may be ordered on; archive duty comes first, so these are the exceptions. */
export const ERASURE_REASONS = ['court_order', 'gdpr_article_17', 'registered_in_error'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export type FamilyCommand =
  | { type: 'RegisterFamily'; familyId: string }
  | { type: 'AddSubject'; subject: Subject }
  | { type: 'RecordBirth'; subjectId: string; name: string; birthDate: string }
  | { type: 'AddGuardian'; guardian: Guardian }
  | { type: 'LinkSubjectIdentity'; subjectId: string; identitySubject: string }
  | { type: 'EraseFamily'; reasonCode: ErasureReason };

export type FamilyState =
  | { status: 'unknown' }
  | {
      status: 'registered';
      familyId: string;
      municipalityId: string;
      subjects: Record<string, Subject>;
      guardians: Record<string, Guardian>;
      /** After an ordered erasure nothing is added to the family again. */
      erased?: boolean;
    };

export type RegisteredFamily = Extract<FamilyState, { status: 'registered' }>;

/** What registering a family needs to know: the municipality the registering staff works in. */
export interface FamilyFacts {
  /** The actor's municipality, or null when it is not enrolled. */
  readonly municipality: { readonly municipalityId: string } | null;
}

/** The programme covers 0–24: a young person is in scope until the day they turn 25. */
export const MAX_SUBJECT_AGE = 24;
/** A young person (`youth`) from the programme's 13–18 age band on; below it a child. */
export const YOUTH_FROM_AGE = 13;
/**
 * A young person's own sign-in is for consenting alone and reading their own log from the consent
 * age (15 or 16 by municipality, fixed in each log's rules when it opens). From 13 it is ready before
 * any consent age, whichever a log goes by, without the register having to know the logs.
 */
export const SIGN_IN_FROM_AGE = 13;
/** The longest a pregnancy lasts (43 weeks), and how long past its expected date a birth may come. */
const PREGNANCY_DAYS = 301;
const PREGNANCY_OVERDUE_DAYS = 30;

/** Whether a sign-in is any member's of the family already: one sign-in is one member. */
function signInTaken(state: RegisteredFamily, identitySubject: string): boolean {
  return (
    Object.values(state.subjects).some((s) => s.identitySubject === identitySubject) ||
    Object.values(state.guardians).some((g) => g.identitySubject === identitySubject)
  );
}

export function assertRegistered(state: FamilyState): asserts state is RegisteredFamily {
  ensure(state.status === 'registered', 'FAMILY_NOT_FOUND', 'The family is not registered');
}

function validateSubject(subject: Subject, today: string): void {
  const { birthDate, expectedBirthDate } = subject.personal;
  if (subject.kind === 'pregnancy') {
    ensure(
      expectedBirthDate && isIsoDate(expectedBirthDate),
      'INVALID_SUBJECT',
      'A pregnancy needs an expected birth date',
    );
    // A pregnancy is expected within the weeks a pregnancy lasts, give or take a late birth: one
    // expected in 2020 or in 2030 was registered as given (found from outside).
    ensure(
      expectedBirthDate >= addDays(today, -PREGNANCY_OVERDUE_DAYS) &&
        expectedBirthDate <= addDays(today, PREGNANCY_DAYS),
      'INVALID_SUBJECT',
      'A pregnancy is expected within the next 43 weeks, or at most 30 days past',
    );
    ensure(
      birthDate === null,
      'INVALID_SUBJECT',
      'A pregnancy has no birth date yet; record the birth when the child is born',
    );
    return;
  }
  ensure(
    birthDate && isIsoDate(birthDate),
    'INVALID_SUBJECT',
    'A child or young person needs a birth date',
  );
  ensure(birthDate <= today, 'INVALID_SUBJECT', 'The birth date is in the future');
  const age = ageOn(birthDate, today);
  ensure(
    age <= MAX_SUBJECT_AGE,
    'SUBJECT_TOO_OLD',
    'BTI covers children and young people up to 24',
    { age },
  );
  if (subject.kind === 'child')
    ensure(age < 18, 'INVALID_SUBJECT', 'From 18 the subject is a young person (youth)', { age });
  // A young person of 5 was registered as given (found from outside).
  if (subject.kind === 'youth')
    ensure(
      age >= YOUTH_FROM_AGE,
      'INVALID_SUBJECT',
      `A young person (youth) is ${YOUTH_FROM_AGE} or older; younger is a child`,
      { age },
    );
  // Only a birth recorded for a pregnancy keeps the date it was expected; a child added as born
  // with one as well read as a pregnancy and a child at once (found from outside).
  ensure(
    expectedBirthDate === null,
    'INVALID_SUBJECT',
    'A child or young person has no expected birth date; a pregnancy keeps its own when the birth is recorded',
  );
}

/** A sign-in is the young person's own: none for a pregnancy, and none before the sign-in age. */
function ensureMaySignIn(subject: Subject, today: string): void {
  const { birthDate } = subject.personal;
  ensure(
    subject.kind !== 'pregnancy' && birthDate,
    'INVALID_SUBJECT',
    'A pregnancy has no sign-in of its own',
  );
  const age = ageOn(birthDate, today);
  ensure(
    age >= SIGN_IN_FROM_AGE,
    'BELOW_SIGN_IN_AGE',
    `A young person’s own sign-in is linked from ${SIGN_IN_FROM_AGE}`,
    { age },
  );
}

export const familyDecider: Decider<FamilyCommand, FamilyState, FamilyEvent, FamilyFacts> = {
  initialState: () => ({ status: 'unknown' }),

  decide(command, state, { at, facts }) {
    const today = dateOf(at);
    if (command.type === 'RegisterFamily') {
      ensure(
        facts.municipality,
        'MUNICIPALITY_NOT_ENROLLED',
        'Your municipality is not enrolled yet',
      );
      // The same answer whoever holds the id, so it tells nobody where a family is registered.
      ensure(
        state.status === 'unknown',
        'FAMILY_ID_TAKEN',
        'This familyId is taken; make a new id for a new family',
      );
      return [
        {
          type: 'FamilyRegistered',
          data: { familyId: command.familyId, municipalityId: facts.municipality.municipalityId },
        },
      ];
    }
    assertRegistered(state);
    ensure(!state.erased, 'FAMILY_ERASED', 'This family’s personal data has been erased');
    switch (command.type) {
      case 'EraseFamily':
        return [
          {
            type: 'FamilyErased',
            data: {
              familyId: state.familyId,
              reasonCode: command.reasonCode,
              at,
            },
          },
        ];
      case 'AddSubject':
        // One id, one person: read models keep a family's people by id, where a guardian and a child of
        // one id were one row — the guardian's sign-in read as the child's (found from outside).
        ensure(
          !state.subjects[command.subject.subjectId] && !state.guardians[command.subject.subjectId],
          'SUBJECT_EXISTS',
          'A subject or guardian with this id exists in the family',
        );
        validateSubject(command.subject, today);
        if (command.subject.identitySubject) ensureMaySignIn(command.subject, today);
        // A sign-in given here as anywhere else: a young person added with the mother's sign-in
        // would have read as her, and she as them (found from outside).
        ensure(
          !command.subject.identitySubject || !signInTaken(state, command.subject.identitySubject),
          'IDENTITY_IN_USE',
          'This sign-in belongs to another member of the family',
        );
        return [{ type: 'SubjectAdded', data: command.subject }];
      case 'RecordBirth': {
        const subject = state.subjects[command.subjectId];
        ensure(subject, 'SUBJECT_NOT_FOUND', 'No such subject in the family');
        ensure(
          subject.kind === 'pregnancy',
          'NOT_A_PREGNANCY',
          'Only a pregnancy becomes a child at birth',
        );
        ensure(
          isIsoDate(command.birthDate) &&
            command.birthDate <= today &&
            command.birthDate >= addDays(today, -CASE_DAYS_BACK),
          'INVALID_SUBJECT',
          'The birth is recorded within a year of the day it happened',
        );
        return [
          {
            type: 'ChildBorn',
            data: {
              subjectId: command.subjectId,
              personal: {
                name: command.name,
                birthDate: command.birthDate,
                expectedBirthDate: subject.personal.expectedBirthDate,
              },
            },
          },
        ];
      }
      case 'AddGuardian':
        ensure(
          !state.guardians[command.guardian.guardianId] &&
            !state.subjects[command.guardian.guardianId],
          'GUARDIAN_EXISTS',
          'A guardian or subject with this id exists in the family',
        );
        ensure(
          !Object.values(state.guardians).some(
            (g) => g.identitySubject === command.guardian.identitySubject,
          ),
          'GUARDIAN_EXISTS',
          'This person is a guardian in the family already',
        );
        // A young person's sign-in as a guardian with parental responsibility read their sibling's
        // log as a parent (found from outside).
        ensure(
          !signInTaken(state, command.guardian.identitySubject),
          'IDENTITY_IN_USE',
          'This sign-in belongs to another member of the family',
        );
        return [{ type: 'GuardianAdded', data: command.guardian }];
      case 'LinkSubjectIdentity': {
        // A child who reaches the consent age signs in to consent and to read their own log.
        const subject = state.subjects[command.subjectId];
        ensure(subject, 'SUBJECT_NOT_FOUND', 'No such subject in the family');
        ensureMaySignIn(subject, today);
        ensure(
          subject.identitySubject !== command.identitySubject,
          'NO_CHANGE',
          'This sign-in is linked already',
        );
        ensure(
          !signInTaken(state, command.identitySubject),
          'IDENTITY_IN_USE',
          'This sign-in belongs to another member of the family',
        );
        return [
          {
            type: 'SubjectIdentityLinked',
            data: { subjectId: command.subjectId, identitySubject: command.identitySubject },
          },
        ];
      }
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    if (event.type === 'FamilyRegistered')
      return { status: 'registered', ...event.data, subjects: {}, guardians: {} };
    if (state.status !== 'registered') return state;
    switch (event.type) {
      case 'SubjectAdded':
        return { ...state, subjects: { ...state.subjects, [event.data.subjectId]: event.data } };
      case 'ChildBorn': {
        const subject = state.subjects[event.data.subjectId];
        return {
          ...state,
          subjects: {
            ...state.subjects,
            [subject.subjectId]: { ...subject, kind: 'child', personal: event.data.personal },
          },
        };
      }
      case 'GuardianAdded':
        return { ...state, guardians: { ...state.guardians, [event.data.guardianId]: event.data } };
      case 'SubjectIdentityLinked': {
        const subject = state.subjects[event.data.subjectId];
        return {
          ...state,
          subjects: {
            ...state.subjects,
            [subject.subjectId]: { ...subject, identitySubject: event.data.identitySubject },
          },
        };
      }
      case 'FamilyErased':
        return { ...state, erased: true };
      default:
        return unreachable(event);
    }
  },
};

export const familyStream = (familyId: string) => `family-${familyId}`;
