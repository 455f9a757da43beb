import { spawn, type ChildProcess } from 'node:child_process';

/** The sign-in the benchmarks read the operator's figures (`/health/details`) as. */
export const BENCH_OPERATOR = 'bench-operator';

/**
 * The built API as its own process on a benchmark's folder, as `npm start` runs it: development
 * sign-in, no demo seed, errors only in the log, and no per-person write limit (a benchmark measures
 * the service's capacity, not the limit). `nodeArgs` adds e.g. a CPU profiler.
 */
export function spawnBuiltApi(
  dataDir: string,
  port: number,
  nodeArgs: readonly string[] = [],
): ChildProcess {
  const api = spawn(process.execPath, [...nodeArgs, 'dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      DEMO_SEED: 'false',
      LOG_LEVEL: 'error',
      RATE_LIMIT_WRITES_PER_MINUTE: '0',
      OPERATOR_SUBJECTS: BENCH_OPERATOR,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // A bench stopped halfway (Ctrl-C, or its output piped into `head`) must not leave the API running.
  const stop = () => api.kill('SIGKILL');
  process.once('exit', stop);
  api.once('exit', () => process.off('exit', stop));
  return api;
}

/**
 * Stops an API a bench started and waits until it has gone: a profiling API writes its profile on the
 * way out, and how long that takes grows with the run, so no fixed pause is known to be enough.
 * Killed outright if it has not gone within `graceMs`.
 */
export async function stopBuiltApi(
  api: ChildProcess | undefined,
  graceMs = 120_000,
): Promise<void> {
  if (!api || api.exitCode !== null || api.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => api.once('exit', () => resolve()));
  api.kill('SIGTERM');
  const timer = setTimeout(() => api.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

// Ctrl-C or a kill ends a bench through `exit`, so the APIs it started are stopped (above): once per
// bench, however many APIs it starts.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
