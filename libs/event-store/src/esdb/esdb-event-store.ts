import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type Filter,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../json';
import {
  MAX_APPEND_BYTES,
  prepareEventsForAppend,
  assertValidStreamName,
} from '../append-validation';
import type { SqliteCommandLog } from '../command-log';
import { deterministicUuid } from '../deterministic-id';
import { AppendTooLarge, StreamDeleted, StreamNotFound, WrongExpectedRevision } from '../errors';
import type { ActualRevision } from '../errors';
import { matchesFilter } from '../event-filter';
import type {
  AppendOptions,
  AppendResult,
  CommandRecord,
  EventFilter,
  EventMetadata,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionBatch,
} from '../event-store.port';

export interface EsdbEventStoreOptions {
  /** `esdb://host:2113?tls=false` for one node, `esdb+discover://…` for a cluster. */
  readonly connectionString: string;
  /**
   * A node-local cache of command answers. The truth is in the log (each event's commandId and
   * fingerprint, and a claim per command): losing the cache, or a retry on another node, loses nothing.
   */
  readonly commandCache?: SqliteCommandLog;
  /** Wait before resubscribing after a dropped subscription. */
  readonly resubscribeDelayMs?: number;
  /** How long a live subscription is idle before it checks whether it may move on to the log's head. */
  readonly idleCheckMs?: number;
  readonly onSubscriptionDropped?: (error: unknown) => void;
}

/** The stream that claims a commandId for one change, before its events are appended. */
export const commandClaimStream = (commandId: string) => `command-${commandId}`;
const CLAIM_TYPE = 'CommandClaimed';
/**
 * The streams this adapter has deleted, one event each, written before the tombstone: the marker
 * every read of the log honours, since a tombstoned stream's events stay in `$all` until a scavenge.
 */
export const DELETED_STREAMS = 'deleted-streams';
const DELETED_TYPE = 'StreamTombstoned';

/**
 * EventStoreDB positions are {commit, prepare} pairs; for events appended through gRPC by current
 * servers both are equal, so the commit position alone is this port's global position.
 */
const toPosition = (position: bigint): Position => ({ commit: position, prepare: position });

/** Anything at or above 2⁶³ is not a position the log has reached: −1 sent as an unsigned number. */
const REAL_POSITION_LIMIT = 1n << 63n;

export function toExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  if (expected === 'any') return ANY;
  return expected;
}

/** The server's numbers for the symbolic revisions (−1 no stream, −2 any, −4 stream exists). */
function fromServerRevision(value: bigint | string): ExpectedRevision {
  if (typeof value === 'string') return value as ExpectedRevision;
  if (value === -1n) return 'no_stream';
  if (value === -2n) return 'any';
  if (value === -4n) return 'stream_exists';
  return value;
}

function toServerFilter(
  filter: EventFilter | undefined,
  onCheckpoint: (p: Position) => void,
): Filter {
  const checkpointReached = (_: AllStreamSubscription, position: Position) =>
    onCheckpoint(position);
  if (!filter) return excludeSystemEvents({ checkpointReached });
  if ('streamPrefixes' in filter) {
    return streamNameFilter({ prefixes: [...filter.streamPrefixes], checkpointReached });
  }
  const escaped = filter.eventTypes.map((type) => type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return eventTypeFilter({ regex: `^(?:${escaped.join('|')})$`, checkpointReached });
}

function fromResolved(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !event.isJson || event.type.startsWith('$')) return undefined;
  const metadata = event.metadata as unknown as Omit<EventMetadata, 'recordedAt'>;
  return {
    id: event.id,
    stream: event.streamId,
    type: event.type,
    revision: BigInt(event.revision),
    position: BigInt(event.position?.commit ?? resolved.commitPosition ?? 0n),
    data: event.data as JsonObject,
    metadata: { ...metadata, recordedAt: event.created.toISOString() },
  };
}

export function translateError(error: unknown, stream: string): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual = fromServerRevision(error.actualVersion);
    return new WrongExpectedRevision(
      stream,
      fromServerRevision(error.expectedVersion),
      actual === 'any' || actual === 'stream_exists' ? 'no_stream' : actual,
    );
  }
  if (error instanceof StreamNotFoundError) return new StreamNotFound(stream);
  if (error instanceof StreamDeletedError) return new StreamDeleted(stream);
  if (error instanceof MaxAppendSizeExceededError)
    return new AppendTooLarge(null, error.maxAppendSize ?? MAX_APPEND_BYTES);
  return error;
}

