import type { Actor, Decider, DomainEvent } from '@bti/domain';
import type { StreamStates } from './stream-states';

/**
 * One context's part of the command path: its streams, its decider, the facts its rules need from
 * other streams, and the visibility policy's answer on whether the actor may act on this stream.
 */
export interface CommandSlice<
  Command extends { readonly type: string },
  State,
  Event extends DomainEvent,
  Facts,
> {
  /** The context's name, as commands and docs know it (`stafettlogg`). */
  readonly context: string;
  readonly stream: (id: string) => string;
  readonly decider: Decider<Command, State, Event, Facts>;
  /** Loads the facts from other streams (through the same cache), as the actor may know them. */
  loadFacts(command: Command, state: State, actor: Actor, streams: StreamStates): Promise<Facts>;
  /** The municipality a stream belongs to (after its events), for the events' metadata. */
  municipalityOf(state: State, id: string): string | null;
  /**
   * Throws a not-found violation when the actor may not know this stream exists, or ActionForbidden
   * when they may know it but their role or position does not allow the command.
   */
  authorize(
    actor: Actor,
    command: Command,
    state: State,
    facts: Facts,
    id: string,
    /** When the command is handled: what a person may know can end with time (a child's 18th birthday). */
    at: string,
  ): void;
}
