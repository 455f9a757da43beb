/**
 * A build of the read models from position 0, in this process and without the API: how fast the log
 * is read and decoded with no projection at all (the floor under any rebuild), then how fast the
 * chosen projections are built from it in memory, as the API's child process builds them, and where
 * the time goes. bench:read measures the whole rebuild through the API; this one takes it apart.
 *   npm run bench:rebuild -- --store DIR                 (a copy of DIR's seeded log, e.g. bench:read's
 *                                                          --keep-store DIR; else it seeds one)
 *   npm run bench:rebuild -- --store DIR --projections timeline,worklists
 *   node --import tsx --cpu-prof --cpu-prof-dir=DIR bench/rebuild.bench.ts --store DIR  (a profile)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@bti/config';
import { DOMAIN_EVENT_TYPES } from '@bti/domain';
import { openEventStore } from '@bti/event-store';
import { ALL_PROJECTIONS } from '@bti/projections';
import { buildReadModelFile } from '@bti/read-models';
import { benchFolder } from './support/bench-folder';
import { seedStore } from './support/seeded-store';

const { values } = parseArgs({
  options: {
    subjects: { type: 'string', default: '100000' },
    store: { type: 'string' },
    'keep-store': { type: 'string' },
    projections: { type: 'string' },
    'skip-decode': { type: 'boolean', default: false },
  },
});
const KNOWN = ALL_PROJECTIONS.map((projection) => projection.name);
const chosen = values.projections?.split(',').map((name) => name.trim()) ?? KNOWN;
const unknown = chosen.filter((name) => !KNOWN.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`unknown projections: ${unknown.join(', ')} (known: ${KNOWN.join(', ')})\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const dataDir = benchFolder('bti-bench-rebuild-');
  const seedSeconds = seedStore(dataDir, Number(values.subjects), {
    store: values.store,
    keepStore: values['keep-store'],
  });
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir });
  const store = openEventStore(config, DOMAIN_EVENT_TYPES, { keysReadOnly: true });
  try {
    const head = await store.headPosition();

    let decode: { seconds: number; events: number; perSec: number } | null = null;
    if (!values['skip-decode']) {
      const started = performance.now();
      let events = 0;
      const subscription = store.subscribe({
        fromPosition: 'start',
        maxBatchSize: config.projectionBatchSize,
      });
      for await (const batch of subscription) {
        events += batch.events.length;
        if (batch.position >= head) break;
      }
      await subscription.close();
      const seconds = (performance.now() - started) / 1000;
      decode = { seconds, events, perSec: Math.round(events / seconds) };
      process.stdout.write(
        `read and decoded, no projection: ${events} events in ${seconds.toFixed(1)} s = ${decode.perSec} events/s\n`,
      );
    }

    const started = performance.now();
    const built = await buildReadModelFile(store, ALL_PROJECTIONS, {
      into: join(dataDir, 'read-models.sqlite'),
      maxMegabytes: config.readModelBuildMemoryMb,
      maxBatchSize: config.projectionBatchSize,
      projections: chosen,
    });
    const seconds = (performance.now() - started) / 1000;
    const events = Number(built.position);
    const perSec = Math.round(events / seconds);
    const { work } = built.report;
    const applySeconds = Object.fromEntries(
      Object.entries(work.projections).map(([name, p]) => [name, p.applySeconds]),
    );
    const handlers = Object.values(applySeconds).reduce((sum, s) => sum + s, 0);
    process.stdout.write(
      `built ${chosen.length === KNOWN.length ? 'every projection' : chosen.join(', ')} from position 0 over ${events} events in ${seconds.toFixed(1)} s = ${perSec} events/s\n` +
        `  the projections' own handlers ${handlers.toFixed(1)} s; their batches' transactions beyond that ${(work.transactionSeconds - handlers).toFixed(1)} s; writing the file and the rest (reading and decoding the log) ${(seconds - work.transactionSeconds).toFixed(1)} s\n`,
    );
    for (const [name, s] of Object.entries(applySeconds).sort((a, b) => b[1] - a[1]))
      process.stdout.write(`  ${name.padEnd(24)} ${s.toFixed(1).padStart(6)} s\n`);

    const round = (s: number) => Number(s.toFixed(1));
    const results = {
      measuredAt: new Date().toISOString(),
      machine: { node: process.version, platform: process.platform, arch: process.arch },
      events,
      seedSeconds: round(seedSeconds),
      decodeSeconds: decode && round(decode.seconds),
      decodePerSec: decode?.perSec ?? null,
      projections: chosen,
      buildSeconds: round(seconds),
      buildPerSec: perSec,
      handlerSeconds: round(handlers),
      transactionSeconds: round(work.transactionSeconds),
      applySecondsPerProjection: Object.fromEntries(
        Object.entries(applySeconds).map(([name, s]) => [name, round(s)]),
      ),
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, 'results', 'rebuild.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    process.stdout.write('written to bench/results/rebuild.json\n');
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