/** Reads a whole client read, and ends the call however the loop ends (a break, an error). */
async function readThrough<T>(
  read: StreamingRead<T>,
  take: (item: T) => boolean | void,
): Promise<void> {
  let ended = false;
  try {
    for await (const item of read) {
      if (take(item) === false) return;
    }
    ended = true;
  } finally {
    if (!ended) await read.cancel();
  }
}

/** The production adapter: EventStoreDB (single node or cluster) behind the same port. */
export class EsdbEventStore implements EventStore {
  readonly adapter = 'esdb' as const;
  private readonly client: EventStoreDBClient;
  private readonly inFlightCommands = new Map<string, Promise<AppendResult>>();
  /** Streams deleted through this port (read from DELETED_STREAMS), left out of every log read. */
  private readonly tombstoned = new Set<string>();
  private tombstonesReadTo = -1n;

  constructor(private readonly options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
  }

  /**
   * Exactly once, on the log itself: a command's events carry its commandId and fingerprint, and
   * before them the command claims its id in a stream of its own (expected: no stream). A retry — on
   * this node or another, after a crash or a lost answer — finds the claim, then its events, and
   * answers with them; the same id claimed for another change answers with that one, so the command
   * path refuses it. The node-local cache only saves reads.
   */
  append(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const { commandId } = options;
    const fingerprint = options.fingerprint ?? null;
    if (commandId === undefined)
      return this.appendToServer(stream, events, expectedRevision, fingerprint, null);
    const cached = this.options.commandCache?.find(commandId);
    if (cached) return Promise.resolve(withoutStream(cached));
    const inFlight = this.inFlightCommands.get(commandId);
    if (inFlight) return inFlight.then((result) => ({ ...result, duplicate: true }));
    const attempt = this.appendCommand(stream, events, expectedRevision, commandId, fingerprint)
      .then((result) => {
        // Only what this call wrote is known to be on `stream`: a duplicate's first append may be on
        // another (the id reused for another change), and `commandResult` records it where it is.
        if (!result.duplicate) this.options.commandCache?.record(commandId, stream, result);
        return result;
      })
      .finally(() => this.inFlightCommands.delete(commandId));
    this.inFlightCommands.set(commandId, attempt);
    return attempt;
  }

  private async appendCommand(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
    commandId: string,
    fingerprint: string | null,
  ): Promise<AppendResult> {
    const claim = await this.claim(commandId, stream, fingerprint);
    if (claim) {
      const earlier = await this.commandInStream(claim.stream, commandId, claim.fingerprint);
      if (earlier) return withoutStream(earlier);
      if (claim.stream !== stream || claim.fingerprint !== fingerprint) {
        // Claimed for another change whose events are not (yet) there: answer with that claim, which
        // the command path tells apart from this change by its fingerprint.
        return {
          nextExpectedRevision: -1n,
          position: 0n,
          duplicate: true,
          eventTypes: [],
          fingerprint: claim.fingerprint ?? `claimed for ${claim.stream}`,
        };
      }
      // Claimed by this same change, which then stopped before its events: append them now.
    }
    // Event ids derived from the commandId let the server recognise a repeat of this very append.
    const withIds = events.map((event, index) => ({
      ...event,
      id: event.id ?? deterministicUuid(commandId, String(index)),
      metadata: { ...event.metadata, ...(fingerprint ? { commandFingerprint: fingerprint } : {}) },
    }));
    return this.appendToServer(stream, withIds, expectedRevision, fingerprint, commandId);
  }

  /** Claims the commandId; null when this call claimed it, else the earlier claim. */
  private async claim(
    commandId: string,
    stream: string,
    fingerprint: string | null,
  ): Promise<{ stream: string; fingerprint: string | null } | null> {
    const claimStream = commandClaimStream(commandId);
    try {
      await this.client.appendToStream(
        claimStream,
        jsonEvent({
          // The change in the id too: the server answers a write of the same event ids at the same
          // place as a success (its idempotent writes), so a claim with an id of the commandId alone
          // made for another change was taken for this call's own — and the change appended twice.
          id: deterministicUuid(commandId, 'claim', stream, fingerprint ?? ''),
          type: CLAIM_TYPE,
          data: { stream, fingerprint },
        }),
        { expectedRevision: NO_STREAM },
      );
      return null;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw translateError(error, claimStream);
    }
    const [claimed] = await this.readStream(claimStream, { maxCount: 1 });
    const data = claimed.data as { stream: string; fingerprint: string | null };
    return { stream: data.stream, fingerprint: data.fingerprint };
  }

