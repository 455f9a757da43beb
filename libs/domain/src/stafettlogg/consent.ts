import { dateOf } from '../shared/dates';

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

export interface ConsentScope {
  /** The services (not persons) that may share and receive information. */
  readonly services: readonly string[];
  readonly categories: readonly InformationCategory[];
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
  readonly validFrom: string | null;
  readonly validUntil: string | null;
}

/** Given, not withdrawn, and within its validity on the day of `at`. Expired counts as absent. */
export function isConsentActive(consent: ConsentRecord, at: string): boolean {
  if (consent.status !== 'given' || !consent.validFrom || !consent.validUntil) return false;
  const day = dateOf(at);
  return consent.validFrom <= day && day <= consent.validUntil;
}

export function activeConsents(
  consents: Record<string, ConsentRecord>,
  at: string,
): ConsentRecord[] {
  return Object.values(consents).filter((consent) => isConsentActive(consent, at));
}

/** Does one active consent name both this service and this category? */
export function consentCovers(
  consents: Record<string, ConsentRecord>,
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
