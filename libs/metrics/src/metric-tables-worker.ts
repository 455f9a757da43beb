/**
 * The metrics thread (`MetricTablesThread`): a read-only connection to the read-model file and a
 * `MetricsReader` on it, answering one request at a time until asked to close.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DomainRuleViolation } from '@bti/domain';
import type {
  FromMetricTablesThread,
  MetricTablesThreadData,
  ToMetricTablesThread,
} from './metric-tables-thread';
import { METRIC_FACTS } from './metric-facts';
import { MetricsReader, renderMetricTables } from './metrics-reader';

function serve(data: MetricTablesThreadData, port: NonNullable<typeof parentPort>): void {
  const db = new Database(data.path, { readonly: true, fileMustExist: true, timeout: 10_000 });
  const checkpoint = db.prepare<[string], { position: number }>(
    'SELECT position FROM checkpoints WHERE projection = ?',
  );
  const reader = new MetricsReader(
    db,
    () => BigInt(checkpoint.get(METRIC_FACTS)?.position ?? 0),
    data.minChildren,
  );
  const send = (message: FromMetricTablesThread) => port.postMessage(message);
  port.on('message', (message: ToMetricTablesThread) => {
    if (message.kind === 'close') {
      db.close();
      send({ kind: 'closed' });
      port.close();
      return;
    }
    const { id } = message;
    try {
      const now = new Date(message.now);
      const minPosition = BigInt(message.minPosition);
      const tables = message.queries.map((query) => reader.table(query, now, minPosition));
      send({ kind: 'rendered', id, text: renderMetricTables(tables, message.format) });
    } catch (error) {
      if (error instanceof DomainRuleViolation)
        send({
          kind: 'violation',
          id,
          code: String(error.code),
          message: error.message,
          details: error.details,
        });
      else
        send({ kind: 'failure', id, errorName: error instanceof Error ? error.name : 'unknown' });
    }
  });
}

const data = workerData as Partial<MetricTablesThreadData> | null;
if (!isMainThread && parentPort && data?.role === 'metric-tables')
  serve(data as MetricTablesThreadData, parentPort);
