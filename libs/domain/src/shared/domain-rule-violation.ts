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
