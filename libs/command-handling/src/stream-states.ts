import {
  StreamDeleted,
  StreamNotFound,
  type EventStore,
  asDomainEvent,
  type RecordedEvent,
} from '@bti/event-store';
import type { DomainEvent } from '@bti/domain';

/** How a stream's events fold into a state: a decider's `initialState` and `evolve`. */
export interface StateFold<State, Event extends DomainEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
}

/** A command whose events are in the stream: what its first handling wrote, read off their metadata. */
export interface CommandInStream {
  readonly fingerprint: string | null;
  readonly revision: bigint;
  readonly position: bigint;
  readonly eventTypes: readonly string[];
}

/** The commands a stream remembers: the most recent ones (a retry comes soon after its command). */
const RECENT_COMMANDS = 256;

export interface LoadedState<State> {
  readonly state: State;
  readonly revision: bigint | 'no_stream';
  /** The command with this id, if its events are among the stream's recent ones. */
  readonly command: (commandId: string) => CommandInStream | undefined;
  /** Which of the cache's lives the state was loaded in: one ends at every `forgetAll`. */
  readonly era: number;
}

/**
 * A stream's recent commands. One map per cached stream, added to in place: it only ever learns facts
 * from the log (a command and its events), so a load that still holds it may see a newer command —
 * which a duplicate check wants — and copying it on every command cost more than the command itself
 * on a busy log.
 */
type Commands = Map<string, CommandInStream>;
const NO_COMMANDS: ReadonlyMap<string, CommandInStream> = new Map();

interface Cached {
  readonly fold: StateFold<unknown, DomainEvent>;
  readonly state: unknown;
  readonly revision: bigint;
  readonly commands: Commands;
}

/** Adds these events' commands (each event's commandId and fingerprint in its metadata). */
function withCommands(commands: Commands | undefined, events: readonly RecordedEvent[]): Commands {
  const next = commands ?? new Map<string, CommandInStream>();
  for (const event of events) {
    const { commandId, commandFingerprint } = event.metadata;
    const earlier = next.get(commandId);
    next.delete(commandId);
    next.set(commandId, {
      fingerprint: commandFingerprint ?? earlier?.fingerprint ?? null,
      revision: event.revision,
      position: event.position,
      eventTypes: [...(earlier?.eventTypes ?? []), event.type],
    });
  }
  forgetOldest(next);
  return next;
}

function forgetOldest(commands: Commands): void {
  while (commands.size > RECENT_COMMANDS) commands.delete(commands.keys().next().value as string);
}

const loaded = <State>(
  state: State,
  revision: bigint | 'no_stream',
  commands: ReadonlyMap<string, CommandInStream>,
  era: number,
): LoadedState<State> => ({
  state,
  revision,
  command: (commandId: string) => commands.get(commandId),
  era,
});

/**
 * The folded state of recently used streams, kept with its revision. A load reads only the events
 * after the cached revision (usually none), so a command costs the same on a log of ten entries and
 * of ten thousand — and another writer's events (another node, the CLI) are still seen, because the
 * store is always asked. Deciders' states are immutable, so a cached state is never changed in place.
 */
export class StreamStates {
  private readonly cache = new Map<string, Cached>();
  private era = 0;
  private readonly erasuresSeen = new Set<string>();

  constructor(
    private readonly store: EventStore,
    private readonly maxStreams = 20_000,
  ) {}

  async load<State, Event extends DomainEvent>(
    stream: string,
    fold: StateFold<State, Event>,
  ): Promise<LoadedState<State>> {
    const era = this.era;
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
      return loaded(fold.initialState(), 'no_stream', NO_COMMANDS, this.era);
    }
    // Everything was forgotten while the events were read (an erasure, perhaps read by this very
    // read): the state they would be folded onto may hold what the erasure took, so read it all again.
    if (era !== this.era) return this.load(stream, fold);
    if (known && events.length === 0) {
      this.touch(stream, known);
      return loaded(known.state as State, known.revision, known.commands, era);
    }
    let state = known ? (known.state as State) : fold.initialState();
    for (const event of events) state = fold.evolve(state, asDomainEvent<Event>(event));
    const commands = withCommands(known?.commands, events);
    const revision =
      events.length > 0 ? events[events.length - 1].revision : (known?.revision ?? -1n);
    if (revision < 0n) return loaded(state, 'no_stream', commands, era);
    this.touch(stream, { fold: fold as unknown as Cached['fold'], state, revision, commands });
    return loaded(state, revision, commands, era);
  }

  /**
   * The state after this node's own append (and the command that made it), so it need not be read
   * back. `era`: that of the load the state was folded from; a state from before a `forgetAll` is
   * not kept.
   */
  remember<State, Event extends DomainEvent>(
    stream: string,
    fold: StateFold<State, Event>,
    state: State,
    revision: bigint,
    command?: { readonly commandId: string } & CommandInStream,
    era = this.era,
  ): void {
    if (era !== this.era) return;
    const cached = this.cache.get(stream);
    const commands = cached?.fold === fold ? cached.commands : new Map<string, CommandInStream>();
    if (command) {
      const { commandId, ...answer } = command;
      commands.delete(commandId);
      commands.set(commandId, answer);
      forgetOldest(commands);
    }
    // Another command on this stream may have remembered a later state already: keep the later one.
    if (cached && cached.fold === fold && cached.revision > revision) return;
    this.touch(stream, {
      fold: fold as unknown as StateFold<unknown, DomainEvent>,
      state,
      revision,
      commands,
    });
  }

  /**
   * Forgets every state; a load under way reads its stream again, and a command's state folded from
   * an earlier load is not remembered: an erasure leaves no
   * family's personal data opened in memory (a family's states hold names and birth dates, and which
   * streams are a family's is not known here). Erasures are rare; the next loads read their streams.
   */
  forgetAll(): void {
    this.cache.clear();
    this.era++;
  }

  /**
   * `forgetAll` at a family's erasure, the first time this process sees it: the erasure is read
   * again with every later read of the family's stream, and by then nothing opened is left to forget.
   */
  forgetAtErasure(familyId: string): void {
    if (this.erasuresSeen.has(familyId)) return;
    this.erasuresSeen.add(familyId);
    this.forgetAll();
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
