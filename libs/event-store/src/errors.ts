import type { ExpectedRevision } from './event-store.port';

/** The stream's actual revision when it does not exist. */
export type ActualRevision = bigint | 'no_stream';

export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class WrongExpectedRevision extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(
      `Stream ${stream} was expected at ${String(expected)} but is at ${String(actual)}; reload and retry`,
    );
  }
}

export class StreamNotFound extends EventStoreError {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly stream: string) {
    super(`Stream ${stream} does not exist`);
  }
}

export class StreamDeleted extends EventStoreError {
  readonly code = 'STREAM_DELETED';
  constructor(readonly stream: string) {
    super(`Stream ${stream} has been deleted`);
  }
}

export class InvalidAppend extends EventStoreError {
  readonly code = 'INVALID_APPEND';
}

/** An append larger than the store takes in one write (EventStoreDB's default maximum, 1 MiB). */
export class AppendTooLarge extends EventStoreError {
  readonly code = 'APPEND_TOO_LARGE';
  /** `bytes` is null when the server refused the append without saying its size. */
  constructor(
    readonly bytes: number | null,
    readonly maximum: number,
  ) {
    super(
      `The append is ${bytes === null ? 'over the maximum' : `${bytes} bytes`}; the store takes at most ${maximum} bytes in one append`,
    );
  }
}

/**
 * A reader that may not delete keys (`keysReadOnly`: a child process building read models) read a
 * family's erasure whose key is still there — a crash between recording it and deleting the key. The
 * process that owns the keys deletes it when it reads the event, and rebuilds after that.
 */
export class ErasureNotYetApplied extends EventStoreError {
  readonly code = 'ERASURE_NOT_YET_APPLIED';
  constructor() {
    super(
      'A recorded erasure whose key is not deleted yet was read by a reader that may not delete keys',
    );
  }
}

/** Personal data for a family whose key was deleted by an ordered erasure: it can no longer be stored. */
export class FamilyErased extends EventStoreError {
  readonly code = 'FAMILY_ERASED';
  constructor(readonly familyId: string) {
    super('This family’s personal data has been erased; nothing personal can be added to it');
  }
}