  /** The first answer of a command, from its events in the stream (newest first), or null. */
  private async commandInStream(
    stream: string,
    commandId: string,
    fingerprint: string | null,
  ): Promise<CommandRecord | null> {
    let events: RecordedEvent[];
    try {
      events = await this.readStream(stream, { direction: 'backwards' });
    } catch (error) {
      if (error instanceof StreamNotFound || error instanceof StreamDeleted) return null;
      throw error;
    }
    const mine = events.filter((event) => event.metadata.commandId === commandId).reverse();
    if (mine.length === 0) return null;
    const last = mine[mine.length - 1];
    return {
      stream,
      nextExpectedRevision: last.revision,
      position: last.position,
      duplicate: true,
      eventTypes: mine.map((event) => event.type),
      fingerprint: last.metadata.commandFingerprint ?? fingerprint,
    };
  }

  async commandResult(commandId: string): Promise<CommandRecord | null> {
    const cached = this.options.commandCache?.find(commandId);
    if (cached) return cached;
    let claimed: RecordedEvent[];
    try {
      claimed = await this.readStream(commandClaimStream(commandId), { maxCount: 1 });
    } catch (error) {
      if (error instanceof StreamNotFound) return null;
      throw error;
    }
    const data = claimed[0].data as { stream: string; fingerprint: string | null };
    const found = await this.commandInStream(data.stream, commandId, data.fingerprint);
    if (found) this.options.commandCache?.record(commandId, found.stream, found);
    return found;
  }

  private async appendToServer(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
    fingerprint: string | null,
    commandId: string | null,
  ): Promise<AppendResult> {
    const prepared = prepareEventsForAppend(stream, events);
    // One id per attempt in the first event's metadata: if the server answers with an earlier write
    // of the same ids (its own idempotency), the stored event carries the earlier attempt's id.
    const attemptId = commandId ? randomUUID() : null;
    try {
      const result = await this.client.appendToStream(
        stream,
        prepared.map((event, index) =>
          jsonEvent({
            id: event.id,
            type: event.type,
            data: event.data,
            metadata: {
              ...(event.metadata as unknown as JsonObject),
              ...(index === 0 && attemptId ? { appendAttempt: attemptId } : {}),
            },
          }),
        ),
        { expectedRevision: toExpected(expectedRevision) },
      );
      const nextExpectedRevision = BigInt(result.nextExpectedRevision);
      const first = nextExpectedRevision - BigInt(prepared.length) + 1n;
      const duplicate = attemptId !== null && !(await this.wroteAttempt(stream, first, attemptId));
      return {
        nextExpectedRevision,
        position: BigInt(result.position?.commit ?? 0n),
        duplicate,
        eventTypes: prepared.map((event) => event.type),
        fingerprint,
      };
    } catch (error) {
      throw translateError(error, stream);
    }
  }

