import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import type { AppConfig } from '@bti/config';
import {
  EVENT_STORE,
  personalDataLayer,
  POSITION_TOKENS,
  type EventStore,
  type PersonalDataEventStore,
  type PositionTokens,
} from '@bti/event-store';
import type { Projection } from './projection';
import {
  exponentialBackoff,
  ProjectionRunner,
  RebuildAborted,
  type ProjectionRunnerOptions,
  type ReadModelFileBuilder,
  type RunnerLogger,
} from './projection-runner';
import { SqliteReadModelStore } from './sqlite-read-model-store';

export const READ_MODEL_STORE = Symbol('READ_MODEL_STORE');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');

/** The first wait before a failed erasure rebuild is tried again; it doubles up to half an hour. */
const PURGE_RETRY_MS = 60_000;
const PURGE_RETRY_MAX_MS = 30 * 60_000;

class ReadModelsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private erasures: Promise<void> = Promise.resolve();
  private readonly logger = new Logger('ReadModels');
  private stopping = false;
  private failedPurges = 0;
  private purgeQueued = false;
  private purgeRetry: NodeJS.Timeout | null = null;

  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}
  async onApplicationBootstrap(): Promise<void> {
    const personalData = personalDataLayer(this.store);
    if (await this.runner.startsFromScratchElsewhere()) this.buildFromScratch(personalData);
    else {
      this.runner.start();
      // The first commands' reads must not wait behind a projection thread still starting.
      await this.runner.readyToApply();
    }
    if (!personalData) return;
    // An erased family's personal data now reads as null: build every read model again from the log
    // beside the live ones (which go on answering), then put the new file in place and overwrite the
    // old one, so no copy of it stays. Erasures whose rebuild did not finish (a crash, a stop) are
    // taken up again at the next start.
    personalData.onErased(() => this.purgeErased(personalData));
    this.purgeErased(personalData);
  }

  /**
   * Erased families whose data may still be in this node's read models. The key store says which
   * families are erased (shared by every node of an installation); the read-model file which of them
   * it was rebuilt without (each node's own): a node that reads another's erasure rebuilds too.
   */
  private erasuresNotTakenUp(personalData: PersonalDataEventStore): string[] {
    return this.readModels.erasuresNotTakenUp(personalData.keys.erasedFamilies());
  }

  /**
   * Rebuilds the read models beside the live ones from the log, then records that every family erased
   * before the build began is gone from them. A key this process still holds in memory from before
   * another node's erasure is dropped first, so the build cannot open what it sealed.
   */
  private async rebuildWithoutErased(personalData: PersonalDataEventStore | null): Promise<void> {
    const erased = personalData?.keys.erasedFamilies() ?? [];
    for (const familyId of erased) personalData?.keys.forget(familyId);
    await this.runner.rebuildAllBeside();
    if (erased.length > 0) this.readModels.takeUpErasures(erased, new Date().toISOString());
  }

  /**
   * Empty read models over a long log: built elsewhere and put in place before the runner starts
   * (queries meanwhile answer 503, as during any rebuild). The build is from the log as it is, so it
   * also completes every erasure waiting for its rebuild. Should the child fail, the file is built in
   * this process instead; should that fail too, the runner starts and catches up itself.
   */
  private buildFromScratch(personalData: PersonalDataEventStore | null): void {
    this.erasures = this.erasures.then(async () => {
      try {
        await this.rebuildWithoutErased(personalData);
      } catch (error) {
        if (error instanceof RebuildAborted || this.stopping) return;
        this.logger.error(
          { errorName: error instanceof Error ? error.name : 'unknown' },
          'building the read models from scratch beside failed; catching up in this process',
        );
      }
      if (!this.stopping) this.runner.start();
    });
  }

  private purgeErased(personalData: PersonalDataEventStore): void {
    // Every read of an erasure asks (a rebuild reads them all): one check waiting is enough, and it
    // runs after the rebuild in progress, seeing every erasure made until then.
    if (this.purgeQueued) return;
    this.purgeQueued = true;
    this.erasures = this.erasures
      .then(async () => {
        this.purgeQueued = false;
        if (this.stopping || this.erasuresNotTakenUp(personalData).length === 0) return;
        await this.rebuildWithoutErased(personalData);
        this.failedPurges = 0;
      })
      .catch((error: unknown) => {
        if (error instanceof RebuildAborted || this.stopping) return;
        // The erased family's data is still in the live read models: try again after a wait (and at
        // the next erasure or start). By name only.
        this.failedPurges += 1;
        const waitMs = exponentialBackoff(this.failedPurges, PURGE_RETRY_MS, PURGE_RETRY_MAX_MS);
        this.logger.error(
          { errorName: error instanceof Error ? error.name : 'unknown', retryInMs: waitMs },
          'rebuilding the read models after an erasure failed',
        );
        if (this.purgeRetry) clearTimeout(this.purgeRetry);
        this.purgeRetry = setTimeout(() => this.purgeErased(personalData), waitMs);
        this.purgeRetry.unref();
      });
  }

  // Before the event store closes (its own hook runs at onApplicationShutdown).
  async beforeApplicationShutdown(): Promise<void> {
    // A rebuild cut short resumes from its checkpoints on the next start; an erasure's is given up
    // and taken up again then, and none queued behind it begins.
    this.stopping = true;
    if (this.purgeRetry) clearTimeout(this.purgeRetry);
    await this.runner.stop();
    await this.readModels.closeWithOtherConnections();
  }
}

@Global()
@Module({})
export class ReadModelsModule {
  static forRoot(
    config: AppConfig,
    projections: readonly Projection[],
    logger?: RunnerLogger,
    fileBuilder?: ReadModelFileBuilder,
    batchThread?: ProjectionRunnerOptions['batchThread'],
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
          inject: [EVENT_STORE, READ_MODEL_STORE, POSITION_TOKENS],
          useFactory: (
            store: EventStore,
            readModels: SqliteReadModelStore,
            positions: PositionTokens,
          ) =>
            new ProjectionRunner(store, readModels, projections, {
              logger,
              positions,
              maxBatchSize: config.projectionBatchSize,
              batchThread,
              fileBuilder: fileBuilder && {
                build: fileBuilder,
                fromPosition: BigInt(config.readModelBuildInChildFromEvents),
              },
            }),
        },
        ReadModelsLifecycle,
      ],
      exports: [READ_MODEL_STORE, PROJECTION_RUNNER],
    };
  }
}
