import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import type { EventStore } from '@bti/event-store';
import type { Projection } from './projection';
import {
  FileBuildFailed,
  ProjectionRunner,
  ProjectionTimeout,
  RebuildAborted,
  type FileBuildReport,
  type ReadModelFileBuilder,
} from './projection-runner';
import { SqliteReadModelStore } from './sqlite-read-model-store';

/** What a build of the read models from scratch, in a process of its own, is asked to do. */
export interface ReadModelFileBuildRequest {
  /** The new file; written once, at the end. */
  readonly into: string;
  /** Pages the build may hold in memory, in MB: past it the build fails (SQLITE_FULL). */
  readonly maxMegabytes: number;
  readonly maxBatchSize: number;
}

type ParentMessage = { kind: 'build'; request: ReadModelFileBuildRequest; context: unknown };
type ChildMessage =
  | { kind: 'ready' }
  | { kind: 'progress'; position: string }
  | { kind: 'done'; position: string; report: FileBuildReport }
  | { kind: 'failed'; errorName: string; code: string | null };

const PROGRESS_EVERY_MS = 1_000;

/**
 * Builds every projection from position 0 in memory, up to the log's head as it is when asked, and
 * writes the result to `request.into` in one go: no page is written twice and nothing is committed
 * to disk batch by batch, which is what a build in the live file spends most of its time on. Resolves
 * with the position the file has reached.
 */
export async function buildReadModelFile(
  store: EventStore,
  projections: readonly Projection[],
  request: ReadModelFileBuildRequest,
  onProgress: (position: bigint) => void = () => undefined,
  stillWanted: () => boolean = () => true,
): Promise<{ position: bigint; report: FileBuildReport }> {
  const started = performance.now();
  const readModels = SqliteReadModelStore.inMemory(request.maxMegabytes);
  const runner = new ProjectionRunner(store, readModels, projections, {
    maxBatchSize: request.maxBatchSize,
    stopAtFirstFailure: true,
  });
  const progress = setInterval(() => onProgress(runner.lowestCheckpoint()), PROGRESS_EVERY_MS);
  try {
    const head = await store.headPosition();
    runner.start();
    await runner.waitForPosition(head, Number.MAX_SAFE_INTEGER);
    await runner.stop();
    if (!stillWanted()) throw new RebuildAborted();
    readModels.writeTo(request.into);
    const report = { seconds: (performance.now() - started) / 1000, work: readModels.work() };
    return { position: runner.lowestCheckpoint(), report };
  } finally {
    clearInterval(progress);
    await runner.stop();
    readModels.close();
  }
}

/**
 * The child's side: waits for the parent's request, builds the file (`buildReadModelFile`) with the
 * store and projections `open` gives for the request's context, reports its progress, and exits.
 * Errors are reported by name and code only: read models hold personal data. It ends as soon as the
 * parent is gone (its IPC channel closed), so an API that died leaves no build behind it.
 */
export function serveReadModelFileBuild(
  open: (context: unknown) => { store: EventStore; projections: readonly Projection[] },
): void {
  process.once('disconnect', () => process.exit(1));
  offerToTheOutOfMemoryKiller();
  const send = (message: ChildMessage) =>
    new Promise<void>((resolve) => {
      if (!process.connected || !process.send) return resolve();
      process.send(message, () => resolve());
    });
  process.once('message', (message: ParentMessage) => {
    void (async () => {
      let outcome: ChildMessage;
      try {
        const { position, report } = await buildWith(open, message, (at) =>
          send({ kind: 'progress', position: String(at) }),
        );
        outcome = { kind: 'done', position: String(position), report };
      } catch (error) {
        outcome = {
          kind: 'failed',
          errorName: error instanceof Error ? error.name : 'unknown',
          code: (error as { code?: unknown }).code
            ? String((error as { code: unknown }).code)
            : null,
        };
      }
      await send(outcome);
      // Whatever handle a store left open, the parent waits for this process to end.
      process.exit(outcome.kind === 'done' ? 0 : 1);
    })();
  });
  void send({ kind: 'ready' });
}

