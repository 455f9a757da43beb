/**
 * A broken domain rule (no consent, handover not accepted …). Deciders throw it; the API answers 422
 * with the machine-readable `code`, so a client can react without parsing prose.
 */
export class DomainRuleViolation extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, string | number | boolean | null> = {},
  ) {
    super(message);
    this.name = 'DomainRuleViolation';
  }
}

/**
 * Codes that mean "the thing named in the URL is not there for you". The API answers 404 for them and
 * never says whether it exists for someone else.
 */
export const NOT_FOUND_CODES: ReadonlySet<string> = new Set([
  'FAMILY_NOT_FOUND',
  'CONCERN_NOT_FOUND',
  'STAFETTLOGG_NOT_FOUND',
  'MUNICIPALITY_NOT_FOUND',
]);

export function notFound(code: string, message = 'Not found'): DomainRuleViolation {
  return new DomainRuleViolation(code, message);
}
