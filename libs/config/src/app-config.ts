import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface OidcConfig {
  readonly issuer: string;
  readonly audience: string;
  /** null: found through the issuer's discovery document (`/.well-known/openid-configuration`). */
  readonly jwksUrl: string | null;
}

/** See `projectionBatchSize`; measured on the 100,000-child rebuild (README, Measured). */
export const DEFAULT_PROJECTION_BATCH_SIZE = 2_500;

export interface AppConfig {
  readonly nodeEnv: NodeEnv;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly eventStore: 'sqlite' | 'esdb';
  readonly sqliteEventStorePath: string;
  readonly eventStoreConnectionString: string | null;
  readonly readModelPath: string;
  /**
   * With EventStoreDB, this node's cache of command answers. A file of its own: the read-model file is
   * replaced whole by a rebuild beside it (an erasure's), and a cache in it would be shredded under
   * its open connection.
   */
  readonly commandLogPath: string;
  /** The per-family keys personal data in events is encrypted under; apart from the events. */
  readonly keyStorePath: string;
  /** null: sign-in through the built-in development issuer (refused in production). */
  readonly oidc: OidcConfig | null;
  readonly devIssuerKeyPath: string;
  readonly logLevel: LogLevel;
  /** Seed the demo municipality on a start with an empty log (default: on in development only). */
  readonly demoSeed: boolean;
  /**
   * Run the sagas (samordningsmøte decisions → stafettlogg) on this node. On by default; with several
   * API nodes an operator may keep them to one (their commands are idempotent either way).
   */
  readonly runSagas: boolean;
  /**
   * Whether the projections' batches are applied on a thread of their own (the default) instead of
   * the API's: their handlers and commits then run on a second core, beside the requests.
   */
  readonly projectionThread: boolean;
  /**
   * The sign-in subjects who operate the whole installation (rebuilds, statistics over every
   * municipality). Configured here, never claimable: a token's `operator` role counts only for them.
   */
  readonly operatorSubjects: readonly string[];
  /** Synthetic children over the twelve pilot municipalities the demo seed writes (0: none). */
  readonly demoChildren: number;
  /** Published metric cells built from fewer children than this are suppressed (small numbers). */
  readonly metricsMinChildren: number;
  /** The metrics thread's heap, at most (MB): a cube past it ends the thread, not the API. */
  readonly metricsThreadMemoryMb: number;
  /**
   * Events per projection batch while catching up: larger rebuilds faster and holds more memory
   * while it runs (each batch's events and documents are in memory until it commits).
   */
  readonly projectionBatchSize: number;
  /**
   * A rebuild from scratch (an erasure's, or a first start over a long log) runs in a child process
   * that holds the read models in memory, at most this many MB, and writes them to a file once; 0:
   * in the API's own process, on disk. Only with the embedded (SQLite) event store.
   */
  readonly readModelBuildMemoryMb: number;
  /** The log size (events) from which a rebuild from scratch is worth a child process. */
  readonly readModelBuildInChildFromEvents: number;
  /**
   * How many child processes share such a rebuild, each reading the log and building a share of the
   * projections (the first merges the others' files into the one it writes).
   */
  readonly readModelBuildProcesses: number;
  /**
   * Which proxies in front of the API to believe about the client's address (X-Forwarded-For): false
   * (none, the default), true (any: only behind a proxy that sets it), or a list of addresses or CIDRs.
   * The failed-sign-in limit counts per address: behind a load balancer without this, every client
   * shares the balancer's address.
   */
  readonly trustProxy: boolean | readonly string[];
  /** Origins a browser may call the API from (CORS); empty: the same origin only. */
  readonly corsOrigins: readonly string[];
  readonly rateLimits: {
    /** Commands (POST, PUT, PATCH, DELETE) one signed-in person may send per minute; 0: no limit. */
    readonly writesPerMinute: number;
    /** Requests with a missing or invalid token one address may send per minute before it waits. */
    readonly failedSignInsPerMinute: number;
  };
}

/** The validated configuration, for injection. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** `true` or `false`; unset or empty is the fallback, anything else a problem. */
function trueOrFalse(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  problems.push(`${name} must be true or false (got "${value}")`);
  return fallback;
}

function oneOf<T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T,
  problems: string[],
): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return fallback;
}

function absolutePath(value: string, base: string): string {
  return isAbsolute(value) ? value : resolve(base, value);
}

function httpsUrl(env: Env, name: string, problems: string[], allowHttp: boolean): string | null {
  const value = env[name];
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || (allowHttp && url.protocol === 'http:')) return value;
    problems.push(`${name} must be an https URL (got "${value}")`);
  } catch {
    problems.push(`${name} must be a URL (got "${value}")`);
  }
  return null;
}

