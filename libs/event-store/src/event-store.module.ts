import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '@bti/config';
import { SqliteCommandLog } from './command-log';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';
import {
  EventTypeRegistry,
  UpcastingEventStore,
  type EventTypeDefinition,
} from './event-type-registry';
import { SqliteKeyStore } from './personal-data/key-store';
import { PersonalDataEventStore } from './personal-data/personal-data-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { PositionTokens } from './position-tokens';

/** The installation's sealing of log positions for readers (see `PositionTokens`). */
export const POSITION_TOKENS = Symbol('POSITION_TOKENS');

/** Position tokens under the key store's installation key, so every node sharing it opens them. */
export function positionTokensOf(store: EventStore): PositionTokens {
  const keys = personalDataLayer(store)?.keys;
  return keys
    ? new PositionTokens(keys.installationKey('position-tokens'))
    : PositionTokens.ephemeral();
}

/**
 * Opens the configured adapter — SQLite (embedded default) or EventStoreDB — behind the event-type
 * registry, so every read comes back at the current schema versions.
 */
export function openEventStore(
  config: AppConfig,
  eventTypes: readonly EventTypeDefinition[],
  options: { keysReadOnly?: boolean } = {},
): EventStore {
  return new UpcastingEventStore(
    new PersonalDataEventStore(
      openAdapter(config),
      new SqliteKeyStore(config.keyStorePath),
      options,
    ),
    new EventTypeRegistry(eventTypes),
  );
}

/** The crypto-shredding layer under the upcasting store, for what only it offers (erasure). */
export function personalDataLayer(store: EventStore): PersonalDataEventStore | null {
  const inner = store instanceof UpcastingEventStore ? store.inner : store;
  return inner instanceof PersonalDataEventStore ? inner : null;
}

function openAdapter(config: AppConfig): EventStore {
  if (config.eventStore === 'esdb') {
    if (!config.eventStoreConnectionString)
      throw new Error('EVENTSTORE_CONNECTION_STRING is missing');
    const logger = new Logger('EsdbEventStore');
    return new EsdbEventStore({
      connectionString: config.eventStoreConnectionString,
      commandCache: new SqliteCommandLog(config.commandLogPath),
      // A dropped subscription is followed up by resubscribing; say so, by error name only.
      onSubscriptionDropped: (error) =>
        logger.warn(
          { errorName: error instanceof Error ? error.name : 'unknown' },
          'subscription dropped; resubscribing from the last position',
        ),
    });
  }
  return new SqliteEventStore({ path: config.sqliteEventStorePath });
}

class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({})
export class EventStoreModule {
  /** `eventTypes`: every type the product writes, so every read comes back at its current version. */
  static forRoot(config: AppConfig, eventTypes: readonly EventTypeDefinition[]): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          useFactory: () => openEventStore(config, eventTypes),
        },
        { provide: POSITION_TOKENS, inject: [EVENT_STORE], useFactory: positionTokensOf },
        EventStoreLifecycle,
      ],
      exports: [EVENT_STORE, POSITION_TOKENS],
    };
  }
}
