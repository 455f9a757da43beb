/**
 * The metrics thread (`MetricTablesThread`): a read-only connection to the read-model file and a
 * `MetricsReader` on it, answering one request at a time; ended by the API's thread.
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
import { MetricsReader } from './metrics-reader';
import { PublishedSuppression } from './published-suppression';

function serve(data: MetricTablesThreadData, port: NonNullable<typeof parentPort>): void {
  const db = new Database(data.path, { readonly: true, fileMustExist: true, timeout: 10_000 });
  const checkpoint = db.prepare<[string], { position: number }>(
    'SELECT position FROM checkpoints WHERE projection = ?',
  );
  const rebuilding = db.prepare<[string], { projection: string }>(
    'SELECT projection FROM checkpoints WHERE projection = ? AND rebuild_until IS NOT NULL',
  );
  const reader = new MetricsReader(
    db,
    () => BigInt(checkpoint.get(METRIC_FACTS)?.position ?? 0),
    data.minChildren,
    Date.now,
    new PublishedSuppression(data.suppressionPath),
  );
  // One read transaction per request: the facts, the checkpoint and the rows a cube reads are one
  // committed state, though the API's thread commits batches meanwhile.
  const answer = db.transaction((message: ToMetricTablesThread): FromMetricTablesThread => {
    if (rebuilding.get(METRIC_FACTS)) return { kind: 'rebuilding', id: message.id };
    const text = reader.render(
      message.queries,
      new Date(message.now),
      BigInt(message.minPosition),
      message.format,
    );
    return { kind: 'rendered', id: message.id, text };
  });
  const send = (message: FromMetricTablesThread) => port.postMessage(message);
  port.on('message', (message: ToMetricTablesThread) => {
    const { id } = message;
    try {
      send(answer(message));
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
