import { existsSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  PositionTokens,
  type EventFilter,
  type EventStore,
  type EventSubscription,
} from '@bti/event-store';
import { InThreadBatchApplier, type BatchApplier } from './batch-applier';
import type { Projection } from './projection';
import {
  filesBeginningWith,
  nextFilePath,
  shredFileAsync,
  SqliteReadModelStore,
  type ReadModelWork,
} from './sqlite-read-model-store';

/** The slice of a pino logger the runner uses; structured fields, never personal data. */
export interface RunnerLogger {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ProjectionRunnerOptions {
  /**
   * Events per batch (one transaction for all projections). Large, because a batch's writes to the
   * same index pages and documents are paid once per commit: measured on a rebuild of 170,000 events,
   * 10,000 a batch is 40 % faster than 1,000. A batch's events and documents are in memory until it
   * commits, so the API takes `PROJECTION_BATCH_SIZE` (2,500: at 100,000 children as fast as 10,000,
   * and the API ~120 MB smaller after a rebuild). At the log's head a batch is whatever was just
   * appended.
   */
  readonly maxBatchSize?: number;
  /** First wait after a failure; doubles up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** How long no batch may follow a full one before the read models settle; 1 s by default. */
  readonly settleWhenQuietMs?: number;
  /**
   * Free space a rebuild beside the live read models wants before it starts, as a multiple of the
   * live file's size (1.5 by default): the new file grows to about that size, on the disk the event
   * log may share, and a full disk would stop the commands too.
   */
  readonly rebuildBesideSpaceFactor?: number;
  /**
   * Builds the read models from scratch elsewhere (`build`: `childProcessFileBuilder`) for a rebuild
   * beside the live ones, when the log has at least `fromPosition` events (positions, on EventStoreDB);
   * the runner then only brings the file it wrote up to the head. Without it, or when it fails, the
   * runner builds the new file itself.
   */
  readonly fileBuilder?: { readonly build: ReadModelFileBuilder; readonly fromPosition: bigint };
  /**
   * Gives up at the first failed batch instead of retrying it (`waitForPosition` throws its error):
   * for a build that has something else to fall back on.
   */
  readonly stopAtFirstFailure?: boolean;
  readonly logger?: RunnerLogger;
  /**
   * Where the batches are applied: on a thread of their own (`ProjectionBatchThread`, made when the
   * runner starts and ended when it stops), or — without it — on the caller's thread, through the
   * read-model store's own connection. A rebuild beside builds its new file on the caller's thread.
   */
  readonly batchThread?: (readModels: SqliteReadModelStore) => BatchApplier;
  /**
   * How readers are given positions (`minPosition` is one of them, opened here before a read waits):
   * the installation's own tokens for the API; a runner that answers no reader makes its own.
   */
  readonly positions?: PositionTokens;
}

/**
 * Writes every read model, built from position 0, into a new file at `path` (which it creates);
 * resolves once the file is complete and closed, rejects with `RebuildAborted` once the build has
 * stopped after `signal` aborted it, with `ProjectionTimeout` past `deadline` (epoch ms).
 */
export type ReadModelFileBuilder = (
  path: string,
  options: { signal: AbortSignal; deadline: number; onProgress: (position: bigint) => void },
) => Promise<FileBuildReport>;

/**
 * How long a build elsewhere took, and where its time went (its read models' own accounting, summed
 * over the processes that built parts of it at once: more seconds of work than of `seconds`).
 */
export interface FileBuildReport {
  readonly seconds: number;
  readonly work: ReadModelWork;
  /** How many processes built it, each a share of the projections. */
  readonly processes: number;
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
  /** `shared`: fed by the subscription all healthy projections share; `solo`: rebuilding or retrying alone. */
  readonly feed: 'shared' | 'solo' | null;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  /** Time in this projection's own handlers since the API started, in seconds. */
  readonly applySeconds: number;
  readonly eventsHandled: number;
}

/**
 * How a projection is fed: `shared` — by the one subscription all healthy projections share (the log
 * is read and decoded once, and one transaction commits every projection's batch with its checkpoint);
 * `solo` — by a subscription of its own, while it is rebuilt or retried after a failure, until it has
 * caught up with the shared one and joins it again.
 */
type Mode = 'stopped' | 'shared' | 'solo';

interface Member {
  readonly projection: Projection;
  mode: Mode;
  solo: SoloLoop | null;
  consecutiveFailures: number;
  lastError: string | null;
}

interface SoloLoop {
  stopRequested: boolean;
  /** Stays solo (a rebuild of a stopped runner) instead of joining the shared subscription. */
  readonly staysSolo: boolean;
  subscription: EventSubscription | null;
  done: Promise<void>;
}

/** A rebuild beside the live read models under way: how to give it up, and how far it has come. */
interface BesideBuild {
  readonly abort: () => void;
  /** Given up by a stop: the live runner is not started again. */
  aborted: boolean;
  done: Promise<void>;
  readonly startedAt: string;
  phase: RebuildBesidePhase;
  position: () => bigint;
  elsewhere: FileBuildReport | null;
  readonly liveFollowing: boolean;
}

/** The file a rebuild beside is built in, and its WAL, overwritten and deleted without holding requests. */
const shredNextFile = async (nextPath: string) => {
  for (const file of filesBeginningWith(nextPath)) await shredFileAsync(file);
};

interface SharedLoop {
  stopRequested: boolean;
  subscription: EventSubscription | null;
  /** The log position the shared subscription has delivered up to; a solo projection at or past it may join. */
  position: bigint;
  /** The batch being applied (on the projection thread, perhaps), until it has committed or failed. */
  applying: Promise<unknown> | null;
  consecutiveFailures: number;
  done: Promise<void>;
}

/** The lowest of some log positions (at least one): how far all of what reached them has come. */
export const lowestPosition = (positions: readonly bigint[]): bigint =>
  positions.reduce((low, position) => (position < low ? position : low));

export class ProjectionTimeout extends Error {
  /** `position` is the log position waited for, or `built-elsewhere` for a file a child was building. */
  constructor(position: bigint | 'built-elsewhere') {
    super(
      position === 'built-elsewhere'
        ? 'The read models being built in another process were not ready in time'
        : `Read models did not reach position ${position} in time`,
    );
    this.name = 'ProjectionTimeout';
  }
}

/**
 * How long the last stretch of a rebuild beside the live read models may take: the live runner is
 * stopped meanwhile, so the read models stand still; past it the build is given up and the live
 * runner goes on.
 */
export const LAST_STRETCH_MS = 30_000;

/**
 * `building`: the new file catches up while the live read models answer and follow the log;
 * `last_stretch`: the live runner stopped, the new file brought to the head; `shredding_old_file`: the
 * new file in force, the old one being overwritten.
 */
export type RebuildBesidePhase = 'building' | 'last_stretch' | 'shredding_old_file';

export interface RebuildBesideStatus {
  readonly startedAt: string;
  readonly phase: RebuildBesidePhase;
  /** The new file's lowest checkpoint (the live one's once in force). */
  readonly position: bigint;
  /**
   * Whether the live read models follow the log while the new file is built: not when the runner was
   * not running (empty read models at a first start, built before it starts).
   */
  readonly liveFollowing: boolean;
}

/** The last rebuild beside that put its file in place: when, and whether the `fileBuilder` built it. */
export interface CompletedRebuildBeside {
  readonly startedAt: string;
  /** When the new file was in force (the old one then still being overwritten). */
  readonly replacedAt: string;
  /** The build elsewhere that wrote the file, when one did; null when the runner built it itself. */
  readonly elsewhere: FileBuildReport | null;
}

/** The `fileBuilder` gave up, or its process died: the runner can build the file itself. */
export class FileBuildFailed extends Error {
  constructor(reason: string) {
    super(`Building the read models in a child process failed: ${reason}`);
    this.name = 'FileBuildFailed';
  }
}

/** The disk has not the room for a second read-model file: a rebuild beside would fill it. */
export class NotEnoughRoomBeside extends Error {
  constructor(
    readonly neededBytes: number,
    readonly availableBytes: number,
  ) {
    super(
      `A rebuild beside the read models wants ${neededBytes} bytes free and the disk has ${availableBytes}`,
    );
    this.name = 'NotEnoughRoomBeside';
  }
}

/** A rebuild asked for while one beside the live read models is under way. */
export class RebuildInProgress extends Error {
  constructor() {
    super('The read models are being rebuilt beside the live ones; try again when that is done');
    this.name = 'RebuildInProgress';
  }
}

/** A rebuild beside the live read models given up because the runner was stopped. */
export class RebuildAborted extends Error {
  constructor() {
    super('The rebuild beside the live read models was given up: the runner was stopped');
    this.name = 'RebuildAborted';
  }
}

/** The wait after the `failures`-th failure in a row: `firstMs`, doubling up to `maxMs`. */
export const exponentialBackoff = (failures: number, firstMs: number, maxMs: number) =>
  Math.min(firstMs * 2 ** (failures - 1), maxMs);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Feeds the projections from catch-up subscriptions that start at their checkpoints. Healthy
 * projections share one subscription (a rebuild of all of them reads the log once); a projection
 * being rebuilt, or one whose batch failed, gets a subscription of its own. A batch that fails is
 * rolled back with its checkpoint; the runner waits, resubscribes from the checkpoint and tries
 * again, so a transient fault delays the read model and never corrupts it.
 */
export class ProjectionRunner {
  private readonly members = new Map<string, Member>();
  private readonly progressWaiters = new Set<() => void>();
  private readonly maxBatchSize: number;
  private readonly retryDelayMs: number;
  private readonly maxRetryDelayMs: number;
  private shared: SharedLoop | null = null;
  /** A rebuild beside the live read models in progress (`rebuildAllBeside`), which `stop` gives up. */
  private besideBuild: BesideBuild | null = null;
  private lastBeside: CompletedRebuildBeside | null = null;
  private quietTimer: NodeJS.Timeout | null = null;
  private resolveRetry: NodeJS.Timeout | null = null;
  private resolveFailures = 0;
  /** The first failed batch's error, when the runner stops at it (`stopAtFirstFailure`). */
  private firstFailure: { error: unknown } | null = null;
  /** Where batches are applied while the runner runs; made on the first batch, closed at a stop. */
  private applier: BatchApplier | null = null;
  private closingApplier: Promise<void> = Promise.resolve();
  private readonly rebuildsUnderWay = new Map<string, Promise<void>>();
  readonly positions: PositionTokens;

