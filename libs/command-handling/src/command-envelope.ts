import type { Actor } from '@bti/domain';

/** What every command carries besides its own fields. */
export interface CommandEnvelope {
  readonly commandId: string;
  /** Who acts, as the sign-in and the staff register establish it. */
  readonly actor: Actor;
  /** When the command is handled (domain time). */
  readonly occurredAt: string;
  readonly correlationId?: string;
  readonly causationId?: string | null;
  /** From If-Match: the revision the client saw; a different current revision is a 409. */
  readonly expectedRevision?: bigint;
}

export interface CommandOutcome {
  readonly stream: string;
  /** The stream's revision after the command: send it back as If-Match. */
  readonly revision: bigint;
  /** The global position written: pass it to a query to read your own write. */
  readonly position: bigint;
  /** True when this commandId had been handled before; nothing was written this time. */
  readonly duplicate: boolean;
  /** The events the command wrote (for a duplicate: the events its first handling wrote). */
  readonly eventTypes: readonly string[];
}
