import type { SubscriptionBatch } from '@bti/event-store';
import type { Projection } from './projection';
import type { ReadModelWork, SqliteReadModelStore } from './sqlite-read-model-store';

/**
 * Where the runner's batches are written into the read-model file: on the API's own thread
 * (`InThreadBatchApplier`), or on a thread of their own (`ProjectionBatchThread`). Either way a batch
 * commits with its checkpoints before its promise resolves, so a checkpoint read afterwards on any
 * connection has moved.
 */
export interface BatchApplier {
  /**
   * Applies one batch to several projections in one transaction (`applyBatchToEach`); a projection
   * that throws is rolled back alone and named in the result. Rejects when the whole batch failed.
   */
  applyToEach(
    projections: readonly Projection[],
    batch: SubscriptionBatch,
  ): Promise<Map<string, unknown>>;
  /** Applies one batch to one projection (`applyBatch`), all or nothing. */
  applyOne(projection: Projection, batch: SubscriptionBatch): Promise<void>;
  /** A backlog is being applied: the writing connection keeps the large page cache. */
  beginCatchUp(): void;
  /** The head is reached: the writing connection settles back to its size for reads. */
  endCatchUp(): void;
  /** Resolves once batches can be applied (a thread started and its statements prepared). */
  ready(): Promise<void>;
  /** Called once the runner has stopped feeding it: nothing is being applied. */
  close(): Promise<void>;
}

/** Batches written by the API's own connection, as they always were without a thread. */
export class InThreadBatchApplier implements BatchApplier {
  constructor(private readonly readModels: SqliteReadModelStore) {}

  async applyToEach(
    projections: readonly Projection[],
    batch: SubscriptionBatch,
  ): Promise<Map<string, unknown>> {
    return this.readModels.applyBatchToEach(projections, batch);
  }

  async applyOne(projection: Projection, batch: SubscriptionBatch): Promise<void> {
    this.readModels.applyBatch(projection, batch);
  }

  beginCatchUp(): void {
    this.readModels.beginCatchUp();
  }

  endCatchUp(): void {
    this.readModels.endCatchUp();
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {}
}

/** The work done between two readings of a store's `work()`. */
export function workBetween(before: ReadModelWork, after: ReadModelWork): ReadModelWork {
  const projections: Record<string, { applySeconds: number; eventsHandled: number }> = {};
  for (const [name, done] of Object.entries(after.projections)) {
    const earlier = before.projections[name];
    const applySeconds = done.applySeconds - (earlier?.applySeconds ?? 0);
    const eventsHandled = done.eventsHandled - (earlier?.eventsHandled ?? 0);
    if (applySeconds > 0 || eventsHandled > 0) projections[name] = { applySeconds, eventsHandled };
  }
  return {
    projections,
    transactions: after.transactions - before.transactions,
    transactionSeconds: after.transactionSeconds - before.transactionSeconds,
  };
}
