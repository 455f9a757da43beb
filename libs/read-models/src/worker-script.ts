import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts `script` as a worker thread. From the TypeScript sources (the tests) the thread needs the
 * loader registered in it before the script: a thread does not inherit the one its parent runs under.
 */
export function startWorkerScript(script: string, options: WorkerOptions): Worker {
  if (!script.endsWith('.ts')) return new Worker(script, options);
  return new Worker(
    `require(${JSON.stringify(require.resolve('tsx/cjs'))});require(${JSON.stringify(script)});`,
    { ...options, eval: true },
  );
}