async function buildWith(
  open: (context: unknown) => { store: EventStore; projections: readonly Projection[] },
  message: ParentMessage,
  onProgress: (position: bigint) => Promise<void>,
): Promise<{ position: bigint; report: FileBuildReport }> {
  const { store, projections } = open(message.context);
  try {
    return await buildReadModelFile(
      store,
      projections,
      message.request,
      (at) => void onProgress(at),
      // Nobody to put the file in place once the parent is gone.
      () => process.connected,
    );
  } finally {
    await store.close();
  }
}

/**
 * Should the machine run out of memory while this child builds, the kernel ends it rather than the
 * API (which then builds the read models itself). Linux only; elsewhere nothing to do.
 */
function offerToTheOutOfMemoryKiller(): void {
  try {
    writeFileSync('/proc/self/oom_score_adj', '1000');
  } catch {
    // Not Linux, or not allowed: the child is then as likely a choice as any process.
  }
}

export interface ChildProcessFileBuilderOptions {
  /** The script that calls `serveReadModelFileBuild`. */
  readonly script: string;
  /** Node's options for it (e.g. a TypeScript loader when running from source). */
  readonly execArgv?: readonly string[];
  /** Given to the script's `open` (e.g. the configuration naming the event store). */
  readonly context: unknown;
  readonly maxMegabytes: number;
  readonly maxBatchSize: number;
}

/**
 * A `ReadModelFileBuilder` that builds in a child process: the API's thread goes on answering while
 * another core builds, and the memory the build held is the operating system's again when the child
 * exits (freed inside the API, most of it would stay the process's).
 */
export function childProcessFileBuilder(
  options: ChildProcessFileBuilderOptions,
): ReadModelFileBuilder {
  return (into, { signal, deadline, onProgress }) =>
    new Promise<FileBuildReport>((resolve, reject) => {
      // Written under a name of its own and renamed once complete: a child left from an API that died
      // cannot write where a later build is looking.
      const partial = `${into}.building-${randomBytes(4).toString('hex')}`;
      const child = fork(options.script, [], {
        execArgv: [...(options.execArgv ?? [])],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      let outcome: ChildMessage | null = null;
      let stoppedBy: Error | null = null;
      const stop = (reason: Error) => {
        stoppedBy ??= reason;
        child.kill('SIGKILL');
      };
      const onAbort = () => stop(new RebuildAborted());
      signal.addEventListener('abort', onAbort);
      const timer = setTimeout(
        () => stop(new ProjectionTimeout('built-elsewhere')),
        Math.max(0, deadline - Date.now()),
      );
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      const settle = (failure: Error) => {
        finish();
        reject(failure);
      };
      const succeed = (report: FileBuildReport) => {
        finish();
        resolve(report);
      };
      child.on('message', (message: ChildMessage) => {
        if (message.kind === 'progress') onProgress(BigInt(message.position));
        else if (message.kind !== 'ready') outcome = message;
      });
      child.on('error', (error) => {
        // Never started: no exit follows.
        if (child.pid === undefined) settle(new FileBuildFailed(error.name));
        else stop(new FileBuildFailed(error.name));
      });
      // `close`, not `exit`: every message the child sent has arrived by then.
      child.on('close', (code, exitSignal) => {
        if (stoppedBy) return settle(stoppedBy);
        if (outcome?.kind === 'done' && code === 0) {
          try {
            renameSync(partial, into);
          } catch (error) {
            return settle(new FileBuildFailed(error instanceof Error ? error.name : 'rename'));
          }
          onProgress(BigInt(outcome.position));
          return succeed(outcome.report);
        }
        if (outcome?.kind === 'failed')
          return settle(
            new FileBuildFailed(`${outcome.errorName}${outcome.code ? ` (${outcome.code})` : ''}`),
          );
        settle(new FileBuildFailed(`exited with ${exitSignal ?? `code ${code}`}`));
      });
      if (signal.aborted) return onAbort();
      try {
        child.send({
          kind: 'build',
          request: {
            into: partial,
            maxMegabytes: options.maxMegabytes,
            maxBatchSize: options.maxBatchSize,
          },
          context: options.context,
        } satisfies ParentMessage);
      } catch (error) {
        stop(new FileBuildFailed(error instanceof Error ? error.name : 'send'));
      }
    });
}
