import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCommandLog } from '../command-log';
import { describeEventStoreConformance } from '../testing/event-store-conformance';
import { EsdbEventStore } from './esdb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  const dir = mkdtempSync(join(tmpdir(), 'bti-esdb-'));
  const logs = new Map<EsdbEventStore, SqliteCommandLog>();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  describeEventStoreConformance(`esdb (${connectionString.replace(/\/\/[^@]*@/, '//')})`, {
    open: async () => {
      const commandLog = new SqliteCommandLog(join(dir, 'command-log.sqlite'));
      const store = new EsdbEventStore({
        connectionString,
        commandCache: commandLog,
        resubscribeDelayMs: 100,
      });
      logs.set(store, commandLog);
      return store;
    },
    dispose: async (store) => {
      await store.close();
      logs.get(store as EsdbEventStore)?.close();
    },
  });
} else {
  // One visible line, so a green run never hides that EventStoreDB was not exercised.
  process.stdout.write(
    'SKIPPED EventStoreDB conformance: EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB server here)\n',
  );
  describe('EventStore conformance: esdb', () => {
    it.skip('needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)', () =>
      undefined);
  });
}
