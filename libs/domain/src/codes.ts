import { ARENA_RULE_CODES } from './arena/arena';
import { CONCERN_RULE_CODES } from './concern/concern';
import { DISCUSSION_RULE_CODES } from './discussion/discussion';
import { PROGRAMME_RULE_CODES } from './programme/programme';
import { FAMILY_RULE_CODES } from './family/family';
import { MUNICIPALITY_RULE_CODES } from './municipality/municipality';
import { MEETING_RULE_CODES } from './meeting/codes';
import { STAFETTLOGG_RULE_CODES } from './stafettlogg/codes';

/** Every context's rule codes, the one source for the API's 422/404 answers and for docs/domain.md. */
export const RULE_CODES_BY_CONTEXT = {
  municipality: MUNICIPALITY_RULE_CODES,
  family: FAMILY_RULE_CODES,
  concern: CONCERN_RULE_CODES,
  stafettlogg: STAFETTLOGG_RULE_CODES,
  meeting: MEETING_RULE_CODES,
  arena: ARENA_RULE_CODES,
  discussion: DISCUSSION_RULE_CODES,
  programme: PROGRAMME_RULE_CODES,
} as const;

export type DomainRuleCode =
  (typeof RULE_CODES_BY_CONTEXT)[keyof typeof RULE_CODES_BY_CONTEXT][number];