  constructor(
    private readonly store: EventStore,
    private readonly readModels: SqliteReadModelStore,
    projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.maxBatchSize = options.maxBatchSize ?? 10_000;
    this.positions = options.positions ?? PositionTokens.ephemeral();
    this.retryDelayMs = options.retryDelayMs ?? 200;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;
    const collections = new Set<string>();
    for (const projection of projections) {
      if (this.members.has(projection.name))
        throw new Error(`Two projections are named ${projection.name}`);
      for (const table of projection.tables) {
        if (collections.has(table)) throw new Error(`Two projections write to table ${table}`);
        collections.add(table);
      }
      this.members.set(projection.name, {
        projection,
        mode: 'stopped',
        solo: null,
        consecutiveFailures: 0,
        lastError: null,
      });
    }
  }

  /** The lowest checkpoint of the given members (all by default): how far every one of them has come. */
  lowestCheckpoint(members: readonly Member[] = [...this.members.values()]): bigint {
    return lowestPosition(
      members.map((member) => this.readModels.checkpoint(member.projection.name)),
    );
  }

  /** Whether an erasure's rebuild beside the live read models is under way. */
  get rebuildingBeside(): boolean {
    return this.besideBuild !== null;
  }

  /**
   * An erasure's rebuild beside the live read models, for /health: since when, in which phase, and
   * how far the new file has come (its lowest checkpoint); null when none runs.
   */
  rebuildBesideStatus(): RebuildBesideStatus | null {
    const build = this.besideBuild;
    if (!build) return null;
    return {
      startedAt: build.startedAt,
      phase: build.phase,
      position: build.position(),
      liveFollowing: build.liveFollowing,
    };
  }

