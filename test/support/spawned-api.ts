import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DevIssuer, type DevTokenClaims } from '@bti/access';
import type { ApiTarget } from './api-client';

/** The app's decorators need the TypeScript compiler's metadata: build it as `npm start` does. */
export function buildApi(): void {
  execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

export interface SpawnedApi extends ApiTarget {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the process wrote to stdout and stderr so far (when captured). */
  output(): string;
  /** Resolves once `/health` answers 200. */
  ready(timeoutMs?: number): Promise<void>;
}

/**
 * The built API as its own process on the folder, as `npm start` runs it. `capture` keeps its
 * stdout and stderr for the test to read instead of passing stderr through.
 */
export async function spawnApi(
  dataDir: string,
  env: Record<string, string>,
  options: { capture?: boolean } = {},
): Promise<SpawnedApi> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'silent',
      DEMO_SEED: 'false',
      ...env,
    },
    stdio: ['ignore', options.capture ? 'pipe' : 'ignore', options.capture ? 'pipe' : 'inherit'],
  });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  const url = `http://127.0.0.1:${port}`;
  let issuer: DevIssuer | null = null;
  return {
    child,
    url,
    server: () => url,
    output: () => Buffer.concat(chunks).toString('utf8'),
    async token(claims: DevTokenClaims) {
      issuer ??= await DevIssuer.open(
        join(dataDir, 'dev-issuer-key.json'),
        env.NODE_ENV === 'development' ? 'development' : 'test',
      );
      return issuer.issue(claims);
    },
    async ready(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
        try {
          if ((await fetch(`${url}/health`)).status === 200) return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the API did not answer /health in time');
    },
  };
}
