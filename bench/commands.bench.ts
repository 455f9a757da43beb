/**
 * Command-path benchmark, measured from outside: the built API runs as its own process on a fresh
 * SQLite data folder, and CLIENTS concurrent HTTP clients each add entries to a log of their own.
 * Prints commands/s and latency percentiles while the logs are short, and again after they have grown
 * long, so a command path whose cost grows with the log's length shows it.
 *   npm run bench:commands
 *   npm run bench:commands -- --clients 64 --commands 20000 --grow 2000
 *   npm run bench:commands -- --profile /tmp/prof     (the API writes a V8 CPU profile there)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DevIssuer, type DevTokenClaims } from '@bti/access';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '64' },
    commands: { type: 'string', default: '20000' },
    grow: { type: 'string', default: '2000' },
    port: { type: 'string', default: '3917' },
    profile: { type: 'string' },
  },
});
const CLIENTS = Number(values.clients);
const COMMANDS = Number(values.commands);
const GROW_TO = Number(values.grow);
const PORT = Number(values.port);
const MUNICIPALITY = 'bench-kommune';

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS + 4 });

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

function call(method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: PORT,
        method,
        path,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': payload.length }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
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
  const child = spawn(process.execPath, [...profile, 'dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      DEMO_SEED: 'false',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
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
  logs: string[];
}

async function setUp(issuer: DevIssuer): Promise<Setup> {
  const token = (claims: DevTokenClaims) => issuer.issue({ ttlSeconds: 3600, ...claims });
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
      validFrom: '2026-01-01',
      validUntil: '2099-12-31',
    });
    await must('POST', `/stafettlogger/${logId}/open`, staffToken, { level: 2 });
    logs.push(logId);
  }
  return { staffToken, logs };
}

const entry = () => ({
  commandId: randomUUID(),
  entryId: randomUUID(),
  kind: 'observation',
  category: 'health',
  sharedWithGuardians: true,
  text: 'Helsesykepleier samtalte med foreldrene om søvn og matsituasjon; avtalt ny time om fire uker.',
});

interface Phase {
  commandsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  meanEntriesPerLog: number;
}

async function addEntries(setup: Setup, total: number, entriesBefore: number): Promise<Phase> {
  const latencies = new Float64Array(total);
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    setup.logs.map(async (logId) => {
      for (;;) {
        const n = next++;
        if (n >= total) return;
        const t0 = process.hrtime.bigint();
        const answer = await call(
          'POST',
          `/stafettlogger/${logId}/entries`,
          setup.staffToken,
          entry(),
        );
        latencies[n] = Number(process.hrtime.bigint() - t0) / 1e6;
        if (answer.status !== 201)
          throw new Error(`entry: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort();
  const at = (p: number) => latencies[Math.min(total - 1, Math.floor(total * p))];
  return {
    commandsPerSec: Math.round(total / elapsed),
    p50Ms: Number(at(0.5).toFixed(1)),
    p99Ms: Number(at(0.99).toFixed(1)),
    meanEntriesPerLog: Math.round(entriesBefore + total / setup.logs.length / 2),
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
    `${label.padEnd(34)} ${String(phase.commandsPerSec).padStart(6)} commands/s   p50 ${phase.p50Ms} ms   p99 ${phase.p99Ms} ms   (~${phase.meanEntriesPerLog} entries per log)\n`,
  );

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bti-bench-commands-'));
  let api: ChildProcess | undefined;
  try {
    api = await startApi(dataDir);
    const issuer = await DevIssuer.open(join(dataDir, 'dev-issuer-key.json'), 'development');
    process.stdout.write(
      `command path, from outside over HTTP: ${CLIENTS} clients, each adding entries to its own log\n`,
    );
    const setup = await setUp(issuer);
    await addEntries(setup, Math.min(2000, COMMANDS), 0); // warm-up (JIT, caches)
    const perLogAfterWarmUp = Math.ceil(Math.min(2000, COMMANDS) / CLIENTS);
    const short = await addEntries(setup, COMMANDS, perLogAfterWarmUp);
    print('short logs', short);
    const perLogNow = perLogAfterWarmUp + Math.ceil(COMMANDS / CLIENTS);
    await grow(setup, GROW_TO, perLogNow);
    const long = await addEntries(setup, COMMANDS, Math.max(GROW_TO, perLogNow));
    print('long logs', long);
    const results = {
      measuredAt: new Date().toISOString(),
      machine: { node: process.version, platform: process.platform, arch: process.arch },
      clients: CLIENTS,
      commandsPerPhase: COMMANDS,
      shortLogs: short,
      longLogs: long,
      longToShortThroughput: Number((long.commandsPerSec / short.commandsPerSec).toFixed(2)),
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, 'results', 'commands.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    process.stdout.write('written to bench/results/commands.json\n');
  } finally {
    api?.kill('SIGTERM');
    agent.destroy();
    // Long enough for a profiling API to write its profile on the way out.
    await new Promise((resolve) => setTimeout(resolve, values.profile ? 5000 : 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
