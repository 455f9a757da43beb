import {
  StreamDeleted,
  StreamNotFound,
  type EventStore,
  type RecordedEvent,
} from '@bti/event-store';
import type { DomainEvent } from '@bti/domain';

/** How a stream's events fold into a state: a decider's `initialState` and `evolve`. */
export interface StateFold<State, Event extends DomainEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
}

export interface LoadedState<State> {
  readonly state: State;
  readonly revision: bigint | 'no_stream';
}

interface Cached {
  readonly fold: StateFold<unknown, DomainEvent>;
  readonly state: unknown;
  readonly revision: bigint;
}

const asDomainEvent = <Event extends DomainEvent>(recorded: RecordedEvent): Event =>
  ({ type: recorded.type, data: recorded.data }) as unknown as Event;

/**
 * The folded state of recently used streams, kept with its revision. A load reads only the events
 * after the cached revision (usually none), so a command costs the same on a log of ten entries and
 * of ten thousand — and another writer's events (another node, the CLI) are still seen, because the
 * store is always asked. Deciders' states are immutable, so a cached state is never changed in place.
 */
export class StreamStates {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly store: EventStore,
    private readonly maxStreams = 20_000,
  ) {}

  async load<State, Event extends DomainEvent>(
    stream: string,
    fold: StateFold<State, Event>,
  ): Promise<LoadedState<State>> {
    const cached = this.cache.get(stream);
    const known = cached && cached.fold === fold ? cached : undefined;
    let events: RecordedEvent[];
    try {
      events = await this.store.readStream(
        stream,
        known ? { from: known.revision + 1n } : undefined,
      );
    } catch (error) {
      if (!(error instanceof StreamNotFound) && !(error instanceof StreamDeleted)) throw error;
      this.cache.delete(stream);
      return { state: fold.initialState(), revision: 'no_stream' };
    }
    if (known && events.length === 0) {
      this.touch(stream, known);
      return { state: known.state as State, revision: known.revision };
    }
    let state = known ? (known.state as State) : fold.initialState();
    for (const event of events) state = fold.evolve(state, asDomainEvent<Event>(event));
    const revision =
      events.length > 0 ? events[events.length - 1].revision : (known?.revision ?? -1n);
    if (revision < 0n) return { state, revision: 'no_stream' };
    this.remember(stream, fold, state, revision);
    return { state, revision };
  }

  /** The state after this node's own append, so the next command need not read it back. */
  remember<State, Event extends DomainEvent>(
    stream: string,
    fold: StateFold<State, Event>,
    state: State,
    revision: bigint,
  ): void {
    // Another command on this stream may have remembered a later state already: keep the later one.
    const cached = this.cache.get(stream);
    if (cached && cached.fold === fold && cached.revision > revision) return;
    this.touch(stream, {
      fold: fold as unknown as StateFold<unknown, DomainEvent>,
      state,
      revision,
    });
  }

  private touch(stream: string, entry: Cached): void {
    this.cache.delete(stream);
    this.cache.set(stream, entry);
    if (this.cache.size > this.maxStreams) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