  /** The last rebuild beside that put its file in place since this runner was made, or null. */
  lastRebuildBeside(): CompletedRebuildBeside | null {
    return this.lastBeside;
  }

  get projectionNames(): string[] {
    return [...this.members.keys()];
  }

  start(): void {
    for (const member of this.members.values()) {
      if (member.mode !== 'stopped') continue;
      this.readModels.register(member.projection);
      member.mode = 'shared';
    }
    this.startShared();
  }

  /** Stops feeding the read models, and gives up a rebuild beside them (an erasure's resumes at the next start). */
  async stop(): Promise<void> {
    const beside = this.besideBuild;
    if (beside) {
      beside.abort();
      // Its builder stopped and its file shredded (or, past the swap, the old file) before the stores close.
      await beside.done.catch(() => undefined);
    }
    await this.stopFeeding();
  }

  private async stopFeeding(): Promise<void> {
    const shared = this.shared;
    if (shared) {
      shared.stopRequested = true;
      await shared.subscription?.close();
      await shared.done;
    }
    await Promise.all([...this.members.values()].map((member) => this.stopSolo(member)));
    for (const member of this.members.values()) member.mode = 'stopped';
    // Stopped before the read models close: a settle must not reach a closed store.
    this.clearQuietTimer();
    this.clearResolveRetry();
    // Nothing is being applied now: a projection thread's connection closes before the file is
    // replaced or closed — also when a second stop comes while the first is closing it.
    const applier = this.applier;
    this.applier = null;
    this.closingApplier = this.closingApplier.then(() => applier?.close()).catch(() => undefined);
    await this.closingApplier;
  }

