/**
 * The read side at scale, measured from outside: the demo generator writes the twelve pilot
 * municipalities with SUBJECTS synthetic children (≥ 1,000,000 events at 100,000), the built API starts
 * on that store with empty read models and builds every projection from position 0 (the rebuild
 * rate), then family timelines and programme metrics are asked for over HTTP (latency percentiles and
 * the API's CPU time per request), and the API's resident memory is read at the end.
 *   npm run bench:read
 *   npm run bench:read -- --subjects 100000 --requests 2000
 *   npm run bench:read -- --profile DIR  (the API writes a V8 CPU profile there)
 *   npm run bench:read -- --store DIR    (a copy of DIR's seeded log instead of seeding anew; --keep-store
 *                                          DIR keeps this run's seeded log there for the next run)
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DevIssuer } from '@bti/access';
import { PILOT_MUNICIPALITIES, childrenPerMunicipality } from '@bti/demo';
import { deterministicUuid } from '@bti/event-store';
import { METRICS } from '@bti/metrics';
import type { HealthReport } from '../apps/api/src/health/health.controller';
import { benchFolder } from './support/bench-folder';
import { BENCH_OPERATOR, spawnBuiltApi, stopBuiltApi } from './support/built-api';
import { callApi } from './support/http-client';
import { seedStore } from './support/seeded-store';
import { cpuMsPer, cpuSeconds, residentMegabytes } from './support/process-usage';

const { values } = parseArgs({
  options: {
    subjects: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    port: { type: 'string', default: '3918' },
    store: { type: 'string' },
    'keep-store': { type: 'string' },
    profile: { type: 'string' },
  },
});
const SUBJECTS = Number(values.subjects);
const REQUESTS = Number(values.requests);
const CONCURRENCY = Number(values.concurrency);
const PORT = Number(values.port);
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY + 2 });

async function get(path: string, token: string): Promise<{ status: number; body: string }> {
  const answer = await callApi({ port: PORT, agent }, 'GET', path, token);
  return { status: answer.status, body: answer.text };
}

/** Where a rebuild's time went, by the API's own accounting (`GET /health/details`). */
interface RebuildWork {
  /** Each projection's own handlers. */
  readonly applySeconds: Record<string, number>;
  readonly eventsHandled: Record<string, number>;
  /** The batch transactions, the projections' time included. */
  readonly transactionSeconds: number;
  /** Where the empty read models were built: `child_process` (in memory), or by the API itself. */
  readonly builtIn: string;
  /** The child processes' build, from their start to the file written; null when the API built them. */
  readonly childSeconds: number | null;
  /** How many child processes shared the build (their work is summed); 1 when the API built them. */
  readonly processes: number;
}

/**
 * Waits until every projection has reached the log's head (they share one subscription, so they get
 * there together), then for the sagas too (they read the whole log once as well), so latencies are
 * measured on a quiet API. Returns where the time went, as the API accounted for it.
 */
