import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import type { EventStore } from '@bti/event-store';
import type { Projection } from './projection';
import {
  FileBuildFailed,
  lowestPosition,
  ProjectionRunner,
  ProjectionTimeout,
  RebuildAborted,
  type FileBuildReport,
  type ReadModelFileBuilder,
} from './projection-runner';
import { shredFileAsync, SqliteReadModelStore } from './sqlite-read-model-store';

/** What a build of the read models from scratch, in a process of its own, is asked to do. */
export interface ReadModelFileBuildRequest {
  /** The new file; written once, at the end. */
  readonly into: string;
  /** Pages the build may hold in memory, in MB: past it the build fails (SQLITE_FULL). */
  readonly maxMegabytes: number;
  readonly maxBatchSize: number;
  /** The projections to build, by name; all that the child opens when absent. */
  readonly projections?: readonly string[];
  /**
   * Once built, wait for the files other builds wrote (the parent's `merge` message) and take them in
   * (`mergeFrom`) before writing `into`: the one file then holds every projection.
   */
  readonly mergesParts?: boolean;
}

type ParentMessage =
  | { kind: 'build'; request: ReadModelFileBuildRequest; context: unknown }
  | { kind: 'merge'; parts: readonly string[] };
type ChildMessage =
  | { kind: 'ready' }
  | { kind: 'progress'; position: string }
  | { kind: 'built' }
  | { kind: 'done'; position: string; report: FileBuildReport }
  | { kind: 'failed'; errorName: string; code: string | null };

const PROGRESS_EVERY_MS = 1_000;

/**
 * Builds the projections (those `request.projections` names, or all) from position 0 in memory, up to
 * the log's head as it is when asked, takes in the files `partsToMerge` names once they are written,
 * and writes the result to `request.into` in one go: no page is written twice and nothing is committed
 * to disk batch by batch, which is what a build in the live file spends most of its time on. Resolves
 * with the position its own projections have reached.
 */
export async function buildReadModelFile(
  store: EventStore,
  projections: readonly Projection[],
  request: ReadModelFileBuildRequest,
  onProgress: (position: bigint) => void = () => undefined,
  stillWanted: () => boolean = () => true,
  partsToMerge: () => Promise<readonly string[]> = async () => [],
): Promise<{ position: bigint; report: FileBuildReport }> {
  const started = performance.now();
  const readModels = SqliteReadModelStore.inMemory(request.maxMegabytes);
  const runner = new ProjectionRunner(store, readModels, chosen(projections, request.projections), {
    maxBatchSize: request.maxBatchSize,
    stopAtFirstFailure: true,
  });
  const progress = setInterval(() => onProgress(runner.lowestCheckpoint()), PROGRESS_EVERY_MS);
  try {
    const head = await store.headPosition();
    runner.start();
    await runner.waitForPosition(head, Number.MAX_SAFE_INTEGER);
    await runner.stop();
    for (const part of await partsToMerge()) readModels.mergeFrom(part);
    if (!stillWanted()) throw new RebuildAborted();
    readModels.writeTo(request.into);
    const report = {
      seconds: (performance.now() - started) / 1000,
      work: readModels.work(),
      processes: 1,
    };
    return { position: runner.lowestCheckpoint(), report };
  } finally {
    clearInterval(progress);
    await runner.stop();
    readModels.close();
  }
}

/** The projections a request names, every one of them known; all when it names none. */
function chosen(projections: readonly Projection[], names: readonly string[] | undefined) {
  if (!names) return projections;
  const unknown = names.filter((name) => !projections.some((p) => p.name === name));
  if (unknown.length > 0) throw new Error(`No projection named ${unknown.join(', ')}`);
  return projections.filter((projection) => names.includes(projection.name));
}

