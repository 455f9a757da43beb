import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dateOf } from '@bti/domain';
import { SqliteEventStore } from '@bti/event-store';
import {
  logWithBarnehage,
  measureDecision,
  meetingWithDecisions,
} from '../support/meeting-scenario';
import { enrolledFamily } from '../support/scenario';
import { buildApi, exited, spawnApi } from '../support/spawned-api';
import { startTestApp } from '../support/test-app';

const DECISIONS = 120;

/** The API as its own process on the folder, with the sagas on. */
async function startApi(dataDir: string): Promise<ChildProcess> {
  return (await spawnApi(dataDir, { RUN_SAGAS: 'true' })).child;
}

/** MeasurePlanned events in the log, read from the file while the API runs. */
async function measuresIn(path: string, logId: string): Promise<string[]> {
  const store = new SqliteEventStore({ path });
  try {
    return (await store.readStream(`stafettlogg-${logId}`))
      .filter((event) => event.type === 'MeasurePlanned')
      .map((event) => (event.data as { measureId: string }).measureId);
  } catch {
    return [];
  } finally {
    await store.close();
  }
}

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the decision saga, killed in the middle and started again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bti-saga-crash-'));
  const children: ChildProcess[] = [];
  beforeAll(buildApi, 120_000);
  afterAll(async () => {
    for (const child of children) {
      child.kill('SIGKILL');
      await exited(child);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it(`carries each of ${DECISIONS} decisions into the log exactly once`, async () => {
    // Decisions recorded on a node that runs no saga: a backlog for the next node to carry out.
    const now = new Date();
    const today = dateOf(now.toISOString());
    const t = await startTestApp({ DATA_DIR: dir, RUN_SAGAS: 'false' });
    const s = await enrolledFamily(t);
    const logId = await logWithBarnehage(s, today);
    await meetingWithDecisions(
      s,
      logId,
      new Date(now.getTime() + 60_000).toISOString(),
      Array.from({ length: DECISIONS }, (_, i) =>
        measureDecision(logId, `Tiltak ${i + 1}`, addDays(today, 1)),
      ),
    );
    await t.app.close();
    const events = join(dir, 'events.sqlite');
    expect(await measuresIn(events, logId)).toEqual([]);

    const first = await startApi(dir);
    children.push(first);
    const before = await until(
      () => measuresIn(events, logId),
      (ids) => ids.length > 0,
      60_000,
    );
    first.kill('SIGKILL');
    await exited(first);
    const atKill = await measuresIn(events, logId);
    expect(before.length).toBeGreaterThan(0);
    expect(atKill.length).toBeLessThan(DECISIONS);

    const second = await startApi(dir);
    children.push(second);
    const after = await until(
      () => measuresIn(events, logId),
      (ids) => ids.length >= DECISIONS,
      60_000,
    );
    // Let a saga that would repeat itself have the time to do it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const settled = await measuresIn(events, logId);
    second.kill('SIGTERM');
    await exited(second);
    expect(after).toHaveLength(DECISIONS);
    expect(settled).toEqual(after);
    expect(new Set(settled).size).toBe(DECISIONS);
    expect(settled.slice(0, atKill.length)).toEqual(atKill);
  }, 180_000);
});
