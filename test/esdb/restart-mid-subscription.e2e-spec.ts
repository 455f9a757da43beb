import { execSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { EsdbEventStore } from '@bti/event-store';
import { testEvent } from '@bti/event-store/testing';
import { EsdbTestDouble } from '../support/esdb-double';
import { withTimeout } from '../support/with-timeout';

/**
 * A server that restarts while a subscription follows it: the subscription resubscribes from its last
 * position and misses nothing, repeats nothing. Runs against the test double always, and against a
 * real EventStoreDB when EVENTSTORE_CONNECTION_STRING and ESDB_RESTART_COMMAND (e.g. `docker restart
 * <container>`) are set — as the Docker CI does.
 */
const real = process.env.EVENTSTORE_CONNECTION_STRING && process.env.ESDB_RESTART_COMMAND;
const targets: [
  string,
  () => Promise<{ connection: string; restart: () => Promise<void>; stop: () => Promise<void> }>,
][] = [
  [
    'the test double',
    async () => {
      const double = await EsdbTestDouble.start();
      return {
        connection: double.connectionString,
        restart: () => double.restart(),
        stop: () => double.close(),
      };
    },
  ],
];
if (real) {
  targets.push([
    'a real EventStoreDB',
    async () => ({
      connection: process.env.EVENTSTORE_CONNECTION_STRING as string,
      restart: async () => {
        execSync(process.env.ESDB_RESTART_COMMAND as string, { stdio: 'inherit' });
      },
      stop: async () => undefined,
    }),
  ]);
} else {
  process.stdout.write(
    'SKIPPED restart of a real EventStoreDB: EVENTSTORE_CONNECTION_STRING and ESDB_RESTART_COMMAND are not set\n',
  );
}

describe.each(targets)('a restart of %s mid-subscription', (_, open) => {
  it('loses nothing and repeats nothing', async () => {
    const target = await open();
    const store = new EsdbEventStore({
      connectionString: target.connection,
      resubscribeDelayMs: 100,
    });
    const prefix = `restart-${randomUUID().slice(0, 8)}-`;
    const from = await store.headPosition();
    const subscription = store.subscribe({
      fromPosition: from,
      filter: { streamPrefixes: [prefix] },
    });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const batch of subscription) {
        seen.push(...batch.events.map((e) => e.stream));
        if (seen.length >= 60) return;
      }
    })();
    const append = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        for (let attempt = 0; ; attempt++) {
          try {
            await store.append(
              `${prefix}${String(i).padStart(3, '0')}`,
              [testEvent('A')],
              'no_stream',
            );
            break;
          } catch (error) {
            if (attempt > 50) throw error;
            await new Promise((resolve) => setTimeout(resolve, 200)); // the server is coming back
          }
        }
      }
    };
    await append(0, 30);
    await target.restart();
    await append(30, 60);
    await withTimeout(reading, 30_000, () => `the 60 events (${seen.length} arrived)`);
    await subscription.close();
    await store.close();
    await target.stop();
    expect(seen).toEqual(
      Array.from({ length: 60 }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`),
    );
  });
});
