import type { Worker } from 'node:worker_threads';
import type { SubscriptionBatch } from '@bti/event-store';
import type { BatchApplier } from './batch-applier';
import { releaseHeapAfterBurst } from './heap-release';
import { startWorkerScript } from './worker-script';
import type { Projection } from './projection';
import type { ReadModelWork, SqliteReadModelStore } from './sqlite-read-model-store';

/** What the API's thread asks the projection thread. */
export type ToProjectionBatchThread =
  | {
      readonly kind: 'apply-to-each';
      readonly id: number;
      readonly names: readonly string[];
      readonly batch: SubscriptionBatch;
    }
  | {
      readonly kind: 'apply-one';
      readonly id: number;
      readonly name: string;
      readonly batch: SubscriptionBatch;
    }
  | { readonly kind: 'catch-up'; readonly catchingUp: boolean };

/** An error as it crosses between threads: its name and message, as the runner logs it. */
export interface ErrorDescription {
  readonly name: string;
  readonly message: string;
}

/** What the projection thread answers. */
export type FromProjectionBatchThread =
  /** Its connection is open and every projection's statements are prepared. */
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'applied';
      readonly id: number;
      readonly failures: readonly (readonly [string, ErrorDescription])[];
      readonly work: ReadModelWork;
    }
  | {
      readonly kind: 'failed';
      readonly id: number;
      readonly error: ErrorDescription;
      readonly work: ReadModelWork;
    };

/** What the thread is started with. */
export interface ProjectionBatchThreadData {
  readonly role: 'projection-batches';
  readonly path: string;
}

export interface ProjectionBatchThreadOptions {
  /** The script that serves the batches (`serveProjectionBatches` with the API's projections). */
  readonly script: string;
  /** The API's read-model store: the thread writes into its file, and its `work()` counts the work. */
  readonly readModels: SqliteReadModelStore;
}

/** The projection thread did not answer: it ended (an error, out of memory) before it could. */
export class ProjectionBatchThreadFailed extends Error {
  constructor(reason: string) {
    super(`The projection thread did not answer (${reason})`);
    this.name = 'ProjectionBatchThreadFailed';
  }
}

interface Waiting {
  readonly resolve: (failures: Map<string, unknown>) => void;
  readonly reject: (error: Error) => void;
}

/** An error rebuilt from its description, for the runner to record and log as it would its own. */
export function errorFrom(description: ErrorDescription): Error {
  const error = new Error(description.message);
  error.name = description.name;
  return error;
}

/**
 * The runner's batches applied on a thread of their own, through its own connection to the read-model
 * file: the projections' handlers and the batch's commit (12 % of the API's thread under bench:http)
 * run beside the requests instead of between them, on the core the API's thread leaves idle. Every
 * read stays on the API's connection, which sees a batch once it has committed — before its answer
 * comes back, so `waitForPosition` and the checkpoints behave as on one thread.
 *
 * The thread is started with the first batch and ended by `close` (the runner's stop, which a
 * replacement of the file and a shutdown come after): no batch is in flight then. Should it end by
 * itself, the batches it was given fail — the runner goes back to their checkpoints, committed or not,
 * and tries again — and the next batch starts another.
 */
export class ProjectionBatchThread implements BatchApplier {
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private catchingUp = false;
  private started: Promise<void> | null = null;

  constructor(private readonly options: ProjectionBatchThreadOptions) {}

  applyToEach(
    projections: readonly Projection[],
    batch: SubscriptionBatch,
  ): Promise<Map<string, unknown>> {
    const id = this.nextId++;
    return this.ask(id, {
      kind: 'apply-to-each',
      id,
      names: projections.map((projection) => projection.name),
      batch,
    });
  }

  async applyOne(projection: Projection, batch: SubscriptionBatch): Promise<void> {
    const id = this.nextId++;
    const failures = await this.ask(id, { kind: 'apply-one', id, name: projection.name, batch });
    // The thread answers one projection's failure as the whole batch's (`failed`); none comes here.
    if (failures.size > 0) throw new Error(`Unexpected failures applying ${projection.name}`);
  }

  /**
   * Starts the thread if none runs and resolves once it has prepared its statements; rejects when it
   * ends first. The API waits for it before it answers, so its first writes are not read behind a
   * thread still starting.
   */
  ready(): Promise<void> {
    this.running();
    return this.started ?? Promise.resolve();
  }

  /** Whether a thread is running (started by a batch, not yet closed or ended). */
  get isRunning(): boolean {
    return this.worker !== null;
  }

  beginCatchUp(): void {
    this.tellCatchingUp(true);
  }

  endCatchUp(): void {
    const wasCatchingUp = this.catchingUp;
    this.tellCatchingUp(false);
    // The thread gives back its own heap; this one read, opened and cloned the backlog's batches.
    if (wasCatchingUp) releaseHeapAfterBurst(true);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stopAll(worker, 'closed');
    await worker.terminate();
    await this.exited;
  }

  private tellCatchingUp(catchingUp: boolean): void {
    if (this.catchingUp === catchingUp) return;
    this.catchingUp = catchingUp;
    // A thread not started yet is told when it starts.
    this.worker?.postMessage({ kind: 'catch-up', catchingUp } satisfies ToProjectionBatchThread);
  }

  private ask(id: number, request: ToProjectionBatchThread): Promise<Map<string, unknown>> {
    return new Promise((resolve, reject) => {
      const worker = this.running();
      this.waiting.set(id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const data: ProjectionBatchThreadData = {
      role: 'projection-batches',
      path: this.options.readModels.path,
    };
    const worker = startWorkerScript(this.options.script, { workerData: data });
    this.worker = worker;
    let markReady: () => void = () => undefined;
    let markFailed: (error: Error) => void = () => undefined;
    const started = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    // Nobody need wait for it: a batch sent meanwhile is answered once it is ready.
    started.catch(() => undefined);
    this.started = started;
    // The runner's stop ends it; a test that never stops one must still end.
    worker.unref();
    if (this.catchingUp)
      worker.postMessage({ kind: 'catch-up', catchingUp: true } satisfies ToProjectionBatchThread);
    worker.on('message', (message: FromProjectionBatchThread) =>
      message.kind === 'ready' ? markReady() : this.answer(message),
    );
    // An answer that cannot be read would leave its batch waiting for good: end the thread, which
    // fails what it was given.
    worker.on('messageerror', () => void worker.terminate());
    // Named by its code where it has one: ERR_WORKER_OUT_OF_MEMORY says more than "Error".
    worker.on('error', (error: NodeJS.ErrnoException) =>
      this.stopAll(worker, error.code ?? error.name),
    );
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        markFailed(new ProjectionBatchThreadFailed(`exit ${code}`));
        this.stopAll(worker, `exit ${code}`);
        resolve();
      }),
    );
    return worker;
  }

  private answer(message: Exclude<FromProjectionBatchThread, { kind: 'ready' }>): void {
    // Counted whether or not anyone still waits: the batch's work was done.
    this.options.readModels.addWorkDoneElsewhere(message.work);
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    this.waiting.delete(message.id);
    if (message.kind === 'failed') return waiting.reject(errorFrom(message.error));
    waiting.resolve(
      new Map(message.failures.map(([name, error]) => [name, errorFrom(error)] as const)),
    );
  }

  private stopAll(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const waiting of this.waiting.values())
      waiting.reject(new ProjectionBatchThreadFailed(reason));
    this.waiting.clear();
  }
}
