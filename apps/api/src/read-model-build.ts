/**
 * The child processes an API forks to build the read models from scratch in memory
 * (`childProcessFileBuilder`): each opens the same event store, builds its share of the projections
 * and writes the file it is asked for.
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
 * Seconds each projection's handlers took in a build from scratch at 100,000 children (bench:read,
 * 1.7 million events, 1 December 2026): what the shares of a build in several processes are
 * balanced by. A projection not named here counts as one second.
 */
const BUILD_SECONDS: Readonly<Record<string, number>> = {
  timeline: 24.6,
  'metric-facts': 15.5,
  stafettlogger: 14.8,
  worklists: 13,
  concerns: 8.5,
  meetings: 6.9,
  families: 4.6,
  'family-member-names': 4.4,
  'access-log': 2.7,
  discussions: 1.2,
  'event-type-statistics': 1,
};

/**
 * The projections split into `processes` shares of about equal work (the heaviest first, each to
 * the lightest share so far), the lightest share first: its process also merges the others' files
 * and writes the whole.
 */
export function buildShares(names: readonly string[], processes: number): string[][] {
  const weight = (name: string) => BUILD_SECONDS[name] ?? 1;
  const shares = Array.from({ length: Math.max(1, Math.min(processes, names.length)) }, () => ({
    names: [] as string[],
    seconds: 0,
  }));
  for (const name of [...names].sort((a, b) => weight(b) - weight(a))) {
    const lightest = shares.reduce((low, share) => (share.seconds < low.seconds ? share : low));
    lightest.names.push(name);
    lightest.seconds += weight(name);
  }
  return shares.sort((a, b) => a.seconds - b.seconds).map((share) => share.names);
}

/**
 * The API's builder of read-model files in child processes running this script, or none: with
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
    groups: buildShares(
      ALL_PROJECTIONS.map((projection) => projection.name),
      config.readModelBuildProcesses,
    ),
  });
}

if (require.main === module)
  serveReadModelFileBuild((context) => ({
    // Beside the API, which alone deletes keys (and rebuilds after it does).
    store: openEventStore(context as AppConfig, DOMAIN_EVENT_TYPES, { keysReadOnly: true }),
    projections: ALL_PROJECTIONS,
  }));
