/**
 * The projection thread (`ProjectionBatchThread`): a connection of its own to the read-model file,
 * the projections' statements prepared on it, applying one batch at a time as the API's thread sends
 * them; ended by the API's thread.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { workBetween } from './batch-applier';
import type { Projection } from './projection';
import type {
  ErrorDescription,
  FromProjectionBatchThread,
  ProjectionBatchThreadData,
  ToProjectionBatchThread,
} from './projection-batch-thread';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const described = (error: unknown): ErrorDescription =>
  error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };

function serve(
  data: ProjectionBatchThreadData,
  projections: readonly Projection[],
  port: NonNullable<typeof parentPort>,
): void {
  // The API registered every projection (tables, checkpoints) before its runner started this thread.
  const store = new SqliteReadModelStore(data.path, { attached: true });
  const byName = new Map(projections.map((projection) => [projection.name, projection]));
  for (const projection of projections) store.prepareApplier(projection);
  const named = (name: string): Projection => {
    const projection = byName.get(name);
    if (!projection) throw new Error(`The projection thread has no projection named ${name}`);
    return projection;
  };
  const apply = (
    message: Exclude<ToProjectionBatchThread, { kind: 'catch-up' }>,
  ): FromProjectionBatchThread => {
    const before = store.work();
    try {
      const failures =
        message.kind === 'apply-to-each'
          ? store.applyBatchToEach(message.names.map(named), message.batch)
          : (store.applyBatch(named(message.name), message.batch), new Map<string, unknown>());
      return {
        kind: 'applied',
        id: message.id,
        failures: [...failures].map(([name, error]) => [name, described(error)] as const),
        work: workBetween(before, store.work()),
      };
    } catch (error) {
      return {
        kind: 'failed',
        id: message.id,
        error: described(error),
        work: workBetween(before, store.work()),
      };
    }
  };
  // A request it cannot read would never be answered: ending the thread fails what it was given.
  port.on('messageerror', () => process.exit(1));
  port.postMessage({ kind: 'ready' } satisfies FromProjectionBatchThread);
  port.on('message', (message: ToProjectionBatchThread) => {
    if (message.kind === 'catch-up') {
      if (message.catchingUp) store.beginCatchUp();
      else store.endCatchUp();
      return;
    }
    port.postMessage(apply(message));
  });
}

/**
 * Serves the projection thread when this script runs as one, with these projections (the API's
 * own); does nothing on the main thread, so the script may be imported there too.
 */
export function serveProjectionBatches(projections: readonly Projection[]): void {
  const data = workerData as Partial<ProjectionBatchThreadData> | null;
  if (isMainThread || !parentPort || data?.role !== 'projection-batches') return;
  serve(data as ProjectionBatchThreadData, projections, parentPort);
}
