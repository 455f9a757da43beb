import type { RuleDetails } from './decider';

/**
 * A broken domain rule (no consent, handover not accepted …). Deciders throw it; the API answers 422
 * with the machine-readable `code`, so a client can react without parsing prose — or 404 for the
 * codes in NOT_FOUND_CODES.
 */
export class DomainRuleViolation<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: RuleDetails = {},
  ) {
    super(message);
    this.name = 'DomainRuleViolation';
  }
}

/**
 * Codes that mean "the thing named in the URL is not there for you". The API answers 404 for them and
 * never says whether it exists for someone else.
 */
export const NOT_FOUND_CODES = [
  'FAMILY_NOT_FOUND',
  'CONCERN_NOT_FOUND',
  'STAFETTLOGG_NOT_FOUND',
  'MUNICIPALITY_NOT_FOUND',
  'MEETING_NOT_FOUND',
  'DECISION_NOT_FOUND',
  'ARENA_NOT_FOUND',
  'REFERRAL_NOT_FOUND',
  'DISCUSSION_NOT_FOUND',
  'INITIATIVE_NOT_FOUND',
  'METRIC_NOT_FOUND',
  'AREA_NOT_FOUND',
] as const;
export type NotFoundCode = (typeof NOT_FOUND_CODES)[number];

export function isNotFound(error: DomainRuleViolation): boolean {
  return (NOT_FOUND_CODES as readonly string[]).includes(error.code);
}

export function notFound(
  code: NotFoundCode,
  message = 'Not found',
): DomainRuleViolation<NotFoundCode> {
  return new DomainRuleViolation(code, message);
}
