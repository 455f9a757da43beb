import type { JsonObject } from './json';

/** Who caused an event, as its metadata records it. */
export interface MetadataActor {
  readonly subject: string;
  readonly role: string;
  readonly municipalityId: string | null;
  readonly serviceId: string | null;
}

/**
 * Where an append expects the stream to be, with EventStoreDB's semantics:
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: the stream must exist (at any revision);
 * - `any`: no check;
 * - a bigint: the revision of the stream's last event (revisions start at 0).
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

/** What the caller puts on every event; `recordedAt` is added by the store at append. */
export interface EventMetadataInput {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly actor: MetadataActor;
  readonly municipalityId: string | null;
  /** Domain time: when it happened in the world (ISO 8601). */
  readonly occurredAt: string;
  readonly schemaVersion: number;
  /**
   * What the command asked for (see AppendOptions.fingerprint), on each of its events: with
   * `commandId`, the command's identity is in the log itself, readable from any node.
   */
  readonly commandFingerprint?: string;
}

export interface EventMetadata extends EventMetadataInput {
  /** Store time: when the store committed it (ISO 8601). */
  readonly recordedAt: string;
}

export interface EventToAppend<Type extends string = string, Data extends JsonObject = JsonObject> {
  /** Optional client-made id (UUID); the store makes one when absent. */
  readonly id?: string;
  /** A stable name from the event registry, never a class name. */
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadataInput;
}

export interface RecordedEvent<Type extends string = string, Data extends JsonObject = JsonObject> {
  readonly id: string;
  readonly stream: string;
  readonly type: Type;
  /** The event's revision in its stream, from 0. */
  readonly revision: bigint;
  /** The event's position in the global log: strictly increasing, never reused. */
  readonly position: bigint;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface AppendOptions {
  /**
   * The client-made id of the command that produced these events. A repeated id appends nothing and
   * returns the first append's result, so a client may retry a command whose answer it lost.
   */
  readonly commandId?: string;
  /**
   * What the command asked for (a hash of its type, target, actor and payload), kept with the
   * commandId so that a caller can tell an identical retry from the same id reused for another change.
   */
  readonly fingerprint?: string;
}

export interface AppendResult {
  /** The stream's revision after the append: pass it as the next expected revision. */
  readonly nextExpectedRevision: bigint;
  /** The global position of the last event written. */
  readonly position: bigint;
  /** True when the commandId had been seen before and nothing was appended this time. */
  readonly duplicate: boolean;
  /** The types of the events the (first) append wrote, in order. */
  readonly eventTypes: readonly string[];
  /** The fingerprint the commandId was first appended with; null without one. */
  readonly fingerprint: string | null;
}

/** The first append made under a commandId, as the store remembers it. */
export type CommandRecord = AppendResult & { readonly stream: string };

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** The first revision to read (inclusive); defaults to the start (forwards) or the end (backwards). */
  readonly from?: bigint | 'start' | 'end';
  readonly direction?: Direction;
  readonly maxCount?: number;
}

/** Selects events by stream-name prefix or by event type; evaluated server-side where the store can. */
export type EventFilter =
  { readonly streamPrefixes: readonly string[] } | { readonly eventTypes: readonly string[] };

export interface ReadAllOptions {
  /**
   * Read the events **after** this position (a checkpoint). `'start'` or omitted: from the beginning.
   * Exclusive on purpose, so a stored checkpoint can be passed back as it is.
   */
  readonly fromPosition?: bigint | 'start';
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface SubscribeOptions {
  /** Deliver the events **after** this position (exclusive), then follow live appends. */
  readonly fromPosition?: bigint | 'start';
  readonly filter?: EventFilter;
  /** The most events in one delivered batch (default 1,000). */
  readonly maxBatchSize?: number;
}

/**
 * One delivery of a catch-up subscription: the events (possibly none, when a filter skipped them) and
 * the position up to which the log has been looked at. A consumer checkpoints `position`.
 */
export interface SubscriptionBatch {
  readonly events: readonly RecordedEvent[];
  readonly position: bigint;
}

/**
 * A catch-up subscription: first replays the log after `fromPosition`, then follows live appends, in
 * global order, with no gap and no duplicate. Iterate it with `for await`; `close()` ends it.
 */
export interface EventSubscription extends AsyncIterable<SubscriptionBatch> {
  close(): Promise<void>;
}

/** The event store port: one interface, one conformance suite, an adapter per store. */
export interface EventStore {
  /** Which adapter this is, for health and logs. */
  readonly adapter: 'sqlite' | 'esdb';
  /**
   * Appends all events atomically if the stream is where `expectedRevision` says.
   * Resolves only once the events are durable. Rejects with `WrongExpectedRevision`, `StreamDeleted`.
   */
  append(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** The result of the append made under this commandId, and its stream, if there was one. */
  commandResult(commandId: string): Promise<CommandRecord | null>;
  /** Rejects with `StreamNotFound` or `StreamDeleted`. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribe(options?: SubscribeOptions): EventSubscription;
  /** Hard delete (tombstone): the events are gone and the stream name can never be used again. */
  deleteStream(stream: string, expectedRevision?: ExpectedRevision): Promise<void>;
  /** The position of the newest event in the log, 0n when it is empty. */
  headPosition(): Promise<bigint>;
  /** Cheap round trip for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