/**
 * Reads and checks the whole configuration at start. Every bad value is reported at once, each with
 * the variable's name, what it must be and what it was, so an operator fixes them in one round.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const nodeEnv = oneOf(
    env,
    'NODE_ENV',
    ['development', 'test', 'production'] as const,
    'development',
    problems,
  );
  const production = nodeEnv === 'production';

  let port = 3000;
  if (env.PORT !== undefined && env.PORT !== '') {
    const parsed = Number(env.PORT);
    if (Number.isInteger(parsed) && parsed >= 0 && parsed <= 65535) port = parsed;
    else problems.push(`PORT must be an integer from 0 to 65535 (got "${env.PORT}")`);
  }
  const host = env.HOST || '127.0.0.1';
  const dataDir = absolutePath(env.DATA_DIR || 'data', cwd);
  const eventStore = oneOf(env, 'EVENT_STORE', ['sqlite', 'esdb'] as const, 'sqlite', problems);

  let eventStoreConnectionString: string | null = env.EVENTSTORE_CONNECTION_STRING || null;
  if (eventStore === 'esdb') {
    if (!eventStoreConnectionString) {
      problems.push('EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=esdb');
    } else if (!/^esdb(\+discover)?:\/\/.+/.test(eventStoreConnectionString)) {
      problems.push(
        'EVENTSTORE_CONNECTION_STRING must start with esdb:// (one node) or esdb+discover:// (a cluster)',
      );
      eventStoreConnectionString = null;
    }
  }

  const issuer = httpsUrl(env, 'OIDC_ISSUER', problems, !production);
  const audience = env.OIDC_AUDIENCE || null;
  const jwksUrl = httpsUrl(env, 'OIDC_JWKS_URL', problems, !production);
  const oidcParts = [env.OIDC_ISSUER, audience, env.OIDC_JWKS_URL].map((part) => part || null);
  let oidc: OidcConfig | null = null;
  if (oidcParts.some(Boolean)) {
    if (!env.OIDC_ISSUER) problems.push('OIDC_ISSUER is required when OIDC sign-in is configured');
    if (!audience) problems.push('OIDC_AUDIENCE is required when OIDC sign-in is configured');
    if (issuer && audience && (jwksUrl || !env.OIDC_JWKS_URL)) oidc = { issuer, audience, jwksUrl };
  } else if (production) {
    problems.push(
      'OIDC_ISSUER and OIDC_AUDIENCE are required in production: the development issuer is refused',
    );
  }

  const logLevel = oneOf(
    env,
    'LOG_LEVEL',
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
    'info',
    problems,
  );

  const demoSeed = trueOrFalse(env, 'DEMO_SEED', nodeEnv === 'development', problems);
  const runSagas = trueOrFalse(env, 'RUN_SAGAS', true, problems);
  const projectionThread = trueOrFalse(env, 'PROJECTION_THREAD', true, problems);

  const operatorSubjects = (env.OPERATOR_SUBJECTS ?? '')
    .split(',')
    .map((subject) => subject.trim())
    .filter(Boolean);
  if (operatorSubjects.some((subject) => subject.length > 200))
    problems.push('OPERATOR_SUBJECTS must be a comma-separated list of sign-in subjects');

  const demoChildren = wholeNumber(
    env,
    'DEMO_CHILDREN',
    { min: 0, max: 100_000, fallback: 800 },
    problems,
  );
  const metricsMinChildren = wholeNumber(
    env,
    'METRICS_MIN_CHILDREN',
    { min: 3, max: 100, fallback: 5 },
    problems,
  );
  const metricsThreadMemoryMb = wholeNumber(
    env,
    'METRICS_THREAD_MEMORY_MB',
    { min: 64, max: 16_384, fallback: 512 },
    problems,
  );
  const projectionBatchSize = wholeNumber(
    env,
    'PROJECTION_BATCH_SIZE',
    { min: 100, max: 100_000, fallback: DEFAULT_PROJECTION_BATCH_SIZE },
    problems,
  );

  const readModelBuildMemoryMb = wholeNumber(
    env,
    'READ_MODEL_BUILD_MEMORY_MB',
    { min: 0, max: 1_048_576, fallback: defaultReadModelBuildMemoryMb() },
    problems,
  );
  const readModelBuildInChildFromEvents = wholeNumber(
    env,
    'READ_MODEL_BUILD_IN_CHILD_FROM_EVENTS',
    { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 50_000 },
    problems,
  );

  const readModelBuildProcesses = wholeNumber(
    env,
    'READ_MODEL_BUILD_PROCESSES',
    { min: 1, max: 16, fallback: defaultReadModelBuildProcesses() },
    problems,
  );

  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin))
      problems.push(
        `CORS_ORIGINS must be a comma-separated list of origins like https://bti.kommune.no (got "${origin}")`,
      );
    else if (production && origin.startsWith('http:'))
      problems.push(`CORS_ORIGINS must be https origins in production (got "${origin}")`);
  }
  let trustProxy: boolean | string[] = false;
  const trustProxyRaw = (env.TRUST_PROXY ?? '').trim();
  if (trustProxyRaw === 'true') trustProxy = true;
  else if (trustProxyRaw !== '' && trustProxyRaw !== 'false') {
    const addresses = trustProxyRaw.split(',').map((address) => address.trim());
    if (addresses.every((address) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(address)))
      trustProxy = addresses;
    else
      problems.push(
        `TRUST_PROXY must be true, false or a comma-separated list of addresses or CIDRs (got "${trustProxyRaw}")`,
      );
  }
  const rateLimits = {
    writesPerMinute: wholeNumber(
      env,
      'RATE_LIMIT_WRITES_PER_MINUTE',
      { min: 0, max: 1_000_000, fallback: 600 },
      problems,
    ),
    failedSignInsPerMinute: wholeNumber(
      env,
      'RATE_LIMIT_FAILED_SIGN_INS_PER_MINUTE',
      { min: 1, max: 100_000, fallback: 30 },
      problems,
    ),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    nodeEnv,
    host,
    port,
    dataDir,
    eventStore,
    sqliteEventStorePath: absolutePath(
      env.SQLITE_EVENT_STORE_PATH || join(dataDir, 'events.sqlite'),
      cwd,
    ),
    eventStoreConnectionString,
    readModelPath: absolutePath(env.READ_MODEL_PATH || join(dataDir, 'read-models.sqlite'), cwd),
    commandLogPath: absolutePath(env.COMMAND_LOG_PATH || join(dataDir, 'commands.sqlite'), cwd),
    keyStorePath: absolutePath(env.KEY_STORE_PATH || join(dataDir, 'keys.sqlite'), cwd),
    oidc,
    devIssuerKeyPath: absolutePath(
      env.DEV_ISSUER_KEY_PATH || join(dataDir, 'dev-issuer-key.json'),
      cwd,
    ),
    logLevel,
    demoSeed,
    runSagas,
    projectionThread,
    operatorSubjects,
    demoChildren,
    metricsMinChildren,
    metricsThreadMemoryMb,
    projectionBatchSize,
    readModelBuildMemoryMb,
    readModelBuildInChildFromEvents,
    readModelBuildProcesses,
    corsOrigins,
    rateLimits,
    trustProxy,
  };
}

/**
 * Two on four cores or more, else one. Measured on two cores (100,000 children): two processes built
 * the read models 1.2 times as fast on an idle API, but with the API answering timelines at full load
 * the build took longer than one process's (234 and 263 s against 200 s) and the API's p99 rose
 * (18 ms against 14, the median of 1,000-request rounds): three processes on two cores. With a core to
 * spare for each, that contention is not there.
 */
export function defaultReadModelBuildProcesses(): number {
  return availableParallelism() >= 4 ? 2 : 1;
}

/**
 * A quarter of the memory this process may have — its control group's limit in a container, else
 * the machine's — and at most 4 GB (the 100,000-child read models take about 1.7 GB).
 */
export function defaultReadModelBuildMemoryMb(): number {
  let bytes = totalmem();
  try {
    const limit = readFileSync('/sys/fs/cgroup/memory.max', 'utf8').trim();
    if (/^\d+$/.test(limit)) bytes = Math.min(bytes, Number(limit));
  } catch {
    // No cgroup v2 limit to read: the machine's memory it is.
  }
  return Math.min(4_096, Math.floor(bytes / 4 / 1024 / 1024));
}

/** A whole-number setting within its bounds, or its default when unset; a bad value is a problem. */
function wholeNumber(
  env: Record<string, string | undefined>,
  name: string,
  bounds: { min: number; max: number; fallback: number },
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return bounds.fallback;
  const value = Number(raw);
  if (Number.isInteger(value) && value >= bounds.min && value <= bounds.max) return value;
  problems.push(
    `${name} must be a whole number from ${bounds.min} to ${bounds.max} (got "${raw}")`,
  );
  return bounds.fallback;
}
