/**
 * Event-store benchmark (issue 2). Prints figures and writes bench/results/store.json.
 *   npm run bench:store                 1,000,000 events (the figure)
 *   npm run bench:store -- --events 100000
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { SqliteEventStore, type EventToAppend } from '@bti/event-store';
import { benchFolder } from './support/bench-folder';
import { applySqliteEventStoreSchema } from '../libs/event-store/src/sqlite/sqlite-schema';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    writers: { type: 'string', default: '64' },
  },
});
const TOTAL = Number(values.events);
const WRITERS = Number(values.writers);

/** A deterministic, realistic event: a stafettlogg entry with ~400 bytes of JSON in data and metadata. */
function realisticEvent(n: number): EventToAppend {
  return {
    type: 'StafettloggEntryAdded',
    data: {
      entryId: `e-${n.toString(36).padStart(8, '0')}`,
      kind: 'observation',
      serviceId: 'helsestasjon',
      category: 'health',
      sharedWithGuardians: n % 3 !== 0,
      text: 'Helsesykepleier samtalte med foreldrene om søvn og matsituasjon; avtalt ny time om fire uker.',
    },
    metadata: {
      commandId: `c-${n}`,
      correlationId: `c-${n}`,
      causationId: null,
      actor: {
        subject: 'staff-17',
        role: 'staff',
        municipalityId: 'vestre-toten',
        serviceId: 'helsestasjon',
      },
      municipalityId: 'vestre-toten',
      occurredAt: '2026-03-02T10:15:00.000Z',
      schemaVersion: 1,
    },
  };
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const round = (x: number) => Math.round(x);

function floorBatchedInsert(path: string, total: number): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  applySqliteEventStoreSchema(db);
  const insert = db.prepare(
    'INSERT INTO events (stream, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const event = realisticEvent(n);
      insert.run(
        `floor-${n % WRITERS}`,
        Math.floor(n / WRITERS),
        `id-${n}`,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify({ ...event.metadata, recordedAt: '2026-03-02T10:15:00.000Z' }),
      );
    }
  });
  const start = process.hrtime.bigint();
  for (let n = 0; n < total; n += 1000) batch(n, Math.min(n + 1000, total));
  const rate = total / seconds(start);
  db.close();
  return rate;
}

async function appendConcurrent(store: SqliteEventStore, total: number) {
  const latencies = new Float64Array(total);
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      let revision: bigint | 'no_stream' = 'no_stream';
      for (;;) {
        const n = next++;
        if (n >= total) return;
        const t0 = process.hrtime.bigint();
        const result = await store.append(`bench-${w}`, [realisticEvent(n)], revision);
        latencies[n] = Number(process.hrtime.bigint() - t0) / 1e6;
        revision = result.nextExpectedRevision;
      }
    }),
  );
  const elapsed = seconds(start);
  latencies.sort();
  return {
    perSec: total / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

async function appendSequential(store: SqliteEventStore, maxAppends: number, maxSeconds: number) {
  const start = process.hrtime.bigint();
  let revision: bigint | 'no_stream' = 'no_stream';
  let n = 0;
  while (n < maxAppends && seconds(start) < maxSeconds) {
    revision = (await store.append('bench-sequential', [realisticEvent(n)], revision))
      .nextExpectedRevision;
    n += 1;
  }
  return { perSec: n / seconds(start), appends: n };
}

async function catchUp(store: SqliteEventStore) {
  const head = await store.headPosition();
  const subscription = store.subscribe({ fromPosition: 'start', maxBatchSize: 1000 });
  let count = 0;
  const start = process.hrtime.bigint();
  for await (const batch of subscription) {
    count += batch.events.length;
    if (batch.position >= head) break;
  }
  const rate = count / seconds(start);
  await subscription.close();
  return { perSec: rate, events: count };
}

async function main(): Promise<void> {
  const dir = benchFolder('bti-bench-');
  process.stdout.write(
    `event store benchmark: ${TOTAL.toLocaleString('en')} events, ${WRITERS} concurrent writers; the floor synchronous=FULL, the store NORMAL with its own fdatasync\n`,
  );
  const floor = floorBatchedInsert(join(dir, 'floor.sqlite'), TOTAL);
  process.stdout.write(`floorBatchedInsertPerSec  ${round(floor)}\n`);

  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
  const concurrent = await appendConcurrent(store, TOTAL);
  const stats = store.groupCommitStats();
  process.stdout.write(
    `appendConcurrentPerSec    ${round(concurrent.perSec)}  (${(concurrent.perSec / floor).toFixed(2)} of floor; p50 ${concurrent.p50.toFixed(2)} ms, p99 ${concurrent.p99.toFixed(2)} ms; ${(stats.writes / stats.groupCommits).toFixed(1)} appends per commit, ${(stats.writes / stats.syncs).toFixed(1)} per sync)\n`,
  );
  const sequential = await appendSequential(store, 20_000, 10);
  process.stdout.write(
    `appendSequentialPerSec    ${round(sequential.perSec)}  (${(sequential.perSec / floor).toFixed(3)} of floor; ${sequential.appends} appends, one fsync each)\n`,
  );
  const caught = await catchUp(store);
  process.stdout.write(
    `catchUpPerSec             ${round(caught.perSec)}  (${(caught.perSec / floor).toFixed(2)} of floor; ${caught.events} events from position 0)\n`,
  );
  await store.close();

  const results = {
    measuredAt: new Date().toISOString(),
    machine: { node: process.version, platform: process.platform, arch: process.arch },
    events: TOTAL,
    writers: WRITERS,
    floorBatchedInsertPerSec: round(floor),
    appendConcurrentPerSec: round(concurrent.perSec),
    appendConcurrentP50Ms: Number(concurrent.p50.toFixed(3)),
    appendConcurrentP99Ms: Number(concurrent.p99.toFixed(3)),
    appendsPerGroupCommit: Number((stats.writes / stats.groupCommits).toFixed(1)),
    appendSequentialPerSec: round(sequential.perSec),
    catchUpPerSec: round(caught.perSec),
    ratioToFloor: {
      appendConcurrent: Number((concurrent.perSec / floor).toFixed(3)),
      appendSequential: Number((sequential.perSec / floor).toFixed(4)),
      catchUp: Number((caught.perSec / floor).toFixed(3)),
    },
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'store.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`written to bench/results/store.json\n`);
}

void main();