/**
 * The child's side: waits for the parent's request, builds the file (`buildReadModelFile`) with the
 * store and projections `open` gives for the request's context, reports its progress, and exits. A
 * build that merges parts says `built` once its own projections are done and waits for the parent's
 * `merge` with the parts' files.
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
  let parts: (value: readonly string[]) => void = () => undefined;
  const partsWritten = new Promise<readonly string[]>((resolve) => (parts = resolve));
  let building = false;
  process.on('message', (message: ParentMessage) => {
    if (message.kind === 'merge') return parts(message.parts);
    if (building) return;
    building = true;
    void (async () => {
      let outcome: ChildMessage;
      try {
        const { position, report } = await buildWith(
          open,
          message,
          (at) => send({ kind: 'progress', position: String(at) }),
          async () => {
            await send({ kind: 'built' });
            return partsWritten;
          },
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
  message: Extract<ParentMessage, { kind: 'build' }>,
  onProgress: (position: bigint) => Promise<void>,
  partsToMerge: () => Promise<readonly string[]>,
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
      message.request.mergesParts ? partsToMerge : undefined,
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
  /** Each child's: the first child's holds every projection by the end, the others' their share. */
  readonly maxMegabytes: number;
  readonly maxBatchSize: number;
  /**
   * The projections each child builds, by name: one child per group, all at once, the first taking
   * in the others' files before it writes its own. Absent or a single group: one child builds all.
   */
  readonly groups?: readonly (readonly string[])[];
}

/** One child building its share, and what it has said so far. */
interface BuildingChild {
  readonly process: ChildProcess;
  /** Where it writes: the file itself for the first child, a part to merge for the others. */
  readonly file: string;
  position: bigint | null;
  outcome: ChildMessage | null;
  closed: boolean;
}

/**
 * A `ReadModelFileBuilder` that builds in child processes: the API's thread goes on answering while
 * other cores build, and the memory a build held is the operating system's again when its child
 * exits (freed inside the API, most of it would stay the process's). With several `groups`, each
 * child reads the log and builds its share of the projections; the first takes in the others' files
 * and writes the one file; the parts, which hold personal data, are overwritten and deleted.
 */
