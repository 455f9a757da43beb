import type { Actor, CaseRecordRead } from '@bti/domain';

/** What a query says about the read it is about to answer; the recorder adds who and when. */
export type ReadToRecord = Omit<CaseRecordRead, 'reader' | 'at' | 'reasonCode'> & {
  readonly reasonCode?: string | null;
};

/**
 * Records each read of a family's case by someone outside the family, as an event, before the
 * content is returned: a read that could not be recorded is not answered. Implemented by the
 * access-log context; the queries of the case contexts call it.
 */
export interface AccessRecorder {
  recordRead(actor: Actor, read: ReadToRecord): Promise<void>;
}

export const ACCESS_RECORDER = Symbol('ACCESS_RECORDER');
