import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '@bti/config';
import { EVENT_STORE, personalDataLayer, type EventStore } from '@bti/event-store';
import type { Projection } from './projection';
import { ProjectionRunner, type RunnerLogger } from './projection-runner';
import { SqliteReadModelStore } from './sqlite-read-model-store';

export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');

class ReadModelsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private erasures: Promise<void> = Promise.resolve();

  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}
  onApplicationBootstrap(): void {
    this.runner.start();
    // An erased family's personal data now reads as null: build every read model again from the
    // log, so no copy of it stays in their tables, then empty the WAL that held the old pages.
    personalDataLayer(this.store)?.onErased(() => {
      this.erasures = this.erasures
        .then(async () => {
          await this.runner.rebuildAll();
          this.readModels.checkpointAndTruncateWal();
        })
        // A failed rebuild shows as failing projections in /health; the next erasure tries again.
        .catch(() => undefined);
    });
  }
  // Before the event store closes (its own hook runs at onApplicationShutdown).
  async beforeApplicationShutdown(): Promise<void> {
    // A rebuild cut short resumes from its checkpoints on the next start.
    await this.runner.stop();
    this.readModels.close();
  }
}

@Global()
@Module({})
export class ReadModelsModule {
  static forRoot(
    config: AppConfig,
    projections: readonly Projection[],
    logger?: RunnerLogger,
  ): DynamicModule {
    return {
      module: ReadModelsModule,
      providers: [
        {
          provide: READ_MODEL_STORE,
          // Every projection's tables exist from the start, so queries can prepare their statements.
          useFactory: () => {
            const store = new SqliteReadModelStore(config.readModelPath);
            for (const projection of projections) store.register(projection);
            return store;
          },
        },
        {
          provide: PROJECTION_RUNNER,
          inject: [EVENT_STORE, READ_MODEL_STORE],
          useFactory: (store: EventStore, readModels: SqliteReadModelStore) =>
            new ProjectionRunner(store, readModels, projections, { logger }),
        },
        ReadModelsLifecycle,
      ],
      exports: [READ_MODEL_STORE, PROJECTION_RUNNER],
    };
  }
}
