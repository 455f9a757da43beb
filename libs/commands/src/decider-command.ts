import type { Actor, Decider, DomainEvent, JsonObject } from '@bti/domain';
import {
  DomainRuleViolation,
  foldEvents,
  municipalityDecider,
  municipalityStream,
  type EnrolledMunicipality,
} from '@bti/domain';
import {
  StreamNotFound,
  WrongExpectedRevision,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from '@bti/event-store';

/** What every command carries besides its own fields. */
export interface CommandContext {
  readonly commandId: string;
  readonly actor: Actor;
  readonly municipalityId: string | null;
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
  readonly eventTypes: readonly string[];
}

/** Every event type is at schema version 1 so far; an upcaster registry comes with the first change. */
const SCHEMA_VERSION = 1;

export async function loadStream<Event extends DomainEvent>(
  store: EventStore,
  stream: string,
): Promise<{ events: Event[]; revision: bigint | 'no_stream' }> {
  try {
    const recorded = await store.readStream(stream);
    return {
      events: recorded.map(
        (e: RecordedEvent) => ({ type: e.type, data: e.data }) as unknown as Event,
      ),
      revision: recorded.length > 0 ? recorded[recorded.length - 1].revision : 'no_stream',
    };
  } catch (error) {
    if (error instanceof StreamNotFound) return { events: [], revision: 'no_stream' };
    throw error;
  }
}

export async function loadState<Command, State, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, State, Event>,
): Promise<{ state: State; revision: bigint | 'no_stream' }> {
  const { events, revision } = await loadStream<Event>(store, stream);
  return { state: foldEvents(decider, events), revision };
}

const MAX_ATTEMPTS = 3;

/**
 * Load → decide → append with the stream's revision. A repeated commandId returns the first result
 * without deciding again. Without If-Match, a concurrent writer is handled by deciding again on the
 * fresh state (the rules are checked against what is really there); with If-Match it is a 409.
 */
export async function executeDecider<Command, State, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, State, Event>,
  decide: (state: State) => Command,
  context: CommandContext,
): Promise<CommandOutcome> {
  const earlier = await store.commandResult(context.commandId);
  if (earlier && earlier.stream !== stream) {
    // A client that reuses an id for another change would otherwise lose that change in silence.
    throw new DomainRuleViolation(
      'COMMAND_ID_REUSED',
      'This commandId was used for another change; make a new one for each intended change',
    );
  }
  if (earlier) {
    return {
      stream,
      revision: earlier.nextExpectedRevision,
      position: earlier.position,
      duplicate: true,
      eventTypes: [],
    };
  }
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = await loadState(store, stream, decider);
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new WrongExpectedRevision(stream, context.expectedRevision, revision);
    }
    const events = decider.decide(decide(state), state);
    const metadata = {
      commandId: context.commandId,
      correlationId: context.correlationId ?? context.commandId,
      causationId: context.causationId ?? null,
      actor: context.actor,
      municipalityId: context.municipalityId,
      occurredAt: context.occurredAt,
      schemaVersion: SCHEMA_VERSION,
    };
    const toAppend: EventToAppend[] = events.map((event) => ({
      type: event.type,
      data: event.data as JsonObject,
      metadata,
    }));
    try {
      const result = await store.append(stream, toAppend, revision, {
        commandId: context.commandId,
      });
      return {
        stream,
        revision: result.nextExpectedRevision,
        position: result.position,
        duplicate: result.duplicate,
        eventTypes: result.duplicate ? [] : events.map((e) => e.type),
      };
    } catch (error) {
      const retry =
        error instanceof WrongExpectedRevision &&
        context.expectedRevision === undefined &&
        attempt < MAX_ATTEMPTS;
      if (!retry) throw error;
    }
  }
}

/** The municipality's state, or `MUNICIPALITY_NOT_ENROLLED` when it has not been enrolled. */
export async function loadEnrolledMunicipality(
  store: EventStore,
  municipalityId: string,
): Promise<EnrolledMunicipality> {
  const { state } = await loadState(store, municipalityStream(municipalityId), municipalityDecider);
  if (state.status !== 'enrolled') {
    throw new DomainRuleViolation(
      'MUNICIPALITY_NOT_ENROLLED',
      'Your municipality is not enrolled yet',
    );
  }
  return state;
}