  /**
   * Resolves once the runner can apply batches: at once on the caller's thread; with a projection
   * thread, once it has started (its own failure to start is left to the runner's retries).
   */
  async readyToApply(): Promise<void> {
    if (!this.running()) return;
    await this.batches()
      .ready()
      .catch(() => undefined);
  }

  private batches(): BatchApplier {
    this.applier ??=
      this.options.batchThread?.(this.readModels) ?? new InThreadBatchApplier(this.readModels);
    return this.applier;
  }

  /**
   * Empties every read model and replays the whole log into all of them through the shared
   * subscription; resolves once they are caught up with the head as it was when asked.
   */
  async rebuildAll(timeoutMs = 60 * 60_000): Promise<void> {
    if (this.besideBuild) throw new RebuildInProgress();
    const wasRunning = this.running();
    await this.stop();
    for (const member of this.members.values()) this.readModels.reset(member.projection);
    const head = await this.store.headPosition();
    this.start();
    await this.waitForPosition(head, timeoutMs);
    if (!wasRunning) await this.stop();
  }

  /**
   * Builds every read model again from position 0 in a new file beside the live one (`nextPath`),
   * while the live read models go on answering and following the log; once the new file has caught
   * up, the live runner stops, the new file is brought to the head and put in the live one's place
   * (`replaceFileWith`: the old file overwritten, then deleted), and the runner starts again on it.
   * For an erasure: no query is refused meanwhile, and the personal data the log no longer gives is
   * gone from every read model at the swap. A failed build leaves the live file as it was.
   */
  async rebuildAllBeside(timeoutMs = 60 * 60_000, lastStretchMs = LAST_STRETCH_MS): Promise<void> {
    if (this.besideBuild) throw new RebuildInProgress();
    let abort: () => void = () => undefined;
    const cancel = new AbortController();
    const aborted = new Promise<never>((_resolve, reject) => {
      abort = () => {
        build.aborted = true;
        cancel.abort();
        reject(new RebuildAborted());
      };
    });
    aborted.catch(() => undefined);
    const build: BesideBuild = {
      abort,
      aborted: false,
      done: Promise.resolve(),
      startedAt: new Date().toISOString(),
      phase: 'building',
      position: () => 0n,
      elsewhere: null,
      liveFollowing: this.running(),
    };
    this.besideBuild = build;
    build.done = this.buildBeside(timeoutMs, lastStretchMs, aborted, cancel.signal, build).finally(
      () => {
        if (this.besideBuild === build) this.besideBuild = null;
      },
    );
    await build.done;
  }

  private async buildBeside(
    timeoutMs: number,
    lastStretchMs: number,
    aborted: Promise<never>,
    signal: AbortSignal,
    progress: BesideBuild,
  ): Promise<void> {
    const nextPath = nextFilePath(this.readModels.path);
    await shredNextFile(nextPath);
    this.ensureRoomBeside();
    const deadline = Date.now() + timeoutMs;
    await this.buildFileElsewhere(nextPath, signal, deadline, progress);
    const next = new SqliteReadModelStore(nextPath);
    const projections = [...this.members.values()].map((member) => member.projection);
    const builder = new ProjectionRunner(this.store, next, projections, {
      ...this.options,
      fileBuilder: undefined,
      batchThread: undefined,
    });
    progress.position = () => (next.isOpen ? builder.lowestCheckpoint() : 0n);
    const unlessAborted = <T>(step: Promise<T>) => Promise.race([step, aborted]);
    const reachHead = async (until: number) =>
      unlessAborted(builder.waitForPosition(await this.store.headPosition(), until - Date.now()));
    let stoppedLive = false;
    let replaced: string | null = null;
    try {
      builder.start();
      // The log as it was, then what was appended meanwhile, with the live read models running.
      await reachHead(deadline);
      await reachHead(deadline);
      // The last stretch with the live runner stopped (its WAL emptied first, so closing it is
      // quick), so the file put in place is at least as far as the one it replaces; not for long.
      this.readModels.checkpointAndTruncateWal();
      progress.phase = 'last_stretch';
      stoppedLive = true;
      await unlessAborted(this.stopFeeding());
      await reachHead(Math.min(deadline, Date.now() + lastStretchMs));
      await builder.stop();
      next.close();
      replaced = await this.readModels.withOtherConnectionsClosed(() =>
        this.readModels.replaceFileWith(nextPath),
      );
    } catch (error) {
      await builder.stop();
      if (next.isOpen) next.close();
      // The live runner first: the half-built file is overwritten while it answers.
      this.restartAfterBeside(stoppedLive && progress.liveFollowing, progress);
      await shredNextFile(nextPath);
      throw error;
    }
    this.restartAfterBeside(stoppedLive && progress.liveFollowing, progress);
    // Answering from the new file already; the old one is overwritten without holding the requests.
    progress.phase = 'shredding_old_file';
    progress.position = () => this.lowestCheckpoint();
    this.lastBeside = {
      startedAt: progress.startedAt,
      replacedAt: new Date().toISOString(),
      elsewhere: progress.elsewhere,
    };
    if (replaced) await shredFileAsync(replaced);
  }

