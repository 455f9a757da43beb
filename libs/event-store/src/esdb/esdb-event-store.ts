import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
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
} from '@eventstore/db-client';
import type { JsonObject } from '../json';
import { prepareEventsForAppend, assertValidStreamName } from '../append-validation';
import type { SqliteCommandLog } from '../command-log';
import { deterministicUuid } from '../deterministic-id';
import { StreamDeleted, StreamNotFound, WrongExpectedRevision } from '../errors';
import { matchesFilter } from '../event-filter';
import type {
  AppendOptions,
  AppendResult,
  CommandRecord,
  EventFilter,
  EventMetadataInput,
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
  /** Where repeated commandIds are recognised; EventStoreDB's own duplicate check is best effort. */
  readonly commandLog: SqliteCommandLog;
  /** Wait before resubscribing after a dropped subscription. */
  readonly resubscribeDelayMs?: number;
  readonly onSubscriptionDropped?: (error: unknown) => void;
}

/**
 * EventStoreDB positions are {commit, prepare} pairs; for events appended through gRPC by current
 * servers both are equal, so the commit position alone is this port's global position.
 */
const toPosition = (position: bigint): Position => ({ commit: position, prepare: position });

export function toExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  if (expected === 'any') return ANY;
  return expected;
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
  const metadata = event.metadata as unknown as EventMetadataInput;
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
    const expected = error.expectedVersion;
    const actual = error.actualVersion;
    return new WrongExpectedRevision(
      stream,
      typeof expected === 'bigint' ? expected : (String(expected) as ExpectedRevision),
      actual === 'no_stream' ? 'no_stream' : BigInt(actual),
    );
  }
  if (error instanceof StreamNotFoundError) return new StreamNotFound(stream);
  if (error instanceof StreamDeletedError) return new StreamDeleted(stream);
  return error;
}

/** The production adapter: EventStoreDB (single node or cluster) behind the same port. */
export class EsdbEventStore implements EventStore {
  readonly adapter = 'esdb' as const;
  private readonly client: EventStoreDBClient;
  private readonly inFlightCommands = new Map<string, Promise<AppendResult>>();

  constructor(private readonly options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
  }

  append(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const { commandId } = options;
    const fingerprint = options.fingerprint ?? null;
    if (commandId === undefined)
      return this.appendToServer(stream, events, expectedRevision, fingerprint);
    const earlier = this.options.commandLog.find(commandId);
    if (earlier) {
      const { stream: _stream, ...result } = earlier;
      return Promise.resolve(result);
    }
    const inFlight = this.inFlightCommands.get(commandId);
    if (inFlight) return inFlight.then((result) => ({ ...result, duplicate: true }));
    // Event ids derived from the commandId let the server recognise a retry that the log missed
    // (a crash between the append and the record).
    const withIds = events.map((event, index) => ({
      ...event,
      id: event.id ?? deterministicUuid(commandId, String(index)),
    }));
    const attempt = this.appendToServer(stream, withIds, expectedRevision, fingerprint)
      .then((result) => {
        this.options.commandLog.record(commandId, stream, result);
        return result;
      })
      .finally(() => this.inFlightCommands.delete(commandId));
    this.inFlightCommands.set(commandId, attempt);
    return attempt;
  }

  async commandResult(commandId: string): Promise<CommandRecord | null> {
    return this.options.commandLog.find(commandId) ?? null;
  }

