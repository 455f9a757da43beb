import type { Worker } from 'node:worker_threads';
import { DomainRuleViolation, type RuleDetails } from '@bti/domain';
import {
  ReadModelsRebuilding,
  startWorkerScript,
  type OtherConnectionHolder,
} from '@bti/read-models';
import { METRIC_FACTS } from './metric-facts';
import type { MetricQuery, MetricTables, MetricTablesFormat } from './metrics-reader';

/** What the API's thread asks the metrics thread. */
export type ToMetricTablesThread = {
  readonly kind: 'tables';
  readonly id: number;
  readonly queries: readonly MetricQuery[];
  /** The request's clock, as an ISO instant: "this month" is the API's, not the thread's. */
  readonly now: string;
  readonly minPosition: string;
  readonly format: MetricTablesFormat;
};

/** What the metrics thread answers. */
export type FromMetricTablesThread =
  | { readonly kind: 'rendered'; readonly id: number; readonly text: string }
  | {
      readonly kind: 'violation';
      readonly id: number;
      readonly code: string;
      readonly message: string;
      readonly details: RuleDetails;
    }
  | { readonly kind: 'failure'; readonly id: number; readonly errorName: string }
  /** The metric facts are being rebuilt: figures from part of the log would mislead. */
  | { readonly kind: 'rebuilding'; readonly id: number };

/** What the thread is started with: the read-model file and the smallest publishable cell. */
export interface MetricTablesThreadData {
  readonly role: 'metric-tables';
  readonly path: string;
  readonly minChildren: number;
  /** The file of the cells published hidden (`PublishedSuppression`), kept across threads. */
  readonly suppressionPath: string;
}

/** Where the thread's script is, and how to start it from the TypeScript sources (the tests). */
export interface MetricTablesThreadOptions extends Omit<MetricTablesThreadData, 'role'> {
  readonly script: string;
  /**
   * The thread's heap, at most (V8's old generation, MB): a cube past it ends the thread (its
   * requests fail, the next starts another) instead of growing the API's process without bound.
   */
  readonly maxHeapMb?: number;
}

/** A request the thread was given and has not yet answered: sent again if the thread is let go. */
interface Waiting {
  readonly request: ToMetricTablesThread;
  readonly resolve: (text: string) => void;
  readonly reject: (error: Error) => void;
}

/** The metrics thread failed to answer: a computation threw, or the thread ended first. */
export class MetricTablesThreadFailed extends Error {
  constructor(reason: string) {
    super(`The metrics thread did not answer (${reason})`);
    this.name = 'MetricTablesThreadFailed';
  }
}

/**
 * Metric tables computed on a thread of their own: the first request of a metric builds its cube from
 * every fact (seconds at 100,000 children), and on the API's thread every command and read waited
 * meanwhile. The thread reads the read-model file through its own read-only connection, each request
 * in one read transaction (one committed state, never a half-written batch), refuses while the metric
 * facts are being rebuilt, and keeps the cache `MetricsReader` keeps.
 *
 * It is started on the first request. When the store asks it to let go (before a replacement, whose
 * cache would hold what an erasure took), it ends the thread at once — a cube being built is not
 * waited for — and what was asked, or is asked meanwhile, is answered by a new thread on the file in
 * force. Once the store closes for good, what waits and what comes is refused.
 */
export class MetricTablesThread implements MetricTables, OtherConnectionHolder {
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  /** While the file is let go: what to do once it may be opened again (or the store has closed). */
  private held: ((open: boolean) => void)[] | null = null;
  private closed = false;

  constructor(private readonly options: MetricTablesThreadOptions) {}

  /** The tables of `queries` as `MetricsReader.table` computes them at `now`, written in `format`. */
  async render(
    queries: readonly MetricQuery[],
    now: Date,
    minPosition: bigint,
    format: MetricTablesFormat,
  ): Promise<string> {
    const request = {
      kind: 'tables',
      id: this.nextId++,
      queries,
      now: now.toISOString(),
      minPosition: String(minPosition),
      format,
    } satisfies ToMetricTablesThread;
    return new Promise<string>((resolve, reject) => this.send({ request, resolve, reject }));
  }

  async letGo(): Promise<void> {
    this.held ??= [];
    const worker = this.worker;
    if (!worker) return;
    // Its connection closes with it; what it was asked is asked again of the next one.
    const unanswered = [...this.waiting.values()];
    this.waiting.clear();
    this.worker = null;
    for (const waiting of unanswered) this.held.push((open) => this.resend(waiting, open));
    await worker.terminate();
    await this.exited;
  }

  mayOpenAgain(): void {
    this.release(true);
  }

  closedForGood(): void {
    this.closed = true;
    this.release(false);
  }

  private release(open: boolean): void {
    const held = this.held ?? [];
    this.held = null;
    for (const next of held) next(open);
  }

  private send(waiting: Waiting): void {
    if (this.closed)
      return waiting.reject(new MetricTablesThreadFailed('the read models are closed'));
    // Let go meanwhile: sent once the file may be opened again.
    if (this.held) return void this.held.push((open) => this.resend(waiting, open));
    this.waiting.set(waiting.request.id, waiting);
    this.running().postMessage(waiting.request);
  }

  private resend(waiting: Waiting, open: boolean): void {
    if (open) this.send(waiting);
    else waiting.reject(new MetricTablesThreadFailed('the read models are closed'));
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const data: MetricTablesThreadData = {
      role: 'metric-tables',
      path: this.options.path,
      minChildren: this.options.minChildren,
      suppressionPath: this.options.suppressionPath,
    };
    const { maxHeapMb } = this.options;
    const settings = {
      workerData: data,
      ...(maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } } : {}),
    };
    const worker = startWorkerScript(this.options.script, settings);
    this.worker = worker;
    // It keeps no process alive: the store's closing lets it go, and a test that never closes one
    // must still end.
    worker.unref();
    // A thread let go may still have answers on their way: what it was asked is asked again.
    worker.on('message', (message: FromMetricTablesThread) => {
      if (this.worker === worker) this.answer(message);
    });
    // An error ends the thread: what it was asked fails, and the next request starts another.
    // Named by its code where it has one: ERR_WORKER_OUT_OF_MEMORY says more than "Error".
    worker.on('error', (error: NodeJS.ErrnoException) =>
      this.stopAll(worker, error.code ?? error.name),
    );
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.stopAll(worker, `exit ${code}`);
        resolve();
      }),
    );
    return worker;
  }

  private answer(message: FromMetricTablesThread): void {
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    this.waiting.delete(message.id);
    if (message.kind === 'rendered') waiting.resolve(message.text);
    else if (message.kind === 'rebuilding')
      waiting.reject(new ReadModelsRebuilding([METRIC_FACTS]));
    else if (message.kind === 'violation')
      waiting.reject(new DomainRuleViolation(message.code, message.message, message.details));
    else waiting.reject(new MetricTablesThreadFailed(message.errorName));
  }

  private stopAll(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const waiting of this.waiting.values())
      waiting.reject(new MetricTablesThreadFailed(reason));
    this.waiting.clear();
  }
}
