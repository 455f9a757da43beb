import { availableParallelism } from 'node:os';
import {
  ConfigError,
  defaultReadModelBuildMemoryMb,
  defaultReadModelBuildProcesses,
  loadConfig,
} from './app-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/bti');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs on the embedded default with no configuration at all', () => {
    const config = loadConfig({}, '/srv/bti');
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      eventStore: 'sqlite',
      sqliteEventStorePath: '/srv/bti/data/events.sqlite',
      readModelPath: '/srv/bti/data/read-models.sqlite',
      oidc: null,
      demoSeed: true,
      metricsMinChildren: 5,
      projectionBatchSize: 2_500,
      projectionThread: true,
      readModelBuildMemoryMb: defaultReadModelBuildMemoryMb(),
      readModelBuildInChildFromEvents: 50_000,
      readModelBuildProcesses: defaultReadModelBuildProcesses(),
      corsOrigins: [],
      rateLimits: { writesPerMinute: 600, failedSignInsPerMinute: 30 },
      trustProxy: false,
    });
    expect(loadConfig({ TRUST_PROXY: 'true' }, '/srv').trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5' }, '/srv').trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.5',
    ]);
    expect(
      loadConfig({ CORS_ORIGINS: 'https://bti.kommune.no, http://localhost:5173' }, '/srv')
        .corsOrigins,
    ).toEqual(['https://bti.kommune.no', 'http://localhost:5173']);
    expect(loadConfig({ METRICS_MIN_CHILDREN: '10' }, '/srv').metricsMinChildren).toBe(10);
    expect(loadConfig({}, '/srv').metricsThreadMemoryMb).toBe(512);
    expect(loadConfig({ METRICS_THREAD_MEMORY_MB: '128' }, '/srv').metricsThreadMemoryMb).toBe(128);
    expect(loadConfig({ PROJECTION_BATCH_SIZE: '2500' }, '/srv').projectionBatchSize).toBe(2500);
    expect(loadConfig({ PROJECTION_THREAD: 'false' }, '/srv').projectionThread).toBe(false);
    expect(loadConfig({ READ_MODEL_BUILD_MEMORY_MB: '0' }, '/srv').readModelBuildMemoryMb).toBe(0);
    expect(defaultReadModelBuildMemoryMb()).toBeGreaterThan(0);
    expect(defaultReadModelBuildProcesses()).toBe(availableParallelism() >= 4 ? 2 : 1);
    expect(loadConfig({ READ_MODEL_BUILD_PROCESSES: '1' }, '/srv').readModelBuildProcesses).toBe(1);
    expect(defaultReadModelBuildMemoryMb()).toBeLessThanOrEqual(4_096);
    expect(
      loadConfig({ READ_MODEL_BUILD_IN_CHILD_FROM_EVENTS: '1' }, '/srv')
        .readModelBuildInChildFromEvents,
    ).toBe(1);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535 (got "70000")'],
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE must be one of sqlite, esdb (got "postgres")'],
    [{ EVENT_STORE: 'esdb' }, 'EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=esdb'],
    [
      { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'http://x' },
      'EVENTSTORE_CONNECTION_STRING must start with esdb://',
    ],
    [{ NODE_ENV: 'prod' }, 'NODE_ENV must be one of development, test, production (got "prod")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ DEMO_SEED: 'yes' }, 'DEMO_SEED must be true or false (got "yes")'],
    [{ PROJECTION_THREAD: 'on' }, 'PROJECTION_THREAD must be true or false (got "on")'],
    [{ METRICS_MIN_CHILDREN: '1' }, 'METRICS_MIN_CHILDREN must be a whole number from 3 to 100'],
    [{ METRICS_MIN_CHILDREN: 'five' }, 'METRICS_MIN_CHILDREN must be a whole number from 3 to 100'],
    [
      { METRICS_THREAD_MEMORY_MB: '8' },
      'METRICS_THREAD_MEMORY_MB must be a whole number from 64 to 16384',
    ],
    [
      { PROJECTION_BATCH_SIZE: '10' },
      'PROJECTION_BATCH_SIZE must be a whole number from 100 to 100000',
    ],
    [
      { READ_MODEL_BUILD_PROCESSES: '0' },
      'READ_MODEL_BUILD_PROCESSES must be a whole number from 1 to 16',
    ],
    [
      { READ_MODEL_BUILD_MEMORY_MB: '-1' },
      'READ_MODEL_BUILD_MEMORY_MB must be a whole number from 0 to 1048576',
    ],
    [
      { READ_MODEL_BUILD_IN_CHILD_FROM_EVENTS: '1e3x' },
      'READ_MODEL_BUILD_IN_CHILD_FROM_EVENTS must be a whole number from 0',
    ],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS must be a comma-separated list of origins'],
    [{ TRUST_PROXY: 'yes please' }, 'TRUST_PROXY must be true, false or a comma-separated list'],
    [{ CORS_ORIGINS: 'https://a.no/path' }, 'CORS_ORIGINS must be a comma-separated list'],
    [
      {
        NODE_ENV: 'production',
        OIDC_ISSUER: 'https://idp',
        OIDC_AUDIENCE: 'bti',
        OIDC_JWKS_URL: 'https://idp/jwks',
        CORS_ORIGINS: 'http://bti.kommune.no',
      },
      'CORS_ORIGINS must be https origins in production',
    ],
    [
      { RATE_LIMIT_WRITES_PER_MINUTE: '-1' },
      'RATE_LIMIT_WRITES_PER_MINUTE must be a whole number from 0 to 1000000',
    ],
    [
      { RATE_LIMIT_FAILED_SIGN_INS_PER_MINUTE: '0' },
      'RATE_LIMIT_FAILED_SIGN_INS_PER_MINUTE must be a whole number from 1 to 100000',
    ],
    [{ OIDC_ISSUER: 'https://idp' }, 'OIDC_AUDIENCE is required when OIDC sign-in is configured'],
    [{ OIDC_AUDIENCE: 'bti' }, 'OIDC_ISSUER is required when OIDC sign-in is configured'],
    [
      { NODE_ENV: 'production', OIDC_ISSUER: 'http://idp', OIDC_AUDIENCE: 'bti' },
      'OIDC_ISSUER must be an https URL',
    ],
    [{ NODE_ENV: 'production' }, 'the development issuer is refused'],
    [
      {
        NODE_ENV: 'production',
        OIDC_ISSUER: 'https://idp',
        OIDC_AUDIENCE: 'bti',
        OIDC_JWKS_URL: 'http://idp/jwks',
      },
      'OIDC_JWKS_URL must be an https URL',
    ],
  ])('reports %j clearly', (env, message) => {
    expect(problemsOf(env).join('\n')).toContain(message);
  });

  it('reports every bad value at once', () => {
    expect(problemsOf({ PORT: 'x', EVENT_STORE: 'y', LOG_LEVEL: 'z' })).toHaveLength(3);
  });

  it('accepts a complete OIDC and EventStoreDB configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'esdb+discover://node1:2113,node2:2113',
      OIDC_ISSUER: 'https://idp.kommune.no',
      OIDC_AUDIENCE: 'bti-api',
      OIDC_JWKS_URL: 'https://idp.kommune.no/jwks',
    });
    expect(config.oidc).toEqual({
      issuer: 'https://idp.kommune.no',
      audience: 'bti-api',
      jwksUrl: 'https://idp.kommune.no/jwks',
    });
    expect(config.eventStore).toBe('esdb');
    // Without a JWKS address, the keys are found through the issuer's discovery document.
    expect(
      loadConfig({ OIDC_ISSUER: 'https://idp.kommune.no', OIDC_AUDIENCE: 'bti-api' }).oidc,
    ).toEqual({ issuer: 'https://idp.kommune.no', audience: 'bti-api', jwksUrl: null });
  });
});
