import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, spawnApi, type SpawnedApi } from '../../support/spawned-api';

const STAMP = join(process.cwd(), 'dist', '.web-test-build');
const SOURCES = ['apps', 'libs', 'package.json', 'package-lock.json', 'tsconfig.json'];

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestChange(join(path, entry)));
  }
  return newest;
}

/**
 * `npm run build` (the API and the web app into dist/), unless dist/ is newer than every source: the
 * browser suites share one build per run.
 */
export function ensureBuilt(): void {
  const built =
    existsSync(STAMP) &&
    existsSync('dist/web/index.html') &&
    existsSync('dist/apps/api/src/main.js') &&
    statSync(STAMP).mtimeMs >= Math.max(...SOURCES.map(newestChange));
  if (built) return;
  execFileSync('npm', ['run', '-s', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(STAMP, new Date().toISOString());
}

export interface RunningWebApp {
  readonly api: SpawnedApi;
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The built API serving the built web app, as `npm start` runs it, on a fresh SQLite folder with the
 * demo data seeded (fewer generated children than a real start, to be quick).
 */
export async function startWebApp(env: Record<string, string> = {}): Promise<RunningWebApp> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'bti-web-'));
  const api = await spawnApi(dir, { DEMO_SEED: 'true', DEMO_CHILDREN: '120', ...env });
  await api.ready();
  return {
    api,
    url: api.url,
    stop: async () => {
      api.child.kill('SIGTERM');
      await exited(api.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until the projections show what the test needs (the seed is written before /health). */
export async function eventually<T>(
  read: () => Promise<T | null | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => null);
    if (value !== null && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('the demo data did not appear in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
