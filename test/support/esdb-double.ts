/**
 * A gRPC test double of one EventStoreDB node, serving the client's own generated `Streams` service
 * (`@eventstore/db-client/generated`), so the real `@eventstore/db-client` and our adapter run
 * against it unchanged.
 *
 * What it proves: the client's plumbing (connection, the Append client stream, Read for streams, for
 * `$all` and for filtered subscriptions, Delete and Tombstone, error trailers) and our adapter's
 * behaviour under the server rules listed below — each with the server source or documentation it
 * follows (EventStoreDB 24.10, `src/EventStore.Core`).
 *
 * What it does not prove: anything about the real server beyond these rules — its storage,
 * clustering, leader elections, scavenging, performance, or rules not listed here. The real-server
 * run is `.github/workflows/esdb.yml`, on a machine with Docker.
 *
 * The rules:
 * 1. `$all` positions are byte offsets in the transaction log: they grow with each event's size and
 *    have gaps (docs: "Reading from $all" — positions are commit/prepare positions in the log).
 * 2. The node writes its own system events (`$epoch-information` to `$epochs` at start; EpochManager).
 * 3. Append idempotency by event id (StorageWriterService / IndexCommitter.CheckCommit):
 *    with an exact expected revision (or no stream) below the current one, the write is a repeat when
 *    the events after the expected revision carry the same ids, answered with the original position;
 *    with `any` or `stream_exists`, a repeat is recognised only while its ids are in a bounded cache
 *    of recent commits; otherwise the expected revision must equal the current one.
 * 4. A wrong expected version in Append is an `AppendResp.wrong_expected_version` (Streams.Append.cs);
 *    in Delete/Tombstone it is an RpcException with `exception: wrong-expected-version`,
 *    `expected-version` and `actual-version` (−1 for a stream that does not exist) trailers
 *    (RpcExceptions.WrongExpectedVersion).
 * 5. A tombstoned stream refuses reads and appends (`exception: stream-deleted`), but its events stay
 *    in `$all`, with a `$streamDeleted` event, until a scavenge (docs: "Deleting streams").
 * 6. An append larger than the maximum append size (1 MiB by default, `MaxAppendSize`) is refused
 *    with `exception: maximum-append-size-exceeded` and `maximum-append-size`.
 * 7. Reading `$all` forwards from a position includes the event at that position; a subscription
 *    to `$all` from a position delivers the events after it (Enumerators.AllSubscription).
 * 8. A filtered subscription scans the log and sends a checkpoint every
 *    `checkpointIntervalMultiplier × window` events scanned, matching or not, with a window of 32
 *    when the client sends `count` (Streams.Read.cs, AllSubscriptionFiltered), and one at the end of
 *    catch-up at the position of the last event it matched — −1 as an unsigned 64-bit number when it
 *    has matched none yet.
 */
import {
  Metadata,
  Server,
  ServerCredentials,
  status,
  type sendUnaryData,
  type ServerReadableStream,
  type ServerUnaryCall,
  type ServerWritableStream,
} from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import * as shared from '@eventstore/db-client/generated/shared_pb';
import * as streams from '@eventstore/db-client/generated/streams_pb';

interface StoredEvent {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  readonly created: bigint;
  readonly position: bigint;
}

interface StreamState {
  last: bigint;
  tombstoned: boolean;
  readonly events: StoredEvent[];
}

interface Proposed {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

type Expected =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'stream_exists' }
  | { kind: 'revision'; revision: bigint };

/** −1 sent as an unsigned 64-bit integer. */
export const UINT64_MINUS_ONE = '18446744073709551615';
const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;
const FILTER_WINDOW = 32;
const TICKS_PER_MS = 10_000n;
const TICKS_TO_UNIX_EPOCH = 621_355_968_000_000_000n;

class RpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
    readonly trailers: Record<string, string>,
  ) {
    super(message);
  }
  toServiceError() {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(this.trailers)) metadata.set(key, value);
    return {
      code: this.code,
      details: this.message,
      metadata,
      name: 'RpcError',
      message: this.message,
    };
  }
}

const streamDeleted = (stream: string) =>
  new RpcError(status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': stream,
  });

