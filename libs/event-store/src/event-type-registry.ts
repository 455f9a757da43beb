import type {
  EventStore,
  EventSubscription,
  RecordedEvent,
  SubscriptionBatch,
} from './event-store.port';
import type { JsonObject } from './json';

/** Lifts an event's data from one schema version to the next. */
export type Upcaster = (data: JsonObject) => JsonObject;

export interface EventTypeDefinition {
  /** The stable name stored with each event. */
  readonly type: string;
  /** The version new events are written at. */
  readonly schemaVersion: number;
  /** `upcasters[n]` turns version n into n + 1; a read applies them until the current version. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

/**
 * Every event type the product writes, with its current schema version and the upcasters that read
 * older versions. The first schema change is a registration here, not a change to every reader.
 */
export class EventTypeRegistry {
  private readonly definitions = new Map<string, EventTypeDefinition>();

  constructor(definitions: readonly EventTypeDefinition[]) {
    for (const definition of definitions) {
      if (this.definitions.has(definition.type))
        throw new Error(`Event type ${definition.type} is registered twice`);
      for (let version = 1; version < definition.schemaVersion; version++) {
        if (!definition.upcasters?.[version])
          throw new Error(`Event type ${definition.type} has no upcaster from version ${version}`);
      }
      this.definitions.set(definition.type, definition);
    }
  }

  /** The version to write; 1 for a type nobody registered (tests, probes). */
  schemaVersion(type: string): number {
    return this.definitions.get(type)?.schemaVersion ?? 1;
  }

  has(type: string): boolean {
    return this.definitions.has(type);
  }

  get types(): string[] {
    return [...this.definitions.keys()];
  }

  /** The event at its type's current version; unchanged when it is current or its type unknown. */
  upcast(event: RecordedEvent): RecordedEvent {
    const definition = this.definitions.get(event.type);
    const from = event.metadata.schemaVersion;
    if (!definition || from >= definition.schemaVersion) return event;
    let data = event.data;
    for (let version = from; version < definition.schemaVersion; version++) {
      data = (definition.upcasters as Record<number, Upcaster>)[version](data);
    }
    return {
      ...event,
      data,
      metadata: { ...event.metadata, schemaVersion: definition.schemaVersion },
    };
  }
}

/**
 * The event store as the application sees it: every read — a stream, the log, a subscription — comes
 * back at the current schema versions.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly store: EventStore,
    readonly registry: EventTypeRegistry,
  ) {}

  get adapter() {
    return this.store.adapter;
  }

  /**
   * Every event is written at its type's current version, whoever made it (a command, the demo
   * generator, a recorded fact): data of the current shape stamped as an older version would be
   * upcast again on every read.
   */
  append: EventStore['append'] = (stream, events, expectedRevision, options) =>
    this.store.append(
      stream,
      events.map((event) => {
        const schemaVersion = this.registry.schemaVersion(event.type);
        return event.metadata.schemaVersion === schemaVersion
          ? event
          : { ...event, metadata: { ...event.metadata, schemaVersion } };
      }),
      expectedRevision,
      options,
    );
  commandResult: EventStore['commandResult'] = (commandId) => this.store.commandResult(commandId);
  deleteStream: EventStore['deleteStream'] = (stream, expectedRevision) =>
    this.store.deleteStream(stream, expectedRevision);
  headPosition: EventStore['headPosition'] = () => this.store.headPosition();
  ping: EventStore['ping'] = () => this.store.ping();
  close: EventStore['close'] = () => this.store.close();

  readStream: EventStore['readStream'] = async (stream, options) =>
    (await this.store.readStream(stream, options)).map((event) => this.registry.upcast(event));

  readAll: EventStore['readAll'] = async (options) =>
    (await this.store.readAll(options)).map((event) => this.registry.upcast(event));

  subscribe: EventStore['subscribe'] = (options) => {
    const inner = this.store.subscribe(options);
    const registry = this.registry;
    async function* upcast(): AsyncGenerator<SubscriptionBatch> {
      for await (const batch of inner) {
        yield { position: batch.position, events: batch.events.map((e) => registry.upcast(e)) };
      }
    }
    const iterator = upcast();
    const subscription: EventSubscription = {
      [Symbol.asyncIterator]: () => iterator,
      close: () => inner.close(),
    };
    return subscription;
  };

  /** The adapter underneath, for what only it offers (the SQLite store's group-commit figures). */
  get inner(): EventStore {
    return this.store;
  }
}
