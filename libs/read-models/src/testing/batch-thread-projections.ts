/**
 * The projections a test's projection thread serves (`ProjectionBatchThread` with this file as its
 * script): the same definitions on the test's thread and on the projection thread, so the two can
 * be compared. Events may carry `throwUnless` / `endThreadUnless`, the path of a file: while that file
 * is missing, the projection throws, or ends the thread it runs on, at that event; the test creates
 * the file to let it through.
 */
import { existsSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@bti/event-store';
import { documentProjection } from '../document-projection';
import type { Projection } from '../projection';
import { serveProjectionBatches } from '../projection-batch-worker';

interface Tally {
  readonly count: number;
  readonly sum: number;
  readonly lastRevision: string;
}

function obstacles(event: RecordedEvent): void {
  const { throwUnless, endThreadUnless } = event.data;
  if (typeof throwUnless === 'string' && !existsSync(throwUnless))
    throw new Error('held back by the test');
  // On the projection thread only: process.exit there ends the thread, not the process.
  if (typeof endThreadUnless === 'string' && !existsSync(endThreadUnless) && !isMainThread)
    process.exit(3);
}

export const TALLIES = documentProjection<Tally>({
  name: 'tallies',
  version: 1,
  collection: 'tallies',
  documentIds: (event) => [event.stream, 'all'],
  evolve: (tally, event) => {
    obstacles(event);
    const current = tally ?? { count: 0, sum: 0, lastRevision: '-1' };
    return {
      // Order-sensitive: a skipped, repeated or reordered event changes the result.
      count: current.count + 1,
      sum: current.sum * 3 + Number(event.data.n ?? 0),
      lastRevision: String(event.revision),
    };
  },
});

/** Rows per event, and a row saying on which thread the last batch was applied. */
export const EVENT_ROWS: Projection = {
  name: 'event-rows',
  version: 1,
  tables: ['event_rows', 'applied_on'],
  filter: { streamPrefixes: ['item-'] },
  schema: `
    CREATE TABLE IF NOT EXISTS event_rows (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, n INTEGER);
    CREATE TABLE IF NOT EXISTS applied_on (id INTEGER PRIMARY KEY, main_thread INTEGER NOT NULL);
  `,
  prepare(db: Database.Database) {
    const insert = db.prepare<[bigint, string, number]>(
      'INSERT INTO event_rows (position, stream, n) VALUES (?, ?, ?)',
    );
    const witness = db.prepare<[number]>(
      'INSERT INTO applied_on (id, main_thread) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET main_thread = excluded.main_thread',
    );
    const apply = (event: RecordedEvent) => {
      insert.run(event.position, event.stream, Number(event.data.n ?? 0));
      witness.run(isMainThread ? 1 : 0);
    };
    return apply;
  },
};

export const THREAD_TEST_PROJECTIONS: readonly Projection[] = [TALLIES, EVENT_ROWS];

serveProjectionBatches(THREAD_TEST_PROJECTIONS);