  /**
   * Has the `fileBuilder` write the new file from scratch, when there is one and the log is long
   * enough to be worth a process of its own; the runner then only brings it up to the head. When that
   * build fails (out of its memory, say), the runner builds the file itself — after a stop or past the
   * deadline, the rebuild gives up.
   */
  private async buildFileElsewhere(
    nextPath: string,
    signal: AbortSignal,
    deadline: number,
    progress: BesideBuild,
  ): Promise<void> {
    const build = this.options.fileBuilder?.build;
    if (!build || !(await this.logLongEnoughToBuildElsewhere())) return;
    let reached = 0n;
    progress.position = () => reached;
    try {
      progress.elsewhere = await build(nextPath, {
        signal,
        deadline,
        onProgress: (position) => (reached = position),
      });
    } catch (error) {
      // The builder has stopped: what it left may be overwritten without racing it.
      await shredNextFile(nextPath);
      if (error instanceof RebuildAborted || error instanceof ProjectionTimeout) throw error;
      this.options.logger?.error(
        {
          errorName: error instanceof Error ? error.name : 'unknown',
          // Its own message names only the child's error name and code; another's may say more.
          reason: error instanceof FileBuildFailed ? error.message : null,
        },
        'building the read models elsewhere failed; building them in this process',
      );
    }
  }

  /**
   * Starts the live runner again after a rebuild beside it stopped it — not after a stop (which gave
   * the build up), nor on a store whose file could not be opened.
   */
  private restartAfterBeside(wasStopped: boolean, build: BesideBuild): void {
    if (wasStopped && !build.aborted && this.readModels.isOpen) this.start();
  }

  /**
   * Whether the read models are empty while the log is long enough for the `fileBuilder`: a first
   * start on an existing log (a new node, a lost or deleted read-model file) then builds them
   * elsewhere and puts the file in place (`rebuildAllBeside`) instead of catching up on this thread.
   */
  async startsFromScratchElsewhere(): Promise<boolean> {
    const empty = [...this.members.values()].every(
      (member) => this.readModels.checkpoint(member.projection.name) === 0n,
    );
    return empty && (await this.logLongEnoughToBuildElsewhere());
  }

  /** Whether there is a `fileBuilder` and the log has reached its `fromPosition`. */
  private async logLongEnoughToBuildElsewhere(): Promise<boolean> {
    if (!this.options.fileBuilder) return false;
    const head = await this.store.headPosition();
    // An empty log leaves nothing to build, however low the threshold.
    return head > 0n && head >= this.options.fileBuilder.fromPosition;
  }

  /** Whether any projection is being fed (the runner started and not stopped). */
  private running(): boolean {
    return [...this.members.values()].some((member) => member.mode !== 'stopped');
  }

  /** Refuses a rebuild beside the live file when the disk has not the room for a second one. */
  private ensureRoomBeside(): void {
    const path = this.readModels.path;
    const size = [path, `${path}-wal`]
      .filter((file) => existsSync(file))
      .reduce((total, file) => total + statSync(file).size, 0);
    const needed = Math.ceil(size * (this.options.rebuildBesideSpaceFactor ?? 1.5));
    const disk = statfsSync(dirname(path));
    const available = disk.bavail * disk.bsize;
    if (available < needed) throw new NotEnoughRoomBeside(needed, available);
  }

  /**
   * Empties one read model and replays the whole log into it; resolves once it is caught up. A
   * rebuild of the same projection asked for meanwhile is the one under way.
   */
  rebuild(name: string, timeoutMs = 10 * 60_000): Promise<void> {
    const underWay = this.rebuildsUnderWay.get(name);
    if (underWay) return underWay;
    const rebuilding = this.rebuildAlone(name, timeoutMs).finally(() =>
      this.rebuildsUnderWay.delete(name),
    );
    this.rebuildsUnderWay.set(name, rebuilding);
    return rebuilding;
  }