const uuidOf = (uuid: shared.UUID | undefined): string => {
  if (!uuid) return randomUUID();
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured();
  if (!structured) return randomUUID();
  const hex = (value: string) => BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, '0');
  const all = hex(structured.getMostSignificantBits()) + hex(structured.getLeastSignificantBits());
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-${all.slice(12, 16)}-${all.slice(16, 20)}-${all.slice(20)}`;
};

const nameOf = (identifier: shared.StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

const identifier = (name: string): shared.StreamIdentifier => {
  const id = new shared.StreamIdentifier();
  id.setStreamName(Buffer.from(name, 'utf8'));
  return id;
};

interface Subscriber {
  readonly deliver: (event: StoredEvent) => void;
  readonly end: (error?: RpcError) => void;
}

export interface EsdbTestDoubleOptions {
  /** How many recent event ids an `any` append is checked against (rule 3). */
  readonly idempotencyCacheSize?: number;
  readonly maxAppendSize?: number;
}

export class EsdbTestDouble {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StreamState>();
  /** Recent committed event ids → the event: the bounded cache behind `any` idempotency (rule 3). */
  private readonly recentIds = new Map<string, StoredEvent>();
  private readonly subscribers = new Set<Subscriber>();
  private nextPosition = 0n;
  private server: Server | null = null;
  private port = 0;
  private readonly idempotencyCacheSize: number;
  private readonly maxAppendSize: number;

  private constructor(options: EsdbTestDoubleOptions) {
    this.idempotencyCacheSize = options.idempotencyCacheSize ?? 10_000;
    this.maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
    this.writeSystemEvent('$epochs', '$epoch-information');
  }

  static async start(options: EsdbTestDoubleOptions = {}): Promise<EsdbTestDouble> {
    const double = new EsdbTestDouble(options);
    await double.listen(0);
    return double;
  }

  get connectionString(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false&keepAliveInterval=-1&discoveryInterval=50&maxDiscoverAttempts=100`;
  }

  /** The log's newest position, system events included. */
  get headPosition(): bigint {
    return this.log.length > 0 ? this.log[this.log.length - 1].position : 0n;
  }

  /** A system event, as the node writes its own (rule 2). */
  writeSystemEvent(stream: string, type: string): void {
    const state = this.streamState(stream);
    this.commit(stream, state, [
      {
        id: randomUUID(),
        type,
        contentType: 'application/json',
        data: Buffer.from('{}'),
        metadata: new Uint8Array(),
      },
    ]);
  }

  /** Ends every live subscription with UNAVAILABLE, as a node that restarts does. */
  dropSubscriptions(): void {
    for (const subscriber of [...this.subscribers])
      subscriber.end(new RpcError(status.UNAVAILABLE, 'Server is shutting down', {}));
  }

  /** Stops listening (every call ends) and listens again on the same port, keeping the log. */
  async restart(): Promise<void> {
    this.dropSubscriptions();
    await this.shutdown();
    await this.listen(this.port);
  }

  async close(): Promise<void> {
    this.dropSubscriptions();
    await this.shutdown();
  }

  private async shutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) server.forceShutdown();
  }

  private listen(port: number): Promise<void> {
    const server = new Server();
    server.addService(StreamsService, {
      read: (call: ServerWritableStream<streams.ReadReq, streams.ReadResp>) => this.read(call),
      append: (
        call: ServerReadableStream<streams.AppendReq, streams.AppendResp>,
        callback: sendUnaryData<streams.AppendResp>,
      ) => this.append(call, callback),
      // The adapter only tombstones (a hard delete); a soft delete is not in the double.
      delete: (_: unknown, callback: sendUnaryData<streams.DeleteResp>) =>
        callback(
          new RpcError(
            status.UNIMPLEMENTED,
            'soft delete is not in the double',
            {},
          ).toServiceError(),
          null,
        ),
      tombstone: (
        call: ServerUnaryCall<streams.TombstoneReq, streams.TombstoneResp>,
        callback: sendUnaryData<streams.TombstoneResp>,
      ) => this.remove(call.request, true, callback),
      batchAppend: (call: ServerWritableStream<unknown, unknown>) => call.end(),
    });
    this.server = server;
    return new Promise((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => {
        if (error) return reject(error);
        this.port = bound;
        resolve();
      }),
    );
  }

  private streamState(stream: string): StreamState {
    let state = this.streams.get(stream);
    if (!state) {
      state = { last: -1n, tombstoned: false, events: [] };
      this.streams.set(stream, state);
    }
    return state;
  }

  private commit(stream: string, state: StreamState, proposed: readonly Proposed[]): StoredEvent[] {
    const created = BigInt(Date.now()) * TICKS_PER_MS + TICKS_TO_UNIX_EPOCH;
    const written = proposed.map((event) => {
      // Rule 1: a position is a byte offset; the record's size moves it on.
      this.nextPosition +=
        96n + BigInt(event.data.length + event.metadata.length + event.type.length);
      state.last += 1n;
      const stored: StoredEvent = {
        stream,
        revision: state.last,
        created,
        position: this.nextPosition,
        ...event,
      };
      state.events.push(stored);
      this.log.push(stored);
      this.recentIds.set(stored.id, stored);
      if (this.recentIds.size > this.idempotencyCacheSize) {
        const oldest = this.recentIds.keys().next().value;
        if (oldest !== undefined) this.recentIds.delete(oldest);
      }
      return stored;
    });
    for (const event of written)
      for (const subscriber of this.subscribers) subscriber.deliver(event);
    return written;
  }

  /** Rule 3: the same events, in order, already written after `from` — the earlier write's answer. */
  private repeatAt(
    state: StreamState,
    from: bigint,
    proposed: readonly Proposed[],
  ): StoredEvent | null {
    const start = Number(from);
    if (start < 0 || start + proposed.length > state.events.length) return null;
    const same = proposed.every((event, i) => state.events[start + i].id === event.id);
    return same ? state.events[start + proposed.length - 1] : null;
  }

  private repeatInCache(proposed: readonly Proposed[]): StoredEvent | null {
    const found = proposed.map((event) => this.recentIds.get(event.id));
    if (found.some((event) => !event)) return null;
    return found[found.length - 1] ?? null;
  }

  private append(
    call: ServerReadableStream<streams.AppendReq, streams.AppendResp>,
    callback: sendUnaryData<streams.AppendResp>,
  ): void {
    let options: streams.AppendReq.Options | undefined;
    const proposed: Proposed[] = [];
    call.on('data', (request: streams.AppendReq) => {
      if (request.hasOptions()) {
        options = request.getOptions();
        return;
      }
      const message = request.getProposedMessage();
      if (!message) return;
      const metadata = message.getMetadataMap();
      proposed.push({
        id: uuidOf(message.getId()),
        type: metadata.get('type') ?? '',
        contentType: metadata.get('content-type') ?? 'application/octet-stream',
        data: message.getData_asU8(),
        metadata: message.getCustomMetadata_asU8(),
      });
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      try {
        callback(null, this.appendProposed(options, proposed));
      } catch (error) {
        if (error instanceof RpcError) callback(error.toServiceError(), null);
        else callback({ code: status.INTERNAL, details: String(error) }, null);
      }
    });
  }

  private appendProposed(
    options: streams.AppendReq.Options | undefined,
    proposed: Proposed[],
  ): streams.AppendResp {
    const stream = nameOf(options?.getStreamIdentifier());
    const expected: Expected = options?.hasRevision()
      ? { kind: 'revision', revision: BigInt(options.getRevision()) }
      : options?.hasNoStream()
        ? { kind: 'no_stream' }
        : options?.hasStreamExists()
          ? { kind: 'stream_exists' }
          : { kind: 'any' };
    const size = proposed.reduce((total, e) => total + e.data.length + e.metadata.length, 0);
    if (size > this.maxAppendSize) {
      // Rule 6.
      throw new RpcError(
        status.INVALID_ARGUMENT,
        `Maximum Append Size of ${this.maxAppendSize} Exceeded.`,
        {
          exception: 'maximum-append-size-exceeded',
          'maximum-append-size': String(this.maxAppendSize),
        },
      );
    }
    const state = this.streamState(stream);
    if (state.tombstoned) throw streamDeleted(stream); // Rule 5.
    const success = (last: StoredEvent | null, revision: bigint) => {
      const response = new streams.AppendResp();
      const ok = new streams.AppendResp.Success();
      ok.setCurrentRevision(String(revision));
      if (last) {
        const position = new streams.AppendResp.Position();
        position.setCommitPosition(String(last.position));
        position.setPreparePosition(String(last.position));
        ok.setPosition(position);
      } else ok.setNoPosition(new shared.Empty());
      response.setSuccess(ok);
      return response;
    };
    if (proposed.length === 0) return success(null, state.last);
    // Rule 3: a repeat answers with the earlier write's position and revision.
    const repeat =
      expected.kind === 'revision' && expected.revision < state.last
        ? this.repeatAt(state, expected.revision + 1n, proposed)
        : expected.kind === 'no_stream' && state.last >= 0n
          ? this.repeatAt(state, 0n, proposed)
          : expected.kind === 'any' || expected.kind === 'stream_exists'
            ? this.repeatInCache(proposed)
            : null;
    if (repeat && repeat.stream === stream) return success(repeat, repeat.revision);
    const matches =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && state.last === -1n) ||
      (expected.kind === 'stream_exists' && state.last >= 0n) ||
      (expected.kind === 'revision' && expected.revision === state.last);
    if (!matches) {
      // Rule 4: in the response body, not as an error.
      const response = new streams.AppendResp();
      const wrong = new streams.AppendResp.WrongExpectedVersion();
      if (state.last >= 0n) wrong.setCurrentRevision(String(state.last));
      else wrong.setCurrentNoStream(new shared.Empty());
      if (expected.kind === 'revision') wrong.setExpectedRevision(String(expected.revision));
      else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new shared.Empty());
      else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new shared.Empty());
      else wrong.setExpectedAny(new shared.Empty());
      response.setWrongExpectedVersion(wrong);
      return response;
    }
    const written = this.commit(stream, state, proposed);
    return success(written[written.length - 1], state.last);
  }

  private remove(
    request: streams.TombstoneReq,
    tombstone: true,
    callback: sendUnaryData<streams.TombstoneResp>,
  ): void {
    const options = request.getOptions();
    const stream = nameOf(options?.getStreamIdentifier());
    const state = this.streamState(stream);
    const expected = options?.hasRevision()
      ? BigInt(options.getRevision())
      : options?.hasNoStream()
        ? -1n
        : options?.hasStreamExists()
          ? -4n
          : -2n;
    if (state.tombstoned) return callback(streamDeleted(stream).toServiceError(), null);
    const matches =
      expected === -2n || (expected === -4n && state.last >= 0n) || expected === state.last;
    if (!matches) {
      // Rule 4: −1 for a stream that does not exist.
      const error = new RpcError(status.FAILED_PRECONDITION, 'Wrong expected version.', {
        exception: 'wrong-expected-version',
        'stream-name': stream,
        'expected-version': String(expected),
        'actual-version': String(state.last),
      });
      return callback(error.toServiceError(), null);
    }
    {
      // Rule 5: the stream refuses from now on; its events stay in $all, with the tombstone.
      state.tombstoned = true;
      this.nextPosition += 128n;
      const marker: StoredEvent = {
        stream,
        revision: (1n << 63n) - 1n,
        id: randomUUID(),
        type: '$streamDeleted',
        contentType: 'application/json',
        data: Buffer.from('{}'),
        metadata: new Uint8Array(),
        created: BigInt(Date.now()) * TICKS_PER_MS + TICKS_TO_UNIX_EPOCH,
        position: this.nextPosition,
      };
      this.log.push(marker);
      for (const subscriber of this.subscribers) subscriber.deliver(marker);
    }
    const response = new streams.TombstoneResp();
    const position = new streams.TombstoneResp.Position();
    position.setCommitPosition(String(this.nextPosition));
    position.setPreparePosition(String(this.nextPosition));
    response.setPosition(position);
    callback(null, response);
  }

  private toReadResp(event: StoredEvent): streams.ReadResp {
    const recorded = new streams.ReadResp.ReadEvent.RecordedEvent();
    const id = new shared.UUID();
    id.setString(event.id);
    recorded.setId(id);
    recorded.setStreamIdentifier(identifier(event.stream));
    recorded.setStreamRevision(String(event.revision));
    recorded.setCommitPosition(String(event.position));
    recorded.setPreparePosition(String(event.position));
    recorded.getMetadataMap().set('type', event.type);
    recorded.getMetadataMap().set('content-type', event.contentType);
    recorded.getMetadataMap().set('created', String(event.created));
    recorded.setData(event.data);
    recorded.setCustomMetadata(event.metadata);
    const read = new streams.ReadResp.ReadEvent();
    read.setEvent(recorded);
    read.setCommitPosition(String(event.position));
    const response = new streams.ReadResp();
    response.setEvent(read);
    return response;
  }

  private read(call: ServerWritableStream<streams.ReadReq, streams.ReadResp>): void {
    const options = call.request.getOptions();
    if (!options) {
      call.end();
      return;
    }
    const forwards = options.getReadDirection() === streams.ReadReq.Options.ReadDirection.FORWARDS;
    const filter = options.hasFilter() ? options.getFilter() : undefined;
    const matches = (event: StoredEvent) => {
      if (!filter) return true;
      const expression = filter.hasStreamIdentifier()
        ? filter.getStreamIdentifier()
        : filter.getEventType();
      const subject = filter.hasStreamIdentifier() ? event.stream : event.type;
      const prefixes = expression?.getPrefixList() ?? [];
      const regex = expression?.getRegex();
      if (prefixes.length > 0 && !prefixes.some((prefix) => subject.startsWith(prefix)))
        return false;
      return !regex || new RegExp(regex).test(subject);
    };
    try {
      if (options.hasSubscription()) {
        if (!options.hasAll())
          throw new RpcError(
            status.UNIMPLEMENTED,
            'stream subscriptions are not in the double',
            {},
          );
        return this.subscribeToAll(call, options, filter, matches);
      }
      const limit = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
      let selected: StoredEvent[];
      if (options.hasStream()) {
        const streamOptions = options.getStream() as streams.ReadReq.Options.StreamOptions;
        const name = nameOf(streamOptions.getStreamIdentifier());
        const state = this.streams.get(name);
        if (state?.tombstoned) throw streamDeleted(name);
        if (!state || state.last < 0n) {
          const response = new streams.ReadResp();
          const notFound = new streams.ReadResp.StreamNotFound();
          notFound.setStreamIdentifier(identifier(name));
          response.setStreamNotFound(notFound);
          call.write(response);
          call.end();
          return;
        }
        const from = streamOptions.hasRevision()
          ? BigInt(streamOptions.getRevision())
          : streamOptions.hasEnd()
            ? state.last
            : forwards
              ? 0n
              : state.last;
        selected = forwards
          ? state.events.filter((e) => e.revision >= from)
          : state.events.filter((e) => e.revision <= from).reverse();
      } else {
        const allOptions = options.getAll() as streams.ReadReq.Options.AllOptions;
        const position = allOptions.hasPosition()
          ? BigInt(allOptions.getPosition()?.getCommitPosition() ?? '0')
          : null;
        if (forwards) {
          // Rule 7: forwards from a position includes the event at it.
          const from = allOptions.hasEnd() ? this.nextPosition + 1n : (position ?? 0n);
          selected = this.log.filter((e) => e.position >= from);
        } else {
          const before = allOptions.hasStart() ? 0n : (position ?? this.nextPosition + 1n);
          selected = this.log.filter((e) => e.position < before).reverse();
        }
        selected = selected.filter(matches);
      }
      for (const event of selected.slice(0, limit)) call.write(this.toReadResp(event));
      call.end();
    } catch (error) {
      if (error instanceof RpcError) call.emit('error', error.toServiceError());
      else call.emit('error', { code: status.INTERNAL, details: String(error) });
    }
  }

  private subscribeToAll(
    call: ServerWritableStream<streams.ReadReq, streams.ReadResp>,
    options: streams.ReadReq.Options,
    filter: streams.ReadReq.Options.FilterOptions | undefined,
    matches: (event: StoredEvent) => boolean,
  ): void {
    const allOptions = options.getAll() as streams.ReadReq.Options.AllOptions;
    const after = allOptions.hasPosition()
      ? BigInt(allOptions.getPosition()?.getCommitPosition() ?? '0')
      : allOptions.hasEnd()
        ? this.headPosition
        : -1n;
    const window = filter?.hasMax() ? filter.getMax() : FILTER_WINDOW;
    const checkpointEvery = filter
      ? Math.max(1, filter.getCheckpointintervalmultiplier()) * window
      : 0;
    let scanned = 0;
    let lastMatched: bigint | null = null;
    let ended = false;
    const checkpoint = (position: string) => {
      const response = new streams.ReadResp();
      const point = new streams.ReadResp.Checkpoint();
      point.setCommitPosition(position);
      point.setPreparePosition(position);
      response.setCheckpoint(point);
      call.write(response);
    };
    const scan = (event: StoredEvent) => {
      if (ended) return;
      if (matches(event)) {
        lastMatched = event.position;
        call.write(this.toReadResp(event));
      }
      scanned += 1;
      // Rule 8: a checkpoint every window × multiplier events scanned, matching or not.
      if (filter && scanned % checkpointEvery === 0) checkpoint(String(event.position));
    };
    const confirmation = new streams.ReadResp();
    const confirm = new streams.ReadResp.SubscriptionConfirmation();
    confirm.setSubscriptionId(randomUUID());
    confirmation.setConfirmation(confirm);
    call.write(confirmation);
    for (const event of this.log.filter((e) => e.position > after)) scan(event); // Rule 7: exclusive.
    // Rule 8: the end of catch-up, at the last matched position (−1 unsigned when none matched).
    if (filter) checkpoint(lastMatched === null ? UINT64_MINUS_ONE : String(lastMatched));
    const subscriber: Subscriber = {
      deliver: scan,
      end: (error) => {
        if (ended) return;
        ended = true;
        this.subscribers.delete(subscriber);
        if (error) call.emit('error', error.toServiceError());
        else call.end();
      },
    };
    this.subscribers.add(subscriber);
    call.on('cancelled', () => {
      ended = true;
      this.subscribers.delete(subscriber);
    });
  }
}
