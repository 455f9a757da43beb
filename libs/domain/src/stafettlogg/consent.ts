import { DEFAULT_HANDLINGSVEILEDER, type Handlingsveileder } from '../municipality/municipality';
import { ageOn, dateOf } from '../shared/dates';
import type { KnownStafettlogg } from './state';

/** What may be shared under a consent; every entry carries one, and a reader sees it only where both meet. */
export const INFORMATION_CATEGORIES = [
  'school_situation',
  'kindergarten_situation',
  'health',
  'development_and_learning',
  'family_situation',
  'child_welfare',
  'leisure',
  'economy_and_housing',
] as const;
export type InformationCategory = (typeof INFORMATION_CATEGORIES)[number];

/** What a consent lets be shared, and between whom: what decides what it covers. */
export interface SharingScope {
  /** The services (not persons) that may share and receive information. */
  readonly services: readonly string[];
  readonly categories: readonly InformationCategory[];
}

export interface ConsentScope extends SharingScope {
  /** Why, in the services' words to the family: personal data (in the event, under `personal`). */
  readonly purpose: string;
}

export type ConsentGiver =
  | { readonly kind: 'guardian'; readonly guardianId: string }
  | { readonly kind: 'youth'; readonly subjectId: string };

export type ConsentForm =
  { readonly kind: 'digital' } | { readonly kind: 'paper'; readonly reference: string };

export interface ConsentRecord {
  readonly consentId: string;
  readonly status: 'requested' | 'given' | 'refused' | 'withdrawn';
  readonly scope: ConsentScope;
  readonly givenBy: ConsentGiver | null;
  /** When it was given or refused: who answers is decided by the consent age on that day. */
  readonly answeredAt: string | null;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
}

/** The parts of a consent that decide what it covers; a read model's consent view has them too. */
export type ConsentTerms = Pick<ConsentRecord, 'status' | 'validFrom' | 'validUntil'> & {
  readonly scope: SharingScope;
};

/** Given, not withdrawn, and within its validity on the day of `at`. Expired counts as absent. */
export function isConsentActive(consent: ConsentTerms, at: string): boolean {
  if (consent.status !== 'given' || !consent.validFrom || !consent.validUntil) return false;
  const day = dateOf(at);
  return consent.validFrom <= day && day <= consent.validUntil;
}

export function activeConsents<C extends ConsentTerms>(consents: Iterable<C>, at: string): C[] {
  return [...consents].filter((consent) => isConsentActive(consent, at));
}

/**
 * Does one active consent name both this service and this category? The one answer to "what does
 * consent cover", for the decider and for every reader.
 */
export function consentCovers(
  consents: Iterable<ConsentTerms>,
  at: string,
  serviceId: string,
  category?: InformationCategory,
): boolean {
  return activeConsents(consents, at).some(
    (consent) =>
      consent.scope.services.includes(serviceId) &&
      (category === undefined || consent.scope.categories.includes(category)),
  );
}

/** Why a service may not act in (or read) a log now, or 'ok'. */
export type ServiceMayActAnswer =
  'ok' | 'CONSENT_REQUIRED' | 'OUTSIDE_CONSENT_SCOPE' | 'SERVICE_NOT_PARTICIPATING';

/**
 * A service acts in and reads a log only while it takes part and an active consent names it (and the
 * category, when there is one). The one rule behind both a write's 422 and a read's.
 */
export function serviceMayAct(
  consents: Iterable<ConsentTerms>,
  participates: boolean,
  at: string,
  serviceId: string,
  category?: InformationCategory,
): ServiceMayActAnswer {
  const active = activeConsents(consents, at);
  if (active.length === 0) return 'CONSENT_REQUIRED';
  // The log-level answers first, so a read (which has no category) and a write agree.
  if (!consentCovers(active, at, serviceId)) return 'OUTSIDE_CONSENT_SCOPE';
  if (!participates) return 'SERVICE_NOT_PARTICIPATING';
  if (category !== undefined && !consentCovers(active, at, serviceId, category))
    return 'OUTSIDE_CONSENT_SCOPE';
  return 'ok';
}

/**
 * The consent age a log goes by: its own rules', or — while it awaits consent and has none yet — the
 * municipality's handlingsveileder's, or the default's.
 */
export function consentAgeOf(
  log: KnownStafettlogg,
  municipality: { readonly handlingsveileder: Handlingsveileder } | null,
): number {
  return log.status === 'awaiting_consent'
    ? (municipality?.handlingsveileder.consentAge ?? DEFAULT_HANDLINGSVEILEDER.consentAge)
    : log.rules.consentAge;
}

/** Whether the young person consents alone: from the consent age; a pregnancy has no age yet. */
/** Parental responsibility ends when the child comes of age (barneloven § 30). */
export const AGE_OF_MAJORITY = 18;

/** Whether the subject has come of age on `at`'s day: their parents no longer decide or read for them. */
export function isOfAge(birthDate: string | null, at: string): boolean {
  return birthDate !== null && ageOn(birthDate, dateOf(at)) >= AGE_OF_MAJORITY;
}

export function youthConsentsAlone(
  birthDate: string | null,
  consentAge: number,
  at: string,
): boolean {
  return birthDate !== null && ageOn(birthDate, dateOf(at)) >= consentAge;
}
