/**
 * The thread the API applies its projections' batches on (`ProjectionBatchThread`): this script, run
 * as that thread, prepares the API's projections on a connection of its own and applies what the
 * runner sends.
 */
import type { AppConfig } from '@bti/config';
import { ALL_PROJECTIONS } from '@bti/projections';
import {
  ProjectionBatchThread,
  serveProjectionBatches,
  type BatchApplier,
  type SqliteReadModelStore,
} from '@bti/read-models';

/** The runner's projection thread, or none when the configuration keeps batches on the API's thread. */
export function projectionBatchThread(
  config: AppConfig,
): ((readModels: SqliteReadModelStore) => BatchApplier) | undefined {
  if (!config.projectionThread) return undefined;
  return (readModels) => new ProjectionBatchThread({ script: __filename, readModels });
}

serveProjectionBatches(ALL_PROJECTIONS);
