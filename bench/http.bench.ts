/**
 * The HTTP path, measured from outside: the built API runs as its own process on a fresh SQLite data
 * folder (the embedded default), and CLIENTS concurrent clients each work on an open log of their own
 * for SECONDS — adding entries, with the family's guardian reading the log after every fifth command.
 * Then every log is grown to GROW entries and the same runs again, so a path whose cost grows with
 * the log's length shows it. Prints commands/s, reads/s, p50/p95/p99 of each, errors by status, and
 * the API process's CPU time per command (its share of the reads included).
 *   npm run bench:http
 *   npm run bench:http -- --clients 64 --seconds 30 --grow 1000
 *   npm run bench:http -- --profile /tmp/prof     (the API writes a V8 CPU profile there)
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DevIssuer, type DevTokenClaims } from '@bti/access';
import { addDays, dateOf } from '@bti/domain';
import { benchFolder } from './support/bench-folder';
import { spawnBuiltApi, stopBuiltApi } from './support/built-api';
import { callApi } from './support/http-client';
import { cpuMsPer, cpuSeconds, mainThreadCpuSeconds } from './support/process-usage';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '64' },
    seconds: { type: 'string', default: '30' },
    grow: { type: 'string', default: '1000' },
    port: { type: 'string', default: '3917' },
    profile: { type: 'string' },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const GROW_TO = Number(values.grow);
/** The guardian reads the log after every this many commands. */
const READ_EVERY = 5;
const PORT = Number(values.port);
const MUNICIPALITY = 'bench-kommune';

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS + 4 });

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  const answer = await callApi({ port: PORT, agent }, method, path, token, body);
  return {
    status: answer.status,
    body: answer.text ? (JSON.parse(answer.text) as Record<string, unknown>) : {},
  };
}

