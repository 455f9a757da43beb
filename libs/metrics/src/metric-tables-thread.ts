import { Worker } from 'node:worker_threads';
import { DomainRuleViolation, type RuleDetails } from '@bti/domain';
import type { OtherConnectionHolder } from '@bti/read-models';
import type { MetricQuery, MetricTables, MetricTablesFormat } from './metrics-reader';

/** What the API's thread asks the metrics thread. */
export type ToMetricTablesThread =
  | {
      readonly kind: 'tables';
      readonly id: number;
      readonly queries: readonly MetricQuery[];
      /** The request's clock, as an ISO instant: "this month" is the API's, not the thread's. */
      readonly now: string;
      readonly minPosition: string;
      readonly format: MetricTablesFormat;
    }
  | { readonly kind: 'close' };

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
  | { readonly kind: 'closed' };

/** What the thread is started with: the read-model file and the smallest publishable cell. */
export interface MetricTablesThreadData {
  readonly role: 'metric-tables';
  readonly path: string;
  readonly minChildren: number;
}

/** Where the thread's script is, and how to start it from the TypeScript sources (the tests). */
export interface MetricTablesThreadOptions extends Omit<MetricTablesThreadData, 'role'> {
  readonly script: string;
}

/** A request the thread was given and has not yet answered. */
interface Waiting {
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
 * meanwhile. The thread reads the read-model file through its own read-only connection (WAL: it sees
 * every committed batch, never a half-written one) and keeps the cache `MetricsReader` keeps.
 *
 * It is started on the first request and lets the file go when the store asks (before a replacement,
 * whose cache would hold what an erasure took, and before the store closes): what is asked meanwhile
 * waits, and is answered by a new thread on the file in force.
 */
export class MetricTablesThread implements MetricTables, OtherConnectionHolder {
  private worker: Worker | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  /** Requests made while the file is let go: sent once it may be opened again. */
  private held: (() => void)[] | null = null;

  constructor(private readonly options: MetricTablesThreadOptions) {}

  /** The tables of `queries` as `MetricsReader.table` computes them at `now`, written in `format`. */
  async render(
    queries: readonly MetricQuery[],
    now: Date,
    minPosition: bigint,
    format: MetricTablesFormat,
  ): Promise<string> {
    if (this.held) await new Promise<void>((resume) => this.held?.push(resume));
    const worker = this.running();
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({
        kind: 'tables',
        id,
        queries,
        now: now.toISOString(),
        minPosition: String(minPosition),
        format,
      } satisfies ToMetricTablesThread);
    });
  }

  async letGo(): Promise<void> {
    this.held ??= [];
    const worker = this.worker;
    // Asked after every request already sent: those are answered first, from the old file.
    if (worker) worker.postMessage({ kind: 'close' } satisfies ToMetricTablesThread);
    await this.exited;
  }

  mayOpenAgain(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const resume of held) resume();
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const data: MetricTablesThreadData = {
      role: 'metric-tables',
      path: this.options.path,
      minChildren: this.options.minChildren,
    };
    const worker = this.options.script.endsWith('.ts')
      ? // From the TypeScript sources a worker needs the loader registered in its own thread.
        new Worker(
          `require(${JSON.stringify(require.resolve('tsx/cjs'))});` +
            `require(${JSON.stringify(this.options.script)});`,
          { eval: true, workerData: data },
        )
      : new Worker(this.options.script, { workerData: data });
    this.worker = worker;
    // It keeps no process alive: the store's closing lets it go, and a test that never closes one
    // must still end.
    worker.unref();
    worker.on('message', (message: FromMetricTablesThread) => this.answer(message));
    // An error ends the thread: what it was asked fails, and the next request starts another.
    worker.on('error', (error) => this.stopAll(worker, error.name));
    this.exited = new Promise((resolve) =>
      worker.once('exit', (code) => {
        this.stopAll(worker, `exit ${code}`);
        resolve();
      }),
    );
    return worker;
  }

  private answer(message: FromMetricTablesThread): void {
    if (message.kind === 'closed') return;
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    this.waiting.delete(message.id);
    if (message.kind === 'rendered') waiting.resolve(message.text);
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
