import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DomainRuleViolation } from '@bti/domain';
import { ReadModelsRebuilding } from '@bti/read-models';
import { projectionSpec } from '@bti/read-models/testing';
import { METRICS } from './metric-catalogue';
import { MetricTablesThread, MetricTablesThreadFailed } from './metric-tables-thread';
import { METRIC_FACTS } from './metric-facts';
import { metricFactsProjection } from './metrics.projection';
import {
  MetricsReader,
  renderMetricTables,
  type Breakdown,
  type MetricQuery,
  type MetricTable,
} from './metrics-reader';
import { history } from './testing/hand-worked-history';

const NOW = new Date('2026-08-15T12:00:00.000Z');
const SCRIPT = join(__dirname, 'metric-tables-worker.ts');
const LOGS_OPENED_BY_YEAR = {
  metricId: 'logs_opened',
  areaLevel: 'all',
  period: 'year',
  by: 'none',
} as const;
/** Logs opened in 2026, as the first table answers: 2 in the hand-worked history. */
const in2026 = (tables: MetricTable[]) =>
  tables[0].cells.find((cell) => cell.period === '2026')?.value;

describe('metric tables on a thread of their own', () => {
  const spec = projectionSpec(metricFactsProjection);
  /** The history projected and the projection caught up, as the runner marks it once at the head. */
  const given = () => {
    const store = spec.given(history);
    store.db.prepare('UPDATE checkpoints SET rebuild_until = NULL').run();
    return store;
  };
  const threads: MetricTablesThread[] = [];
  const threadOn = (path: string, minChildren = 1, maxHeapMb?: number) => {
    const thread = new MetricTablesThread({
      path,
      minChildren,
      suppressionPath: ':memory:',
      script: SCRIPT,
      maxHeapMb,
    });
    threads.push(thread);
    return thread;
  };
  const tablesOf = async (
    thread: MetricTablesThread,
    queries: MetricQuery[],
    now = NOW,
  ): Promise<MetricTable[]> =>
    JSON.parse(await thread.render(queries, now, 0n, 'json-tables')) as MetricTable[];
  afterEach(async () => {
    await Promise.all(threads.splice(0).map((thread) => thread.letGo()));
  });

  it('answers every metric and breakdown as the reader on the API’s thread does', async () => {
    const store = given();
    const here = new MetricsReader(store.db, () => store.checkpoint(METRIC_FACTS), 3);
    const queries: MetricQuery[] = METRICS.flatMap((metric) =>
      (['none', 'ageBand', 'level', 'sector'] as Breakdown[]).map((by) => ({
        metricId: metric.id,
        areaLevel: 'municipality' as const,
        areaId: 'm',
        period: 'month' as const,
        by,
      })),
    );
    const thread = threadOn(store.path, 3);
    const tables = await tablesOf(thread, queries);
    const computedHere = queries.map((query) => here.table(query, NOW));
    expect(tables).toEqual(computedHere);
    expect(await thread.render(queries, NOW, 0n, 'csv')).toBe(
      renderMetricTables(computedHere, 'csv'),
    );
    expect(await thread.render(queries.slice(0, 1), NOW, 0n, 'json-table')).toBe(
      JSON.stringify(computedHere[0]),
    );
    // Suppression is the thread's too: three children needed, two in the history.
    expect(tables.some((table) => table.cells.some((cell) => cell.suppressed))).toBe(true);
  });

  it('says not found for a metric or an area it does not know, as the reader does', async () => {
    const thread = threadOn(given().path);
    const ask = (query: Partial<MetricQuery>) =>
      tablesOf(thread, [{ ...LOGS_OPENED_BY_YEAR, ...query }]);
    await expect(ask({ metricId: 'no_such_metric' })).rejects.toEqual(
      expect.objectContaining({ code: 'METRIC_NOT_FOUND' }),
    );
    await expect(ask({ areaLevel: 'county', areaId: 'Atlantis' })).rejects.toBeInstanceOf(
      DomainRuleViolation,
    );
    // The thread goes on answering after a refusal.
    expect(in2026(await ask({}))).toBe(2);
  });

  it('fails a request whose computation throws, and answers the next', async () => {
    const thread = threadOn(given().path);
    const query = LOGS_OPENED_BY_YEAR;
    await expect(
      tablesOf(thread, [{ ...query, by: 'no-such-breakdown' as Breakdown }]),
    ).rejects.toBeInstanceOf(MetricTablesThreadFailed);
    expect(await tablesOf(thread, [{ ...query, by: 'none' }])).toHaveLength(1);
  });

  it('ends a thread that outgrows its heap, failing its request, and the API’s process goes on', async () => {
    const path = given().path;
    await expect(tablesOf(threadOn(path, 1, 2), [LOGS_OPENED_BY_YEAR])).rejects.toThrow(
      /ERR_WORKER_OUT_OF_MEMORY/,
    );
    expect(in2026(await tablesOf(threadOn(path, 1, 256), [LOGS_OPENED_BY_YEAR]))).toBe(2);
  });

  it('lets the file go when the store closes, so the WAL goes with the last connection', async () => {
    const store = given();
    const thread = threadOn(store.path);
    store.holdsOwnConnection(thread);
    await tablesOf(thread, [LOGS_OPENED_BY_YEAR]);
    expect(existsSync(`${store.path}-wal`)).toBe(true);
    await store.closeWithOtherConnections();
    expect(existsSync(`${store.path}-wal`)).toBe(false);
  });

  it('holds what is asked while the file is let go, and answers it once the file is back', async () => {
    const store = given();
    const thread = threadOn(store.path);
    const query = LOGS_OPENED_BY_YEAR;
    await tablesOf(thread, [query]);
    await thread.letGo();
    let answered = false;
    const asked = tablesOf(thread, [query]).then((tables) => {
      answered = true;
      return tables;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    thread.mayOpenAgain();
    expect(in2026(await asked)).toBe(2);
  });

  it('asks a new thread what the one let go had not answered yet', async () => {
    const store = given();
    const thread = threadOn(store.path);
    const asked = tablesOf(thread, [LOGS_OPENED_BY_YEAR]);
    await thread.letGo();
    thread.mayOpenAgain();
    expect(in2026(await asked)).toBe(2);
  });

  it('refuses what waits, and what comes, once the store has closed', async () => {
    const store = given();
    const thread = threadOn(store.path);
    store.holdsOwnConnection(thread);
    const query = LOGS_OPENED_BY_YEAR;
    await tablesOf(thread, [query]);
    const closing = store.closeWithOtherConnections();
    const waiting = tablesOf(thread, [query]);
    await closing;
    await expect(waiting).rejects.toBeInstanceOf(MetricTablesThreadFailed);
    await expect(tablesOf(thread, [query])).rejects.toBeInstanceOf(MetricTablesThreadFailed);
  });

  it('refuses while the metric facts are being rebuilt: figures from part of the log mislead', async () => {
    const store = given();
    const thread = threadOn(store.path);
    const query = LOGS_OPENED_BY_YEAR;
    store.db
      .prepare('UPDATE checkpoints SET rebuild_until = 1 WHERE projection = ?')
      .run(METRIC_FACTS);
    await expect(tablesOf(thread, [query])).rejects.toBeInstanceOf(ReadModelsRebuilding);
    store.db
      .prepare('UPDATE checkpoints SET rebuild_until = NULL WHERE projection = ?')
      .run(METRIC_FACTS);
    expect(await tablesOf(thread, [query])).toHaveLength(1);
  });
});
