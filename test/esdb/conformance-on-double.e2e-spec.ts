import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbEventStore, SqliteCommandLog } from '@bti/event-store';
import { describeEventStoreConformance } from '@bti/event-store/testing';
import { EsdbTestDouble } from '../support/esdb-double';

/** The whole event-store conformance suite, through the real client, against the gRPC double. */
describe('EventStoreDB adapter on the test double', () => {
  let double: EsdbTestDouble;
  const dir = mkdtempSync(join(tmpdir(), 'bti-esdb-double-'));
  const logs = new Map<EsdbEventStore, SqliteCommandLog>();
  beforeAll(async () => {
    double = await EsdbTestDouble.start();
  });
  afterAll(async () => {
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describeEventStoreConformance('esdb (test double)', {
    open: async () => {
      const commandLog = new SqliteCommandLog(join(dir, `command-log-${logs.size}.sqlite`));
      const store = new EsdbEventStore({
        connectionString: double.connectionString,
        commandCache: commandLog,
        resubscribeDelayMs: 50,
      });
      logs.set(store, commandLog);
      return store;
    },
    dispose: async (store) => {
      await store.close();
      logs.get(store as EsdbEventStore)?.close();
    },
  });
});