  private async appendToServer(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
    fingerprint: string | null,
  ): Promise<AppendResult> {
    const prepared = prepareEventsForAppend(stream, events);
    try {
      const result = await this.client.appendToStream(
        stream,
        prepared.map((event) =>
          jsonEvent({
            id: event.id,
            type: event.type,
            data: event.data,
            metadata: event.metadata as unknown as JsonObject,
          }),
        ),
        { expectedRevision: toExpected(expectedRevision) },
      );
      return {
        nextExpectedRevision: BigInt(result.nextExpectedRevision),
        position: BigInt(result.position?.commit ?? 0n),
        duplicate: false,
        eventTypes: prepared.map((event) => event.type),
        fingerprint,
      };
    } catch (error) {
      throw translateError(error, stream);
    }
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
      for await (const resolved of read) {
        const event = fromResolved(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      throw translateError(error, stream);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after =
      options.fromPosition === undefined || options.fromPosition === 'start'
        ? null
        : options.fromPosition;
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const fromPosition: ReadPosition = after === null ? START : toPosition(after);
    const events: RecordedEvent[] = [];
    // Without a filter the count can be pushed to the server (one more, for the excluded start).
    const serverMaxCount = options.filter ? undefined : maxCount + 1;
    const read = this.client.readAll({
      fromPosition,
      direction: FORWARDS,
      ...(serverMaxCount !== undefined &&
      Number.isFinite(serverMaxCount) &&
      maxCount < Number.MAX_SAFE_INTEGER
        ? { maxCount: serverMaxCount }
        : {}),
    });
    for await (const resolved of read) {
      const event = fromResolved(resolved);
      if (!event || (after !== null && event.position <= after)) continue;
      if (!matchesFilter(options.filter, event.stream, event.type)) continue;
      events.push(event);
      if (events.length >= maxCount) break;
    }
    return events;
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    const maxBatchSize = options.maxBatchSize ?? 1000;
    const delayMs = this.options.resubscribeDelayMs ?? 1000;
    let position: bigint | null =
      options.fromPosition === undefined || options.fromPosition === 'start'
        ? null
        : options.fromPosition;
    let closed = false;
    let buffered: RecordedEvent[] = [];
    let checkpoint: bigint | null = null;
    let failure: unknown = null;
    let wake: (() => void) | null = null;
    let current: AllStreamSubscription | null = null;
    const notify = () => {
      wake?.();
      wake = null;
    };

    const open = () => {
      const subscription = this.client.subscribeToAll({
        fromPosition: position === null ? START : toPosition(position),
        filter: toServerFilter(options.filter, (reached) => {
          checkpoint = BigInt(reached.commit);
          notify();
        }),
      });
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        const event = fromResolved(resolved);
        if (!event) return;
        buffered.push(event);
        if (buffered.length >= maxBatchSize * 4) subscription.pause();
        notify();
      });
      subscription.on('error', (error: Error) => {
        if (closed) return;
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
      this.options.onSubscriptionDropped?.(failure);
      const dropped = current;
      current = null;
      await dropped?.unsubscribe().catch(() => undefined);
      // Whatever was buffered but not yet handed out is delivered again from the last position.
      buffered = [];
      checkpoint = null;
      failure = null;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (!closed) open();
    };

    async function* batches(): AsyncGenerator<SubscriptionBatch> {
      open();
      try {
        while (!closed) {
          if (failure) {
            await resubscribe();
            continue;
          }
          if (buffered.length === 0) {
            if (checkpoint !== null && (position === null || checkpoint > position)) {
              position = checkpoint;
              yield { events: [], position };
              continue;
            }
            await new Promise<void>((resolve) => (wake = resolve));
            continue;
          }
          const taken = buffered.slice(0, maxBatchSize);
          buffered = buffered.slice(taken.length);
          if (buffered.length === 0) current?.resume();
          // Positions only go up: anything at or below the last handed-out position is a repeat.
          const events: RecordedEvent[] = [];
          for (const event of taken) {
            const last = events.length > 0 ? events[events.length - 1].position : position;
            if (last === null || event.position > last) events.push(event);
          }
          if (events.length === 0) continue;
          position = events[events.length - 1].position;
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
          : expectedRevision;
      await this.client.tombstoneStream(stream, {
        expectedRevision:
          expected === 'no_stream' ? NO_STREAM : expected === 'any' ? ANY : expected,
      });
    } catch (error) {
      throw translateError(error, stream);
    }
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

  async headPosition(): Promise<bigint> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
    })) {
      return BigInt(resolved.event?.position.commit ?? resolved.commitPosition ?? 0n);
    }
    return 0n;
  }

  async ping(): Promise<void> {
    await this.headPosition();
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
