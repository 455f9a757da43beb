import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** What a seeded store is: the log and the families' keys (the API makes its token issuer's key). */
const STORE_FILES = ['events.sqlite', 'keys.sqlite'];

export function copyStore(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const file of STORE_FILES) copyFileSync(join(from, file), join(to, file));
}

/**
 * A seeded log in `dataDir`: a copy of `options.store`'s when given, else the twelve pilot
 * municipalities with `subjects` children from the demo generator (kept in `options.keepStore` for
 * the next run when given). Returns the seconds the generator took (0 for a copy).
 */
export function seedStore(
  dataDir: string,
  subjects: number,
  options: { store?: string; keepStore?: string },
): number {
  if (options.store) {
    process.stdout.write(`a copy of the seeded log in ${options.store} …\n`);
    copyStore(options.store, dataDir);
    return 0;
  }
  process.stdout.write(`generating the pilot demo with ${subjects} children …\n`);
  const started = Date.now();
  const seeded = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'apps/cli/src/main.ts', 'seed-demo', '--scale', String(subjects)],
    { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'error' }, encoding: 'utf8' },
  );
  if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    seeded.stdout
      .split('\n')
      .filter((line) => line.startsWith('pilot'))
      .join('\n') + '\n',
  );
  if (options.keepStore) copyStore(dataDir, options.keepStore);
  return seconds;
}
