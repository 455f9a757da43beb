import { parseArgs } from 'node:util';
import { DevIssuer } from '@bti/access';
import { ConfigError, loadConfig, type AppConfig } from '@bti/config';
import { DOMAIN_EVENT_TYPES, isRole, ROLES } from '@bti/domain';
import { openEventStore } from '@bti/event-store';
import { ProjectionRunner, SqliteReadModelStore } from '@bti/read-models';
import { ALL_PROJECTIONS } from '@bti/projections';
import { writePilotHistory } from '@bti/demo';
import { writeRuleCodes } from './rule-codes';
import { writeMetricDefinitions } from './metric-docs';

const USAGE = `Usage:
  npm run token -- --role <${ROLES.join('|')}> --subject <id> [--municipality <id>] [--service <id>] [--ttl <seconds>]
      Prints a bearer token from the development issuer (refused when NODE_ENV=production).
  npm run cli -- docs
      Rewrites the list of rule codes in docs/domain.md from the deciders' code unions, and the
      metric definitions in docs/metrics.md from the metric catalogue.
  npm run seed:demo [-- --scale <children>] [--seed <n>]
      Writes the twelve pilot municipalities (services, staff, a team, initiatives, the 2019 grants and
      the 2020–2022 allocations) and synthetic families with two years of history (800 children by
      default; --scale 100000 for benchmarks). Idempotent for the same seed and day. Stop the API first.
  npm run cli -- rebuild <projection|all>
      Empties the named read model(s) and replays the whole log (stop the API first).
      Projections: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`;

class UsageError extends Error {}

async function token(config: AppConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      subject: { type: 'string' },
      municipality: { type: 'string' },
      service: { type: 'string' },
      ttl: { type: 'string' },
    },
    strict: true,
  });
  if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (!values.subject) throw new UsageError('--subject is required');
  const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
  if (ttlSeconds !== undefined && (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)) {
    throw new UsageError('--ttl must be a positive whole number of seconds');
  }
  const issuer = await DevIssuer.open(config.devIssuerKeyPath, config.nodeEnv);
  const jwt = await issuer.issue({
    subject: values.subject,
    role: values.role,
    municipalityId: values.municipality,
    serviceId: values.service,
    ttlSeconds,
  });
  process.stdout.write(`${jwt}\n`);
}

async function seedDemo(config: AppConfig, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      scale: { type: 'string', default: '800' },
      seed: { type: 'string', default: '2020' },
    },
    strict: true,
  });
  const subjects = Number(values.scale);
  const seed = Number(values.seed);
  if (!Number.isInteger(subjects) || subjects < 12 || subjects > 2_000_000)
    throw new UsageError('--scale must be a whole number of children from 12 to 2000000');
  if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
  const store = openEventStore(config, DOMAIN_EVENT_TYPES);
  try {
    const result = await writePilotHistory(store, { subjects, seed, now: new Date() }, (p) =>
      process.stdout.write(`  ${p.units} families, ${p.events} events\n`),
    );
    process.stdout.write(
      `pilot demo: ${result.units} units, ${result.events} events in ${result.seconds.toFixed(1)} s (${Math.round(result.events / Math.max(result.seconds, 0.001))} events/s)\n`,
    );
  } finally {
    await store.close();
  }
}

async function rebuild(config: AppConfig, args: string[]): Promise<void> {
  const [name] = args;
  const names = ALL_PROJECTIONS.map((p) => p.name);
  if (!name || (name !== 'all' && !names.includes(name))) {
    throw new UsageError(`rebuild needs a projection: all, ${names.join(', ')}`);
  }
  const store = openEventStore(config, DOMAIN_EVENT_TYPES);
  const readModels = new SqliteReadModelStore(config.readModelPath);
  const runner = new ProjectionRunner(store, readModels, ALL_PROJECTIONS);
  try {
    for (const projection of name === 'all' ? names : [name]) {
      const started = Date.now();
      await runner.rebuild(projection);
      const [status] = (await runner.status()).filter((p) => p.name === projection);
      process.stdout.write(
        `${projection}: rebuilt to position ${status.checkpoint} in ${Date.now() - started} ms\n`,
      );
    }
  } finally {
    await runner.stop();
    readModels.close();
    await store.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  if (command === 'token') return token(config, rest);
  if (command === 'rebuild') return rebuild(config, rest);
  if (command === 'seed-demo') return seedDemo(config, rest);
  if (command === 'docs') {
    writeRuleCodes();
    return writeMetricDefinitions();
  }
  throw new UsageError(command ? `Unknown command ${command}` : 'No command given');
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
  ) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
