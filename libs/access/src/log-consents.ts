import type { ConsentTerms } from '@bti/domain';

/**
 * A log's consents as they stand, for a context that must not read the log's tables: a team's queue
 * shows a case referred under consent only while a consent still names the team. Implemented from
 * the stafettlogg's read model, wired in the API's ports.
 */
export interface LogConsents {
  /** The read models `consentsOf` reads, for a reader to wait for its own writes in. */
  readonly readModels: readonly string[];
  /** Every consent of the log (given, withdrawn, expired …); none for a log that is not there. */
  consentsOf(logId: string): readonly ConsentTerms[];
}

export const LOG_CONSENTS = Symbol('LOG_CONSENTS');