  private async wroteAttempt(
    stream: string,
    revision: bigint,
    attemptId: string,
  ): Promise<boolean> {
    const [first] = await this.readStream(stream, { from: revision, maxCount: 1 });
    return (first?.metadata as { appendAttempt?: string } | undefined)?.appendAttempt === attemptId;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const from = options.from ?? (direction === 'forwards' ? 'start' : 'end');
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(stream, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision: from === 'start' ? START : from === 'end' ? END : from,
        ...(options.maxCount !== undefined ? { maxCount: options.maxCount } : {}),
      });
      await readThrough(read, (resolved) => {
        const event = fromResolved(resolved);
        if (event) events.push(event);
      });
    } catch (error) {
      throw translateError(error, stream);
    }
    return events;
  }

  /**
   * Learns the streams deleted since it last looked. A tombstoned stream's events stay in `$all`
   * until an operator scavenges, so a rebuild would project them again; every read of the log here
   * leaves them out instead.
   */
  private async refreshTombstones(): Promise<void> {
    let events: RecordedEvent[];
    try {
      events = await this.readStream(DELETED_STREAMS, { from: this.tombstonesReadTo + 1n });
    } catch (error) {
      if (error instanceof StreamNotFound) return;
      throw error;
    }
    for (const event of events) {
      this.tombstoned.add((event.data as { stream: string }).stream);
      this.tombstonesReadTo = event.revision;
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    await this.refreshTombstones();
    const after =
      options.fromPosition === undefined || options.fromPosition === 'start'
        ? null
        : options.fromPosition;
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const fromPosition: ReadPosition = after === null ? START : toPosition(after);
    const events: RecordedEvent[] = [];
    const read = this.client.readAll({ fromPosition, direction: FORWARDS });
    await readThrough(read, (resolved) => {
      const event = fromResolved(resolved);
      if (!event || (after !== null && event.position <= after)) return;
      if (this.tombstoned.has(event.stream)) return;
      if (!matchesFilter(options.filter, event.stream, event.type)) return;
      events.push(event);
      return events.length < maxCount;
    });
    return events;
  }

  /** The first event after `position` that the filter selects, or null. */
  private async nextMatch(
    position: bigint,
    filter: EventFilter | undefined,
  ): Promise<bigint | null> {
    const [next] = await this.readAll({ fromPosition: position, filter, maxCount: 1 });
    return next ? next.position : null;
  }

  /**
   * A catch-up subscription to `$all`. Events and the server's checkpoints are handed out in the
   * order the server sent them (a checkpoint never overtakes events still buffered); a checkpoint
   * that is not a real position (−1 as unsigned) is ignored; and when the subscription is live and
   * idle, it moves on to the log's head once no event the filter selects lies before it — so a query
   * waiting for its own write, and a rebuild waiting for the head, end as soon as they can.
   */
  subscribe(options: SubscribeOptions = {}): EventSubscription {
    const maxBatchSize = options.maxBatchSize ?? 1000;
    const delayMs = this.options.resubscribeDelayMs ?? 1000;
    const idleCheckMs = this.options.idleCheckMs ?? 100;
    const client = this.client;
    const tombstoned = this.tombstoned;
    const onDropped = this.options.onSubscriptionDropped;
    const refreshTombstones = () => this.refreshTombstones();
    const headPosition = () => this.headPosition();
    const nextMatch = (from: bigint) => this.nextMatch(from, options.filter);
    let position: bigint | null =
      options.fromPosition === undefined || options.fromPosition === 'start'
        ? null
        : options.fromPosition;
    let closed = false;
    type Item = { event: RecordedEvent } | { checkpoint: bigint };
    let queue: Item[] = [];
    /** Checkpoints that arrived while earlier events were still in the client's buffer. */
    let pending: { checkpoint: bigint; after: number }[] = [];
    let received = 0;
    let failure: unknown = null;
    let wake: (() => void) | null = null;
    let current: AllStreamSubscription | null = null;
    const notify = () => {
      wake?.();
      wake = null;
    };

    const open = async () => {
      await refreshTombstones();
      if (closed) return;
      received = 0;
      const subscription = client.subscribeToAll({
        fromPosition: position === null ? START : toPosition(position),
        filter: toServerFilter(options.filter, (reached) => {
          const checkpoint = BigInt(reached.commit);
          if (checkpoint >= REAL_POSITION_LIMIT) return;
          // Events before this checkpoint may still wait in the client's buffer: after them.
          const after = received + subscription.readableLength;
          if (after <= received) queue.push({ checkpoint });
          else pending.push({ checkpoint, after });
          notify();
        }),
      });
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        received += 1;
        const event = fromResolved(resolved);
        if (event && !tombstoned.has(event.stream)) queue.push({ event });
        while (pending.length > 0 && pending[0].after <= received) {
          queue.push({ checkpoint: (pending.shift() as { checkpoint: bigint }).checkpoint });
        }
        if (queue.length >= maxBatchSize * 4) subscription.pause();
        notify();
      });
      subscription.on('error', (error: Error) => {
        if (closed || current !== subscription) return;
        failure = error;
        notify();
      });
      // The server may also end the stream without an error (a leader change): follow on all the same.
      const ended = () => {
        if (closed || current !== subscription || failure) return;
        failure = new Error('subscription ended by the server');
        notify();
      };
      subscription.on('end', ended);
      subscription.on('close', ended);
      current = subscription;
    };

    const resubscribe = async () => {
      onDropped?.(failure);
      const dropped = current;
      current = null;
      await dropped?.unsubscribe().catch(() => undefined);
      // Whatever was buffered but not yet handed out is delivered again from the last position.
      queue = [];
      pending = [];
      failure = null;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (!closed) await open().catch((error: unknown) => (failure = error));
    };

    /** Live and idle: may the subscription move on to the head? Only if nothing selected lies before it. */
    const headIfNothingBefore = async (): Promise<bigint | null> => {
      const seen = received;
      const head = await headPosition();
      if (position !== null && head <= position) return null;
      const next = await nextMatch(position ?? 0n);
      if (received !== seen || queue.length > 0) return null;
      return next === null || next > head ? head : null;
    };

    async function* batches(): AsyncGenerator<SubscriptionBatch> {
      await open();
      try {
        while (!closed) {
          if (failure) {
            await resubscribe();
            continue;
          }
          if (queue.length === 0) {
            const idle = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(true), idleCheckMs);
              wake = () => {
                clearTimeout(timer);
                resolve(false);
              };
            });
            if (!idle || closed || failure || queue.length > 0) continue;
            const head = await headIfNothingBefore().catch(() => null);
            if (head !== null && queue.length === 0 && (position === null || head > position)) {
              position = head;
              yield { events: [], position };
            }
            continue;
          }
          // One batch: events in order, up to the first checkpoint (which closes the batch).
          const events: RecordedEvent[] = [];
          let batchPosition = position;
          while (queue.length > 0 && events.length < maxBatchSize) {
            const item = queue.shift() as Item;
            if ('checkpoint' in item) {
              if (batchPosition === null || item.checkpoint > batchPosition)
                batchPosition = item.checkpoint;
              break;
            }
            // Positions only go up: anything at or below the last handed-out position is a repeat.
            if (batchPosition === null || item.event.position > batchPosition) {
              events.push(item.event);
              batchPosition = item.event.position;
            }
          }
          if (queue.length === 0) current?.resume();
          if (batchPosition === null || (position !== null && batchPosition <= position)) continue;
          position = batchPosition;
          yield { events, position };
        }
      } finally {
        closed = true;
        await current?.unsubscribe().catch(() => undefined);
      }
    }

    const iterator = batches();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        notify();
        await current?.unsubscribe().catch(() => undefined);
      },
    };
  }

  async deleteStream(stream: string, expectedRevision: ExpectedRevision = 'any'): Promise<void> {
    assertValidStreamName(stream);
    try {
      // Tombstoning takes no `stream_exists`; pinning the current revision is the stricter check.
      const expected =
        expectedRevision === 'stream_exists'
          ? await this.currentRevisionOrConflict(stream)
          : expectedRevision === 'any'
            ? 'any'
            : await this.checkedRevision(stream, expectedRevision);
      // The marker first: a crash before the tombstone leaves a stream that reads as deleted and can be
      // deleted again; never a tombstone that rebuilds would miss.
      await this.client.appendToStream(
        DELETED_STREAMS,
        jsonEvent({ type: DELETED_TYPE, data: { stream } }),
        { expectedRevision: ANY },
      );
      await this.client.tombstoneStream(stream, {
        expectedRevision:
          expected === 'no_stream' ? NO_STREAM : expected === 'any' ? ANY : expected,
      });
      this.tombstoned.add(stream);
    } catch (error) {
      throw translateError(error, stream);
    }
  }

  /** The expected revision, if the stream is there: refused before the marker is written. */
  private async checkedRevision(
    stream: string,
    expected: 'no_stream' | bigint,
  ): Promise<'no_stream' | bigint> {
    let actual: ActualRevision = 'no_stream';
    try {
      const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
      actual = last.revision;
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
    if (actual !== expected) throw new WrongExpectedRevision(stream, expected, actual);
    return expected;
  }

  private async currentRevisionOrConflict(stream: string): Promise<bigint> {
    try {
      const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
      return last.revision;
    } catch (error) {
      if (error instanceof StreamNotFound)
        throw new WrongExpectedRevision(stream, 'stream_exists', 'no_stream');
      throw error;
    }
  }

  /** The newest position in the log, system events included (a filtered reader may never see it). */
  async headPosition(): Promise<bigint> {
    let head = 0n;
    await readThrough(
      this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }),
      (resolved) => {
        head = BigInt(resolved.event?.position.commit ?? resolved.commitPosition ?? 0n);
      },
    );
    return head;
  }

  async ping(): Promise<void> {
    await this.headPosition();
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function withoutStream(record: CommandRecord): AppendResult {
  const { stream: _stream, ...result } = record;
  return result;
}
