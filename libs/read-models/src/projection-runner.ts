import type { EventStore, EventSubscription } from '@bti/event-store';
import type { Projection } from './projection';
import type { SqliteReadModelStore } from './sqlite-read-model-store';

/** The slice of a pino logger the runner uses; structured fields, never personal data. */
export interface RunnerLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ProjectionRunnerOptions {
  readonly maxBatchSize?: number;
  /** First wait after a failure; doubles up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  readonly logger?: RunnerLogger;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly checkpoint: bigint;
  /**
   * How far the checkpoint is behind the log's head, in the store's positions: events on SQLite
   * (an upper bound for filtered projections), bytes of the transaction log on EventStoreDB.
   */
  readonly lag: bigint;
  readonly lagUnit: 'events' | 'bytes';
  readonly running: boolean;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
}

interface Loop {
  readonly projection: Projection;
  running: boolean;
  stopRequested: boolean;
  subscription: EventSubscription | null;
  done: Promise<void> | null;
  consecutiveFailures: number;
  lastError: string | null;
}

export class ProjectionTimeout extends Error {
  constructor(position: bigint) {
    super(`Read models did not reach position ${position} in time`);
    this.name = 'ProjectionTimeout';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Feeds each projection from a catch-up subscription that starts at its checkpoint. A batch that
 * fails is rolled back with its checkpoint; the runner waits, resubscribes from the checkpoint and
 * tries again, so a transient fault delays the read model and never corrupts it.
 */
export class ProjectionRunner {
  private readonly loops = new Map<string, Loop>();
  private readonly progressWaiters = new Set<() => void>();
  private readonly maxBatchSize: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: SqliteReadModelStore,
    projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
    const collections = new Set<string>();
    for (const projection of projections) {
      if (this.loops.has(projection.name))
        throw new Error(`Two projections are named ${projection.name}`);
      for (const table of projection.tables) {
        if (collections.has(table)) throw new Error(`Two projections write to table ${table}`);
        collections.add(table);
      }
      this.loops.set(projection.name, {
        projection,
        running: false,
        stopRequested: false,
        subscription: null,
        done: null,
        consecutiveFailures: 0,
        lastError: null,
      });
    }
  }

  get projectionNames(): string[] {
    return [...this.loops.keys()];
  }

  start(): void {
    for (const loop of this.loops.values()) this.startLoop(loop);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.loops.values()].map((loop) => this.stopLoop(loop)));
  }

  /** Empties one read model and replays the whole log into it; resolves once it is caught up. */
  async rebuild(name: string, timeoutMs = 10 * 60_000): Promise<void> {
    const loop = this.loops.get(name);
    if (!loop) throw new Error(`No projection named ${name}`);
    const wasRunning = loop.running;
    await this.stopLoop(loop);
    this.readModels.reset(loop.projection);
    this.startLoop(loop);
    await this.waitForPosition(await this.store.headPosition(), timeoutMs, [name]);
    if (!wasRunning) await this.stopLoop(loop);
  }

  /**
   * Resolves once every named projection (all by default) has processed the log up to `position`:
   * how a query waits for the write that the same client just made.
   */
  async waitForPosition(
    position: bigint,
    timeoutMs: number,
    names: readonly string[] = this.projectionNames,
  ): Promise<void> {
    const reached = () => names.every((name) => this.readModels.checkpoint(name) >= position);
    const deadline = Date.now() + timeoutMs;
    while (!reached()) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ProjectionTimeout(position);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(remaining, 250));
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        const waiters = this.progressWaiters;
        waiters.add(done);
      });
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return [...this.loops.values()].map((loop) => {
      const checkpoint = this.readModels.checkpoint(loop.projection.name);
      return {
        name: loop.projection.name,
        version: loop.projection.version,
        checkpoint,
        lag: head > checkpoint ? head - checkpoint : 0n,
        lagUnit: this.store.adapter === 'esdb' ? 'bytes' : 'events',
        running: loop.running,
        consecutiveFailures: loop.consecutiveFailures,
        lastError: loop.lastError,
      };
    });
  }

  private startLoop(loop: Loop): void {
    if (loop.running) return;
    this.readModels.register(loop.projection);
    loop.running = true;
    loop.stopRequested = false;
    loop.done = this.run(loop).finally(() => {
      loop.running = false;
    });
  }

  private async stopLoop(loop: Loop): Promise<void> {
    loop.stopRequested = true;
    await loop.subscription?.close();
    await loop.done;
  }

  private async run(loop: Loop): Promise<void> {
    const { projection } = loop;
    while (!loop.stopRequested) {
      const subscription = this.store.subscribe({
        fromPosition: this.readModels.checkpoint(projection.name),
        filter: projection.filter,
        maxBatchSize: this.maxBatchSize,
      });
      loop.subscription = subscription;
      try {
        for await (const batch of subscription) {
          if (loop.stopRequested) break;
          this.readModels.applyBatch(projection, batch);
          loop.consecutiveFailures = 0;
          loop.lastError = null;
          for (const wake of [...this.progressWaiters]) wake();
          // A projection catching up has its next batch ready at once: let requests (and /health)
          // in between batches, or a rebuild holds the whole API for minutes.
          await yieldToRequests();
        }
        // The subscription ended without being asked to (the store closed): wait before trying again.
        if (!loop.stopRequested) await sleep(this.retryDelayMs);
      } catch (error) {
        loop.consecutiveFailures += 1;
        loop.lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        this.options.logger?.error(
          {
            projection: projection.name,
            checkpoint: String(this.readModels.checkpoint(projection.name)),
            failures: loop.consecutiveFailures,
            error: loop.lastError,
          },
          'projection batch failed; retrying from its checkpoint',
        );
        const delay = Math.min(
          this.retryDelayMs * 2 ** (loop.consecutiveFailures - 1),
          this.maxRetryDelayMs,
        );
        await sleep(delay);
      } finally {
        await subscription.close();
        loop.subscription = null;
      }
    }
  }
}
