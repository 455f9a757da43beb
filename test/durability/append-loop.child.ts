/**
 * Appends in a loop until killed, with several appends in flight so group commits carry many. After
 * each acknowledged append it prints `ack <commandId> <stream> <eventCount> <position>` on stdout
 * (a pipe: written synchronously on Linux, so a printed ack was acknowledged before any kill).
 */
import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { SqliteEventStore } from '@bti/event-store';
import { testMetadata } from '@bti/event-store/testing';

const path = process.argv[2];
const inFlight = Number(process.argv[3] ?? '16');
const store = new SqliteEventStore({ path });
let sequence = 0;

async function writer(): Promise<never> {
  for (;;) {
    const n = sequence++;
    const stream = `durable-${n % 37}`;
    const count = 1 + (n % 3);
    const commandId = randomUUID();
    const events = Array.from({ length: count }, (_, index) => ({
      type: 'DurabilityProbe',
      data: { n, index, of: count, text: 'x'.repeat(200) },
      metadata: testMetadata({ commandId }),
    }));
    const result = await store.append(stream, events, 'any', { commandId });
    writeSync(1, `ack ${commandId} ${stream} ${count} ${result.position}\n`);
  }
}

writeSync(1, 'ready\n');
for (let i = 0; i < inFlight; i++) void writer();
