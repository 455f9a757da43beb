/**
 * The child process an API forks to build the read models from scratch in memory
 * (`childProcessFileBuilder`): it opens the same event store and writes the file it is asked for.
 */
import type { AppConfig } from '@bti/config';
import { DOMAIN_EVENT_TYPES } from '@bti/domain';
import { openEventStore } from '@bti/event-store';
import { ALL_PROJECTIONS } from '@bti/projections';
import {
  childProcessFileBuilder,
  serveReadModelFileBuild,
  type ReadModelFileBuilder,
} from '@bti/read-models';

/**
 * The API's builder of read-model files in a child process running this script, or none: with
 * EventStoreDB (a child would open the command cache in the read-model file too) or when the
 * configuration keeps the builds in the API's process.
 */
export function readModelFileBuilder(config: AppConfig): ReadModelFileBuilder | undefined {
  if (config.eventStore !== 'sqlite' || config.readModelBuildMemoryMb === 0) return undefined;
  // From the TypeScript sources (the tests) the child needs a loader; the built API runs plain .js.
  const fromSource = __filename.endsWith('.ts');
  return childProcessFileBuilder({
    script: __filename,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
    context: config,
    maxMegabytes: config.readModelBuildMemoryMb,
    maxBatchSize: config.projectionBatchSize,
  });
}

if (require.main === module)
  serveReadModelFileBuild((context) => ({
    // Beside the API, which alone deletes keys (and rebuilds after it does).
    store: openEventStore(context as AppConfig, DOMAIN_EVENT_TYPES, { keysReadOnly: true }),
    projections: ALL_PROJECTIONS,
  }));