  private async rebuildAlone(name: string, timeoutMs: number): Promise<void> {
    const member = this.members.get(name);
    if (!member) throw new Error(`No projection named ${name}`);
    if (this.besideBuild) throw new RebuildInProgress();
    const wasRunning = member.mode !== 'stopped';
    await this.stopSolo(member);
    // Out of the shared subscription before its tables are emptied; it joins again once caught up.
    member.mode = 'stopped';
    // A shared batch being applied may name it: its tables are emptied after that batch, not under it.
    await this.shared?.applying?.catch(() => undefined);
    try {
      this.readModels.reset(member.projection);
    } catch (error) {
      // Nothing was emptied (one transaction): it goes on being fed from its checkpoint.
      if (wasRunning) {
        member.mode = 'shared';
        this.startShared();
      }
      throw error;
    }
    this.startSolo(member, 0, !wasRunning);
    await this.waitForPosition(await this.store.headPosition(), timeoutMs, [name]);
    if (!wasRunning) {
      await this.stopSolo(member);
      member.mode = 'stopped';
    }
  }

  /**
   * Resolves once every named projection (all by default) has processed the log up to `position`:
   * how a query waits for the write that the same client just made. Read models closed meanwhile (the
   * API shutting down) will not get there: `ProjectionTimeout` at once, to be asked again.
   */
  async waitForPosition(
    position: bigint,
    timeoutMs: number,
    names: readonly string[] = this.projectionNames,
  ): Promise<void> {
    const reached = () => names.every((name) => this.readModels.checkpoint(name) >= position);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.readModels.isOpen) throw new ProjectionTimeout(position);
      if (reached()) return;
      if (this.firstFailure) throw this.firstFailure.error;
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

  /**
   * Which of the named projections are being rebuilt: their tables hold only part of the log until
   * they have caught up with the head as it was when the rebuild began. A query reading one of them
   * would answer from part of the log, so it is refused instead (`ReadModelsRebuilding`).
   */
  rebuilding(names: readonly string[] = this.projectionNames): string[] {
    return this.readModels.rebuilding(names);
  }

  /** Throws `ReadModelsRebuilding` when any of the named projections is being rebuilt. */
  refuseWhileRebuilding(names: readonly string[]): void {
    this.readModels.refuseWhileRebuilding(names);
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    const work = this.readModels.work().projections;
    return [...this.members.values()].map((member) => {
      const checkpoint = this.readModels.checkpoint(member.projection.name);
      const own = work[member.projection.name];
      return {
        name: member.projection.name,
        version: member.projection.version,
        checkpoint,
        lag: head > checkpoint ? head - checkpoint : 0n,
        lagUnit: this.store.adapter === 'esdb' ? 'bytes' : 'events',
        running: member.mode !== 'stopped',
        feed: member.mode === 'stopped' ? null : member.mode,
        consecutiveFailures: member.consecutiveFailures,
        lastError: member.lastError,
        applySeconds: own?.applySeconds ?? 0,
        eventsHandled: own?.eventsHandled ?? 0,
      };
    });
  }

  /**
   * A reset since the last subscription is to reach the head as it is now. When the head cannot be
   * read (a store not ready yet), the projection stays marked as rebuilding and the head is asked for
   * again after a wait — a loop at the head may never subscribe again to ask.
   */
  private async resolvePendingRebuilds(): Promise<void> {
    this.clearResolveRetry();
    try {
      this.readModels.resolvePendingRebuilds(await this.store.headPosition());
      this.resolveFailures = 0;
    } catch (error) {
      if (!this.running()) return;
      this.resolveFailures += 1;
      this.options.logger?.error(
        { failures: this.resolveFailures, error: describe(error) },
        'the head a rebuild is to reach could not be read; asking again',
      );
      this.resolveRetry = setTimeout(() => {
        this.resolveRetry = null;
        void this.resolvePendingRebuilds();
      }, this.backoff(this.resolveFailures));
      this.resolveRetry.unref();
    }
  }

  private clearResolveRetry(): void {
    if (this.resolveRetry) clearTimeout(this.resolveRetry);
    this.resolveRetry = null;
  }

  private sharedMembers(): Member[] {
    return [...this.members.values()].filter((member) => member.mode === 'shared');
  }

  private wakeWaiters(): void {
    for (const wake of [...this.progressWaiters]) wake();
  }

  private startShared(): void {
    if (this.shared || this.sharedMembers().length === 0) return;
    const shared: SharedLoop = {
      stopRequested: false,
      subscription: null,
      position: 0n,
      applying: null,
      consecutiveFailures: 0,
      done: Promise.resolve(),
    };
    this.shared = shared;
    shared.done = this.runShared(shared).finally(() => {
      if (this.shared === shared) this.shared = null;
    });
  }