export function childProcessFileBuilder(
  options: ChildProcessFileBuilderOptions,
): ReadModelFileBuilder {
  const groups: readonly (readonly string[] | undefined)[] =
    options.groups && options.groups.length > 1 ? options.groups : [undefined];
  return (into, { signal, deadline, onProgress }) =>
    new Promise<FileBuildReport>((resolve, reject) => {
      // Written under names of their own and renamed once complete: a child left from an API that
      // died cannot write where a later build is looking (and every name begins with `into`, so what
      // a failed build leaves is found and shredded with it).
      const partial = `${into}.building-${randomBytes(4).toString('hex')}`;
      const children: BuildingChild[] = groups.map((_, i) => ({
        process: fork(options.script, [], {
          execArgv: [...(options.execArgv ?? [])],
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        }),
        file: i === 0 ? partial : `${partial}.part-${i}`,
        position: null,
        outcome: null,
        closed: false,
      }));
      const [first, ...others] = children;
      let firstBuilt = false;
      let stoppedBy: Error | null = null;
      const stop = (reason: Error) => {
        stoppedBy ??= reason;
        for (const child of children) if (!child.closed) child.process.kill('SIGKILL');
      };
      const onAbort = () => stop(new RebuildAborted());
      signal.addEventListener('abort', onAbort);
      const timer = setTimeout(
        () => stop(new ProjectionTimeout('built-elsewhere')),
        Math.max(0, deadline - Date.now()),
      );
      // Settled only once every child is gone: nothing is left writing where the caller shreds.
      const settleWhenAllClosed = () => {
        if (children.some((child) => !child.closed)) return;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (stoppedBy) return reject(stoppedBy);
        void putInPlace().then(resolve, reject);
      };
      // Every child done: the parts were taken into the first one's file, which goes in place.
      const putInPlace = async (): Promise<FileBuildReport> => {
        for (const part of others) await shredFileAsync(part.file);
        try {
          renameSync(partial, into);
        } catch (error) {
          throw new FileBuildFailed(error instanceof Error ? error.name : 'rename');
        }
        const reports = children.map(
          (child) => (child.outcome as Extract<ChildMessage, { kind: 'done' }>).report,
        );
        return reports.length === 1 ? reports[0] : combined(reports);
      };
      const mergeOnceAllWritten = () => {
        if (stoppedBy || !firstBuilt || others.some((other) => !other.closed)) return;
        try {
          first.process.send({
            kind: 'merge',
            parts: others.map((other) => other.file),
          } satisfies ParentMessage);
        } catch (error) {
          stop(new FileBuildFailed(error instanceof Error ? error.name : 'send'));
        }
      };
      const failure = (child: BuildingChild, code: number | null, exitSignal: string | null) =>
        child.outcome?.kind === 'failed'
          ? new FileBuildFailed(
              `${child.outcome.errorName}${child.outcome.code ? ` (${child.outcome.code})` : ''}`,
            )
          : new FileBuildFailed(`exited with ${exitSignal ?? `code ${code}`}`);

      let reported: bigint | null = null;
      const reached = (child: BuildingChild, position: string) => {
        child.position = BigInt(position);
        if (children.some((each) => each.position === null)) return;
        // How far the whole build has come: as far as its slowest part.
        const slowest = lowestPosition(children.map((each) => each.position as bigint));
        if (slowest !== reported) onProgress((reported = slowest));
      };
      for (const [i, child] of children.entries()) {
        child.process.on('message', (message: ChildMessage) => {
          if (message.kind === 'ready') ask(i);
          else if (message.kind === 'progress') reached(child, message.position);
          else if (message.kind === 'built') {
            if (i !== 0) return;
            firstBuilt = true;
            mergeOnceAllWritten();
          } else {
            child.outcome = message;
            // A share done within its first second has sent no progress: its end is its progress.
            if (message.kind === 'done') reached(child, message.position);
          }
        });
        child.process.on('error', (error) => {
          // Never started: no exit follows.
          if (child.process.pid === undefined) {
            child.closed = true;
            stop(new FileBuildFailed(error.name));
            settleWhenAllClosed();
          } else stop(new FileBuildFailed(error.name));
        });
        // `close`, not `exit`: every message the child sent has arrived by then.
        child.process.on('close', (code, exitSignal) => {
          child.closed = true;
          if (!stoppedBy && !(child.outcome?.kind === 'done' && code === 0))
            stop(failure(child, code, exitSignal));
          else if (!stoppedBy && i > 0) mergeOnceAllWritten();
          settleWhenAllClosed();
        });
      }
      // Asked once it says it is ready: a request sent before its script listens would be lost.
      const ask = (i: number) => {
        const child = children[i];
        if (stoppedBy || child.closed) return;
        try {
          child.process.send({
            kind: 'build',
            request: {
              into: child.file,
              maxMegabytes: options.maxMegabytes,
              maxBatchSize: options.maxBatchSize,
              ...(groups[i] ? { projections: groups[i] } : {}),
              ...(i === 0 && others.length > 0 ? { mergesParts: true } : {}),
            },
            context: options.context,
          } satisfies ParentMessage);
        } catch (error) {
          stop(new FileBuildFailed(error instanceof Error ? error.name : 'send'));
        }
      };
      if (signal.aborted) onAbort();
    });
}

/**
 * The report of a build in several processes: as long as the first one's (which waited for the
 * others and merged their parts), with the work of all of them.
 */
function combined(reports: readonly FileBuildReport[]): FileBuildReport {
  return {
    seconds: reports[0].seconds,
    work: {
      projections: Object.assign(
        {},
        ...reports.map((report) => report.work.projections),
      ) as FileBuildReport['work']['projections'],
      transactions: reports.reduce((sum, report) => sum + report.work.transactions, 0),
      transactionSeconds: reports.reduce((sum, report) => sum + report.work.transactionSeconds, 0),
    },
    processes: reports.length,
  };
}