async function caughtUp(dataDir: string): Promise<{
  head: number;
  seconds: number;
  sagaSeconds: number;
  work: RebuildWork;
}> {
  const started = Date.now();
  const done: Record<string, number> = {};
  let projectionsDone: number | null = null;
  // Built by a child process, the work is the child's own account of it; else the API's.
  const workOf = (health: HealthReport): RebuildWork => {
    const child = health.readModels.lastRebuildBeside?.child;
    const own = Object.fromEntries(health.projections.map((p) => [p.name, p]));
    const projections = child?.projections ?? own;
    return {
      applySeconds: Object.fromEntries(
        Object.entries(projections).map(([name, p]) => [name, p.applySeconds]),
      ),
      eventsHandled: Object.fromEntries(
        Object.entries(projections).map(([name, p]) => [name, p.eventsHandled]),
      ),
      transactionSeconds: child?.transactionSeconds ?? health.readModels.transactionSeconds,
      builtIn: health.readModels.lastRebuildBeside?.builtIn ?? 'api_process',
      childSeconds: child?.seconds ?? null,
      processes: child?.processes ?? 1,
    };
  };
  // The figures are the operator's (`/health/details`): the bench signs in as its operator once the
  // API answers, and so has made its token issuer's key.
  let operator: string | null = null;
  for (;;) {
    try {
      if (operator === null && (await get('/health', '')).status === 200)
        operator = await (
          await DevIssuer.open(join(dataDir, 'dev-issuer-key.json'), 'development')
        ).issue({ subject: BENCH_OPERATOR, role: 'operator', ttlSeconds: 3600 });
      const answer = operator === null ? null : await get('/health/details', operator);
      if (answer?.status === 200) {
        const health = JSON.parse(answer.body) as HealthReport;
        const head = Number(health.eventStore.headPosition);
        for (const p of health.projections)
          if (Number(p.checkpoint) >= head && done[p.name] === undefined)
            done[p.name] = (Date.now() - started) / 1000;
        if (health.projections.every((p) => done[p.name] !== undefined)) {
          const seconds = (Date.now() - started) / 1000;
          if (health.sagas.every((saga) => Number(saga.checkpoint) >= head))
            return {
              head,
              seconds: projectionsDone ?? seconds,
              sagaSeconds: seconds,
              work: workOf(health),
            };
          projectionsDone ??= seconds;
        }
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Latencies of `requests` answered by the API (`apiPid`), and the API's CPU time per request. */
async function measure(
  apiPid: number,
  requests: number,
  next: (i: number) => { path: string; token: string },
  concurrency = CONCURRENCY,
): Promise<{
  p50Ms: number;
  p99Ms: number;
  perSec: number;
  errors: number;
  apiCpuMsPerRequest: number | null;
}> {
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const cpuBefore = cpuSeconds(apiPid);
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < requests) {
        const { path, token } = next(i++);
        const t0 = process.hrtime.bigint();
        const answer = await get(path, token);
        if (answer.status === 200) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        else errors += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const apiCpuMsPerRequest = cpuMsPer(cpuBefore, cpuSeconds(apiPid), requests);
  return {
    ...percentiles(latencies),
    perSec: Math.round(latencies.length / seconds),
    errors,
    apiCpuMsPerRequest,
  };
}

function percentiles(latencies: readonly number[]): { p50Ms: number; p99Ms: number } {
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
  return { p50Ms: Number(at(0.5).toFixed(2)), p99Ms: Number(at(0.99).toFixed(2)) };
}

/**
 * One client asking `next` one request after another until `work` settles: how long the API keeps
 * others waiting while it does that work.
 */
async function latenciesDuring(
  work: Promise<unknown>,
  next: (i: number) => { path: string; token: string },
): Promise<{ p50Ms: number; p99Ms: number; requests: number; errors: number }> {
  let done = false;
  const stop = () => (done = true);
  work.then(stop, stop);
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; !done; i++) {
    const { path, token } = next(i);
    const t0 = process.hrtime.bigint();
    const answer = await get(path, token);
    if (answer.status === 200) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    else errors += 1;
  }
  return { ...percentiles(latencies), requests: latencies.length, errors };
}

async function main(): Promise<void> {
  const dataDir = benchFolder('bti-bench-read-');
  let api: ChildProcess | undefined;
  try {
    const seedSeconds = seedStore(dataDir, SUBJECTS, {
      store: values.store,
      keepStore: values['keep-store'],
    });

    api = spawnBuiltApi(
      dataDir,
      PORT,
      values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [],
    );
    const apiPid = api.pid as number;
    const rebuild = await caughtUp(dataDir);
    const rebuildPerSec = Math.round(rebuild.head / rebuild.seconds);
    process.stdout.write(
      `rebuild: every projection from position 0 over ${rebuild.head} events in ${rebuild.seconds.toFixed(1)} s = ${rebuildPerSec} events/s\n`,
    );
    const { work } = rebuild;
    if (work.childSeconds !== null)
      process.stdout.write(
        `  built in memory by ${work.processes === 1 ? 'a child process' : `${work.processes} child processes at once, each a share of the projections`} in ${work.childSeconds.toFixed(1)} s (their own accounting below), then brought to the head and put in place by the API\n`,
      );
    const projectionSeconds = Object.values(work.applySeconds).reduce((sum, s) => sum + s, 0);
    const commitSeconds = work.transactionSeconds - projectionSeconds;
    process.stdout.write(
      work.processes === 1
        ? `  the projections' own handlers ${projectionSeconds.toFixed(1)} s; their batches' transactions beyond that (commits, checkpoints) ${commitSeconds.toFixed(1)} s; the rest (start, reading and decoding the log, the saga) ${(rebuild.sagaSeconds - work.transactionSeconds).toFixed(1)} s\n`
        : `  summed over the ${work.processes} processes: the projections' own handlers ${projectionSeconds.toFixed(1)} s; their batches' transactions beyond that (commits, checkpoints) ${commitSeconds.toFixed(1)} s\n`,
    );
    for (const [name, seconds] of Object.entries(work.applySeconds).sort((a, b) => b[1] - a[1]))
      process.stdout.write(
        `  ${name.padEnd(24)} ${seconds.toFixed(1).padStart(6)} s  ${String(work.eventsHandled[name]).padStart(9)} events\n`,
      );
    process.stdout.write(
      `  the decision saga caught up after ${rebuild.sagaSeconds.toFixed(1)} s\n`,
    );
    const rssAfterRebuild = residentMegabytes(apiPid);
    process.stdout.write(`API resident memory after the rebuild: ${rssAfterRebuild} MB\n`);

    const issuer = await DevIssuer.open(join(dataDir, 'dev-issuer-key.json'), 'development');
    const counts = childrenPerMunicipality(SUBJECTS);
    const families = PILOT_MUNICIPALITIES.flatMap((m) =>
      Array.from({ length: Math.min(counts.get(m.municipalityId) ?? 0, 40) }, (_, n) => ({
        familyId: deterministicUuid('pilot-demo', `${m.municipalityId}/family/${n}`),
        guardian: `idp|${m.municipalityId}-${n}-foresatt`,
      })),
    );
    const tokens = await Promise.all(
      families.map((f) =>
        issuer.issue({ subject: f.guardian, role: 'guardian', ttlSeconds: 3600 }),
      ),
    );
    // As many requests again before the measured ones, every family's among them: a service that has
    // been running a while has compiled its hot paths and read its pages; a cold start is not its p99.
    const timelineWarm = await measure(apiPid, Math.max(REQUESTS, families.length), (i) => ({
      path: `/families/${families[i % families.length].familyId}/timeline?limit=50`,
      token: tokens[i % families.length],
    }));
    const timeline = await measure(apiPid, REQUESTS, (i) => ({
      path: `/families/${families[(i * 7) % families.length].familyId}/timeline?limit=50`,
      token: tokens[(i * 7) % families.length],
    }));
    // One client alone: the server's own time per timeline, without queueing behind the others.
    const timelineAlone = await measure(
      apiPid,
      REQUESTS / 2,
      (i) => ({
        path: `/families/${families[(i * 11) % families.length].familyId}/timeline?limit=50`,
        token: tokens[(i * 11) % families.length],
      }),
      1,
    );
    process.stdout.write(
      `timeline (a guardian's family, 50 items), ${CONCURRENCY} clients: p50 ${timeline.p50Ms} ms, p99 ${timeline.p99Ms} ms, ${timeline.perSec}/s; one client: p50 ${timelineAlone.p50Ms} ms, p99 ${timelineAlone.p99Ms} ms; errors ${timeline.errors + timelineWarm.errors + timelineAlone.errors}; the API's CPU ${timeline.apiCpuMsPerRequest} ms per timeline\n`,
    );

    const analyst = await issuer.issue({
      subject: 'bench-analyst',
      role: 'analyst',
      ttlSeconds: 3600,
    });
    const areas = [
      'area=all',
      'area=county&areaId=Innlandet',
      'area=municipality&areaId=trondheim',
    ];
    const breakdowns = ['none', 'ageBand', 'level', 'sector'];
    const metricPath = (i: number) =>
      `/metrics/${METRICS[i % METRICS.length].id}?${areas[i % areas.length]}&period=${['month', 'quarter', 'year'][i % 3]}&by=${breakdowns[Math.floor(i / METRICS.length) % breakdowns.length]}`;
    const coldStarted = Date.now();
    const coldWork = measure(apiPid, METRICS.length * breakdowns.length, (i) => ({
      path: metricPath(i),
      token: analyst,
    }));
    // A guardian meanwhile: the cubes are built on the metrics thread, not the one that answers them.
    const timelineDuringCold = await latenciesDuring(coldWork, (i) => ({
      path: `/families/${families[(i * 5) % families.length].familyId}/timeline?limit=50`,
      token: tokens[(i * 5) % families.length],
    }));
    const cold = await coldWork;
    const coldSeconds = (Date.now() - coldStarted) / 1000;
    process.stdout.write(
      `metrics, first request of each metric and breakdown (builds its cube): ${METRICS.length * breakdowns.length} in ${coldSeconds.toFixed(1)} s, p50 ${cold.p50Ms} ms, p99 ${cold.p99Ms} ms; a guardian's timeline meanwhile: p50 ${timelineDuringCold.p50Ms} ms, p99 ${timelineDuringCold.p99Ms} ms (${timelineDuringCold.requests} requests, errors ${timelineDuringCold.errors})\n`,
    );
    const metrics = await measure(apiPid, REQUESTS, (i) => ({
      path: metricPath(i * 13),
      token: analyst,
    }));
    process.stdout.write(
      `metrics (any metric, area, period, breakdown): p50 ${metrics.p50Ms} ms, p99 ${metrics.p99Ms} ms, ${metrics.perSec}/s, errors ${metrics.errors + cold.errors}; the API's CPU ${metrics.apiCpuMsPerRequest} ms per request\n`,
    );
    const rss = residentMegabytes(apiPid);
    process.stdout.write(`API resident memory after the run: ${rss} MB\n`);

    const results = {
      measuredAt: new Date().toISOString(),
      machine: { node: process.version, platform: process.platform, arch: process.arch },
      subjects: SUBJECTS,
      events: rebuild.head,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      rebuildSeconds: Number(rebuild.seconds.toFixed(1)),
      rebuildPerSec,
      rebuiltIn: rebuild.work.builtIn,
      rebuildProcesses: rebuild.work.processes,
      rebuildApplySecondsPerProjection: Object.fromEntries(
        Object.entries(rebuild.work.applySeconds).map(([name, s]) => [name, Number(s.toFixed(1))]),
      ),
      rebuildTransactionSeconds: Number(rebuild.work.transactionSeconds.toFixed(1)),
      rebuildCommitSeconds: Number(commitSeconds.toFixed(1)),
      sagaCaughtUpSeconds: rebuild.sagaSeconds,
      timelineP50Ms: timeline.p50Ms,
      timelineP99Ms: timeline.p99Ms,
      timelineConcurrency: CONCURRENCY,
      timelineOneClientP50Ms: timelineAlone.p50Ms,
      timelineOneClientP99Ms: timelineAlone.p99Ms,
      timelineApiCpuMs: timeline.apiCpuMsPerRequest,
      metricsP50Ms: metrics.p50Ms,
      metricsP99Ms: metrics.p99Ms,
      metricsApiCpuMs: metrics.apiCpuMsPerRequest,
      metricsColdP50Ms: cold.p50Ms,
      metricsColdP99Ms: cold.p99Ms,
      timelineDuringColdMetricsP50Ms: timelineDuringCold.p50Ms,
      timelineDuringColdMetricsP99Ms: timelineDuringCold.p99Ms,
      apiRssAfterRebuildMb: rssAfterRebuild,
      apiRssMb: rss,
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'read.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write('written to bench/results/read.json\n');
  } finally {
    agent.destroy();
    await stopBuiltApi(api);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
