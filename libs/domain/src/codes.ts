import { CONCERN_RULE_CODES } from './concern/concern';
import { FAMILY_RULE_CODES } from './family/family';
import { MUNICIPALITY_RULE_CODES } from './municipality/municipality';
import { STAFETTLOGG_RULE_CODES } from './stafettlogg/codes';

/** Every context's rule codes, the one source for the API's 422/404 answers and for docs/domain.md. */
export const RULE_CODES_BY_CONTEXT = {
  municipality: MUNICIPALITY_RULE_CODES,
  family: FAMILY_RULE_CODES,
  concern: CONCERN_RULE_CODES,
  stafettlogg: STAFETTLOGG_RULE_CODES,
} as const;

export type DomainRuleCode =
  (typeof RULE_CODES_BY_CONTEXT)[keyof typeof RULE_CODES_BY_CONTEXT][number];