  private async runShared(shared: SharedLoop): Promise<void> {
    while (!shared.stopRequested) {
      await this.resolvePendingRebuilds();
      // A stop during that wait found no subscription to close: it must not be opened now.
      if (shared.stopRequested) return;
      const members = this.sharedMembers();
      if (members.length === 0) return;
      const from = this.lowestCheckpoint(members);
      shared.position = from;
      const subscription = this.store.subscribe({
        fromPosition: from,
        filter: unionOfFilters(members.map((member) => member.projection.filter)),
        maxBatchSize: this.maxBatchSize,
      });
      shared.subscription = subscription;
      let fedLast: readonly Member[] = members;
      let joined = false;
      try {
        for await (const batch of subscription) {
          if (shared.stopRequested) break;
          const feeding = this.sharedMembers();
          // A projection that joined since this subscription began may read events its filter
          // lets through and the subscription's does not; one that came back from solo while the
          // last batch was being applied (without it) may be behind that batch's end. Either way,
          // start again from the lowest checkpoint, with the wider filter.
          if (feeding.some((m) => !members.includes(m) || !fedLast.includes(m))) {
            joined = true;
            break;
          }
          const applying = this.batches().applyToEach(
            feeding.map((member) => member.projection),
            batch,
          );
          shared.applying = applying;
          let failures: Map<string, unknown>;
          try {
            failures = await applying;
          } finally {
            shared.applying = null;
          }
          shared.position = batch.position;
          shared.consecutiveFailures = 0;
          this.noteBatchSize(batch.events.length);
          // Those adopted have reached this batch's end: they may be fed the next one.
          fedLast = [...feeding, ...this.adoptCaughtUpSolos(shared)];
          for (const member of feeding) {
            // Taken out while its batch was applied (a rebuild of it): its state is the rebuild's.
            if (member.mode !== 'shared') continue;
            const failure = failures.get(member.projection.name);
            if (failure === undefined) {
              member.consecutiveFailures = 0;
              member.lastError = null;
            } else this.recordFailure(member, failure);
          }
          this.wakeWaiters();
          if (this.sharedMembers().length === 0) return;
          // A projection catching up has its next batch ready at once: let requests (and /health)
          // in between batches, or a rebuild holds the whole API for minutes.
          await yieldToRequests();
        }
        if (!shared.stopRequested && !joined) await sleep(this.retryDelayMs);
      } catch (error) {
        // The batch's transaction failed (a full disk, say): none of its parts committed, every
        // projection in it stays at its checkpoint.
        if (this.options.stopAtFirstFailure) return this.stopAt(error);
        shared.consecutiveFailures += 1;
        for (const member of this.sharedMembers()) {
          member.consecutiveFailures += 1;
          member.lastError = describe(error);
        }
        this.logFailure('shared', shared.position, shared.consecutiveFailures, error);
        await sleep(this.backoff(shared.consecutiveFailures));
      } finally {
        await subscription.close();
        shared.subscription = null;
      }
    }
  }

  /**
   * A full batch means a backlog (a rebuild, a restart after a while): the read models keep a large
   * page cache while it lasts. A short one means the head: once no projection is catching up alone,
   * the read models settle back to their size for reads. A log that ends exactly at a full batch's
   * end sends no short batch after it, so a full batch also arms a timer that settles them once no
   * batch has followed for `settleWhenQuietMs` — asking the store for its head instead would cost a
   * round trip per batch and means nothing to a filtered subscription on EventStoreDB.
   */
  private noteBatchSize(events: number): void {
    this.clearQuietTimer();
    if (events < this.maxBatchSize) return this.settleWhenNoneCatchingUp();
    this.batches().beginCatchUp();
    this.quietTimer = setTimeout(() => {
      this.quietTimer = null;
      try {
        this.settleWhenNoneCatchingUp();
      } catch (error) {
        this.logFailure('settle', 0n, 1, error);
      }
    }, this.options.settleWhenQuietMs ?? 1000);
    this.quietTimer.unref();
  }

  private clearQuietTimer(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer);
    this.quietTimer = null;
  }

  private settleWhenNoneCatchingUp(): void {
    if ([...this.members.values()].every((member) => member.mode !== 'solo'))
      this.batches().endCatchUp();
  }

  /** Takes a failed projection out of the shared subscription and retries it alone, after a wait. */
  private recordFailure(member: Member, error: unknown): void {
    if (this.options.stopAtFirstFailure) {
      member.mode = 'stopped';
      return this.stopAt(error);
    }
    member.consecutiveFailures += 1;
    member.lastError = describe(error);
    const checkpoint = this.readModels.checkpoint(member.projection.name);
    this.logFailure(member.projection.name, checkpoint, member.consecutiveFailures, error);
    this.startSolo(member, this.backoff(member.consecutiveFailures), false);
  }

  private startSolo(member: Member, delayMs: number, staysSolo: boolean): void {
    member.mode = 'solo';
    const loop: SoloLoop = {
      stopRequested: false,
      staysSolo,
      subscription: null,
      done: Promise.resolve(),
    };
    member.solo = loop;
    loop.done = this.runSolo(member, loop, delayMs).finally(() => {
      if (member.solo === loop) member.solo = null;
    });
  }