async function must(
  method: string,
  path: string,
  token: string,
  body?: Record<string, unknown>,
): Promise<Answer> {
  const answer = await call(method, path, token, body && { commandId: randomUUID(), ...body });
  if (answer.status >= 300)
    throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

async function startApi(dataDir: string): Promise<ChildProcess> {
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
  const child = spawnBuiltApi(dataDir, PORT, profile);
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const health = await call('GET', '/health', '');
      if (health.status === 200) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('The API did not start');
}

interface Setup {
  staffToken: string;
  guardianToken: string;
  logs: string[];
}

async function setUp(issuer: DevIssuer): Promise<Setup> {
  const token = (claims: DevTokenClaims) => issuer.issue({ ttlSeconds: 3600, ...claims });
  const today = dateOf(new Date().toISOString());
  const admin = await token({
    subject: 'bench-admin',
    role: 'admin',
    municipalityId: MUNICIPALITY,
  });
  const staffToken = await token({
    subject: 'bench-staff',
    role: 'staff',
    municipalityId: MUNICIPALITY,
    serviceId: 'helsestasjon',
  });
  const guardianToken = await token({ subject: 'bench-guardian', role: 'guardian' });
  await must('POST', '/municipalities', admin, {
    municipalityId: MUNICIPALITY,
    name: 'Benchmark',
    county: 'Innlandet',
  });
  await must('POST', `/municipalities/${MUNICIPALITY}/services`, admin, {
    serviceId: 'helsestasjon',
    name: 'Helsestasjon',
    sector: 'helsestasjon',
  });
  await must('POST', `/municipalities/${MUNICIPALITY}/staff`, admin, {
    staffId: 'bench-staff',
    serviceId: 'helsestasjon',
    displayName: 'Bench',
    role: 'staff',
  });
  const familyId = randomUUID();
  await must('POST', '/families', staffToken, { familyId });
  await must('POST', `/families/${familyId}/guardians`, staffToken, {
    guardianId: randomUUID(),
    identitySubject: 'bench-guardian',
    parentalResponsibility: true,
    name: 'Forelder',
  });
  const logs: string[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const subjectId = randomUUID();
    await must('POST', `/families/${familyId}/subjects`, staffToken, {
      subjectId,
      kind: 'child',
      name: `Barn ${c}`,
      birthDate: '2019-04-02',
    });
    const concernId = randomUUID();
    await must('POST', '/concerns', staffToken, {
      concernId,
      familyId,
      subjectId,
      kind: 'undring',
      summary: 'Benchmark',
    });
    await must('POST', `/concerns/${concernId}/decision`, staffToken, {
      outcome: 'involve_others',
      reason: 'Benchmark',
    });
    const logId = randomUUID();
    const consentId = randomUUID();
    await must('POST', '/stafettlogger', staffToken, {
      logId,
      concernId,
      consentId,
      scope: { services: ['helsestasjon'], categories: ['health'], purpose: 'Benchmark' },
    });
    await must('POST', `/stafettlogger/${logId}/consents/${consentId}/give`, guardianToken, {
      // A consent is given for now: from today, for a year (the domain refuses one for generations).
      validFrom: today,
      validUntil: addDays(today, 365),
    });
    await must('POST', `/stafettlogger/${logId}/open`, staffToken, { level: 2 });
    logs.push(logId);
  }
  return { staffToken, guardianToken, logs };
}

const entry = () => ({
  commandId: randomUUID(),
  entryId: randomUUID(),
  kind: 'observation',
  category: 'health',
  sharedWithGuardians: true,
  text: 'Helsesykepleier samtalte med foreldrene om søvn og matsituasjon; avtalt ny time om fire uker.',
});

interface Latencies {
  perSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

interface Phase {
  commandsPerSec: number;
  readsPerSec: number;
  commands: Latencies;
  reads: Latencies;
  errorsByStatus: Record<string, number>;
  /**
   * The API process's CPU time per command, its share of the reads included (one every READ_EVERY):
   * one core serves at most 1000 / this commands a second.
   */
  apiCpuMsPerCommand: number | null;
  /**
   * The part of it on the API's main thread, which every request passes through: that thread serves
   * at most 1000 / this commands a second, however idle the other threads and cores are.
   */
  apiMainThreadCpuMsPerCommand: number | null;
  /** The API's CPU time over the phase's length: 1 is one core busy all the time. */
  apiCores: number | null;
  /**
   * This load generator's own CPU time per command (its reads included): on the same machine it takes
   * cores the API could have had.
   */
  loadGeneratorCpuMsPerCommand: number;
}

function summarise(latencies: number[], seconds: number): Latencies {
  const sorted = Float64Array.from(latencies).sort();
  const at = (p: number) =>
    sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  return {
    perSec: Math.round(sorted.length / seconds),
    p50Ms: Number(at(0.5).toFixed(1)),
    p95Ms: Number(at(0.95).toFixed(1)),
    p99Ms: Number(at(0.99).toFixed(1)),
  };
}

/** Every client works on its own log for `seconds`: an entry, and a guardian's read every fifth. */
async function run(setup: Setup, seconds: number, apiPid: number): Promise<Phase> {
  const commands: number[] = [];
  const reads: number[] = [];
  const errors: Record<string, number> = {};
  const deadline = Date.now() + seconds * 1000;
  const cpuBefore = cpuSeconds(apiPid);
  const mainThreadBefore = mainThreadCpuSeconds(apiPid);
  const ownCpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(
    setup.logs.map(async (logId) => {
      for (let n = 1; Date.now() < deadline; n++) {
        const t0 = process.hrtime.bigint();
        const answer = await call(
          'POST',
          `/stafettlogger/${logId}/entries`,
          setup.staffToken,
          entry(),
        );
        const t1 = process.hrtime.bigint();
        if (answer.status === 201) commands.push(Number(t1 - t0) / 1e6);
        else errors[answer.status] = (errors[answer.status] ?? 0) + 1;
        if (n % READ_EVERY !== 0) continue;
        // The guardian reads what was just written (read-your-writes through minPosition).
        const position = typeof answer.body.position === 'string' ? answer.body.position : null;
        const read = await call(
          'GET',
          `/stafettlogger/${logId}${position ? `?minPosition=${position}` : ''}`,
          setup.guardianToken,
        );
        if (read.status === 200) reads.push(Number(process.hrtime.bigint() - t1) / 1e6);
        else errors[read.status] = (errors[read.status] ?? 0) + 1;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuAfter = cpuSeconds(apiPid);
  const mainThreadAfter = mainThreadCpuSeconds(apiPid);
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const c = summarise(commands, elapsed);
  const r = summarise(reads, elapsed);
  return {
    commandsPerSec: c.perSec,
    readsPerSec: r.perSec,
    commands: c,
    reads: r,
    errorsByStatus: errors,
    apiCpuMsPerCommand: cpuMsPer(cpuBefore, cpuAfter, commands.length),
    apiMainThreadCpuMsPerCommand: cpuMsPer(mainThreadBefore, mainThreadAfter, commands.length),
    apiCores:
      cpuBefore === null || cpuAfter === null
        ? null
        : Number(((cpuAfter - cpuBefore) / elapsed).toFixed(2)),
    loadGeneratorCpuMsPerCommand: Number(
      ((ownCpu.user + ownCpu.system) / 1000 / Math.max(1, commands.length)).toFixed(3),
    ),
  };
}

/** Grows every log to `perLog` entries without measuring, so the next phase runs on long logs. */
async function grow(setup: Setup, perLog: number, already: number): Promise<void> {
  await Promise.all(
    setup.logs.map(async (logId) => {
      for (let i = already; i < perLog; i++) {
        const answer = await call(
          'POST',
          `/stafettlogger/${logId}/entries`,
          setup.staffToken,
          entry(),
        );
        if (answer.status !== 201) throw new Error(`grow: ${answer.status}`);
      }
    }),
  );
}

const print = (label: string, phase: Phase) =>
  process.stdout.write(
    `${label.padEnd(12)} ${String(phase.commandsPerSec).padStart(6)} commands/s (p50 ${phase.commands.p50Ms} / p95 ${phase.commands.p95Ms} / p99 ${phase.commands.p99Ms} ms)   ${String(phase.readsPerSec).padStart(5)} reads/s (p50 ${phase.reads.p50Ms} / p95 ${phase.reads.p95Ms} / p99 ${phase.reads.p99Ms} ms)   errors ${JSON.stringify(phase.errorsByStatus)}\n${''.padEnd(13)}the API: ${phase.apiCpuMsPerCommand} ms of CPU per command (its reads included; ${phase.apiMainThreadCpuMsPerCommand} on its main thread), ${phase.apiCores} cores busy; this load generator: ${phase.loadGeneratorCpuMsPerCommand} ms\n`,
  );

/** Entries each log holds now: the set-up's, the warm-up's and the first run's. */
async function entriesPerLog(setup: Setup): Promise<number> {
  const answer = await call('GET', `/stafettlogger/${setup.logs[0]}`, setup.staffToken);
  return (answer.body.entries as unknown[] | undefined)?.length ?? 0;
}

async function main(): Promise<void> {
  const dataDir = benchFolder('bti-bench-http-');
  let api: ChildProcess | undefined;
  try {
    api = await startApi(dataDir);
    const apiPid = api.pid as number;
    const issuer = await DevIssuer.open(join(dataDir, 'dev-issuer-key.json'), 'development');
    process.stdout.write(
      `HTTP path, from outside: ${CLIENTS} clients for ${SECONDS} s each run, each adding entries to its own log, the guardian reading it after every ${READ_EVERY}th\n`,
    );
    const setup = await setUp(issuer);
    await run(setup, Math.min(5, SECONDS), apiPid); // warm-up (JIT, caches)
    const short = await run(setup, SECONDS, apiPid);
    print('short logs', short);
    await grow(setup, GROW_TO, await entriesPerLog(setup));
    const long = await run(setup, SECONDS, apiPid);
    print(`${GROW_TO}+ entries`, long);
    const results = {
      measuredAt: new Date().toISOString(),
      machine: { node: process.version, platform: process.platform, arch: process.arch },
      clients: CLIENTS,
      secondsPerRun: SECONDS,
      readEvery: READ_EVERY,
      commandsPerSec: short.commandsPerSec,
      readsPerSec: short.readsPerSec,
      commandP50Ms: short.commands.p50Ms,
      commandP95Ms: short.commands.p95Ms,
      commandP99Ms: short.commands.p99Ms,
      readP50Ms: short.reads.p50Ms,
      readP95Ms: short.reads.p95Ms,
      readP99Ms: short.reads.p99Ms,
      errorsByStatus: short.errorsByStatus,
      apiCpuMsPerCommand: short.apiCpuMsPerCommand,
      apiMainThreadCpuMsPerCommand: short.apiMainThreadCpuMsPerCommand,
      apiCores: short.apiCores,
      loadGeneratorCpuMsPerCommand: short.loadGeneratorCpuMsPerCommand,
      commandsPerSecLongLogs: long.commandsPerSec,
      longLogs: { entriesPerLog: GROW_TO, ...long },
      longToShortThroughput: Number((long.commandsPerSec / short.commandsPerSec).toFixed(2)),
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', 'http.json'), `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write('written to bench/results/http.json\n');
  } finally {
    agent.destroy();
    await stopBuiltApi(api);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