  private async stopSolo(member: Member): Promise<void> {
    const loop = member.solo;
    if (!loop) return;
    loop.stopRequested = true;
    await loop.subscription?.close();
    await loop.done;
  }

  private async runSolo(member: Member, loop: SoloLoop, delayMs: number): Promise<void> {
    const { projection } = member;
    if (delayMs > 0) await sleep(delayMs);
    while (!loop.stopRequested) {
      await this.resolvePendingRebuilds();
      if (loop.stopRequested) return;
      const subscription = this.store.subscribe({
        fromPosition: this.readModels.checkpoint(projection.name),
        filter: projection.filter,
        maxBatchSize: this.maxBatchSize,
      });
      loop.subscription = subscription;
      try {
        for await (const batch of subscription) {
          if (loop.stopRequested) break;
          await this.batches().applyOne(projection, batch);
          member.consecutiveFailures = 0;
          member.lastError = null;
          this.noteBatchSize(batch.events.length);
          this.wakeWaiters();
          if (this.mayJoinShared(member, loop)) {
            member.mode = 'shared';
            this.settleWhenNoneCatchingUp();
            loop.stopRequested = true;
            this.startShared();
            break;
          }
          await yieldToRequests();
        }
        // The subscription ended without being asked to (the store closed): wait before trying again.
        if (!loop.stopRequested) await sleep(this.retryDelayMs);
      } catch (error) {
        member.consecutiveFailures += 1;
        member.lastError = describe(error);
        const checkpoint = this.readModels.checkpoint(projection.name);
        this.logFailure(projection.name, checkpoint, member.consecutiveFailures, error);
        await sleep(this.backoff(member.consecutiveFailures));
      } finally {
        await subscription.close();
        loop.subscription = null;
      }
    }
  }

  /**
   * A solo projection joins the shared subscription once it has caught up with it: the shared
   * subscription's next batch starts right after `shared.position`, and each projection skips what
   * its checkpoint already covers, so nothing is skipped or applied twice.
   */
  private mayJoinShared(member: Member, loop: SoloLoop): boolean {
    if (loop.staysSolo || loop.stopRequested) return false;
    const shared = this.shared;
    // With no shared subscription running (every other projection stopped or failed) it stays solo.
    if (!shared || shared.stopRequested || this.sharedMembers().length === 0) return false;
    return this.readModels.checkpoint(member.projection.name) >= shared.position;
  }

  /**
   * The other order of `mayJoinShared`: the shared subscription catches up with a solo projection.
   * Returns those it took in.
   */
  private adoptCaughtUpSolos(shared: SharedLoop): Member[] {
    const adopted: Member[] = [];
    for (const member of this.members.values()) {
      const loop = member.solo;
      if (member.mode !== 'solo' || !loop || loop.staysSolo || loop.stopRequested) continue;
      if (this.readModels.checkpoint(member.projection.name) < shared.position) continue;
      member.mode = 'shared';
      loop.stopRequested = true;
      void loop.subscription?.close();
      adopted.push(member);
    }
    return adopted;
  }

  private stopAt(error: unknown): void {
    this.firstFailure ??= { error };
    this.wakeWaiters();
  }

  private backoff(failures: number): number {
    return exponentialBackoff(failures, this.retryDelayMs, this.maxRetryDelayMs);
  }

  private logFailure(consumer: string, checkpoint: bigint, failures: number, error: unknown): void {
    this.options.logger?.error(
      { projection: consumer, checkpoint: String(checkpoint), failures, error: describe(error) },
      'projection batch failed; retrying from its checkpoint',
    );
  }
}

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * One filter that lets through every event any of the projections wants: the union of their stream
 * prefixes or of their event types; no filter when one of them reads everything or they mix kinds.
 */
export function unionOfFilters(
  filters: readonly (EventFilter | undefined)[],
): EventFilter | undefined {
  if (filters.length === 0 || filters.some((filter) => filter === undefined)) return undefined;
  const defined = filters as readonly EventFilter[];
  if (defined.every((filter) => 'streamPrefixes' in filter))
    return {
      streamPrefixes: [
        ...new Set(
          defined.flatMap((filter) => ('streamPrefixes' in filter ? filter.streamPrefixes : [])),
        ),
      ],
    };
  if (defined.every((filter) => 'eventTypes' in filter))
    return {
      eventTypes: [
        ...new Set(defined.flatMap((filter) => ('eventTypes' in filter ? filter.eventTypes : []))),
      ],
    };
  return undefined;
}
