import { fork } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { ALL_PROJECTIONS } from '@bti/projections';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { ApiClient, expectStatus } from '../support/api-client';
import { enrolledFamily, registeredFamily } from '../support/scenario';
import { OPERATOR, startTestApp, type TestApp } from '../support/test-app';

interface Health {
  status: string;
  readModels: {
    rebuildBeside: { phase: string } | null;
    lastRebuildBeside: {
      builtIn: string;
      child: {
        seconds: number;
        processes: number;
        projections: Record<string, { eventsHandled: number }>;
      } | null;
    } | null;
  };
  projections: { checkpoint: string; running: boolean; rebuilding: boolean }[];
}

/** Polls /health/details until a rebuild beside has put its file in place and every projection runs. */
async function builtAndRunning(
  client: ApiClient,
): Promise<{ health: Health | null; whileBuilding: string[] }> {
  let health: Health | null = null;
  const whileBuilding: string[] = [];
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    health = expectStatus(await client.get('/health/details'), 200).body as unknown as Health;
    if (health.readModels.rebuildBeside) whileBuilding.push(health.status);
    if (health.readModels.lastRebuildBeside && health.projections.every((p) => p.running)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { health, whileBuilding };
}

/** Starts the API again on the folder an earlier one left, without its read-model files. */
async function withoutReadModels(first: TestApp, env: Record<string, string>): Promise<TestApp> {
  await first.app.close();
  for (const name of readdirSync(first.dir))
    if (name.startsWith('read-models.sqlite')) rmSync(join(first.dir, name));
  return startTestApp(env, undefined, first.dir);
}

describe('a first start over a log that has events, with no read models', () => {
  it('builds the read models in two child processes, puts them in place — the same as built event by event — and then follows the log', async () => {
    // A log long enough (here: any) for the child processes, as 50,000 events are by default.
    const env = { READ_MODEL_BUILD_IN_CHILD_FROM_EVENTS: '1', READ_MODEL_BUILD_PROCESSES: '2' };
    const first = await startTestApp(env);
    const s = await enrolledFamily(first);
    const { familyId } = await registeredFamily(s.kari, {
      childName: 'Sigve Lyngstad',
      birthDate: '2017-03-14',
      guardianName: 'Ingrid Lyngstad',
      guardianSubject: 'idp|ingrid',
    });
    const store = first.app.get<EventStore>(EVENT_STORE);
    await first.app
      .get<ProjectionRunner>(PROJECTION_RUNNER)
      .waitForPosition(await store.headPosition(), 10_000);
    const seen = expectStatus(await s.kari.get(`/families/${familyId}`), 200).body;
    // Kari's read is in the access log: the read models as they are with it.
    await first.app
      .get<ProjectionRunner>(PROJECTION_RUNNER)
      .waitForPosition(await store.headPosition(), 10_000);
    const readModels = first.app.get<SqliteReadModelStore>(READ_MODEL_STORE);
    const incremental = ALL_PROJECTIONS.map((projection) => readModels.dumpProjection(projection));
    // The read-model file is lost (a new node, a new disk): the log and the keys remain.
    const again = await withoutReadModels(first, env);
    try {
      const kari = await ApiClient.as(again, {
        subject: 'staff-kari',
        role: 'staff',
        municipalityId: 'vestre-toten',
        serviceId: 'helsestasjon',
      });
      const { health, whileBuilding } = await builtAndRunning(
        await ApiClient.as(again, { subject: OPERATOR, role: 'operator' }),
      );
      // While it built (the child takes a second or two to start), the empty read models standing
      // still did not make the service degraded.
      expect(whileBuilding.length).toBeGreaterThan(0);
      expect(new Set(whileBuilding)).toEqual(new Set(['ok']));
      expect(health?.readModels.lastRebuildBeside).toMatchObject({ builtIn: 'child_process' });
      // The children's own account of their build: every event of the family's stream went through.
      const child = health?.readModels.lastRebuildBeside?.child;
      expect(child?.seconds).toBeGreaterThan(0);
      expect(child?.processes).toBe(2);
      expect(Object.keys(child?.projections ?? {}).sort()).toEqual(
        ALL_PROJECTIONS.map((projection) => projection.name).sort(),
      );
      expect(child?.projections.families.eventsHandled).toBeGreaterThan(0);
      expect(health?.projections.every((p) => !p.rebuilding)).toBe(true);
      const rebuilt = again.app.get<SqliteReadModelStore>(READ_MODEL_STORE);
      expect(ALL_PROJECTIONS.map((projection) => rebuilt.dumpProjection(projection))).toEqual(
        incremental,
      );
      // The share the second child wrote was merged, then overwritten and deleted.
      expect(readdirSync(again.dir).filter((name) => name.includes('.next'))).toEqual([]);
      expect(expectStatus(await kari.get(`/families/${familyId}`), 200).body).toEqual(seen);
      // And it follows the log from there.
      const next = await registeredFamily(kari, {
        childName: 'Mathea Lyngstad',
        birthDate: '2019-05-02',
        guardianName: 'Ingrid Lyngstad',
        guardianSubject: 'idp|ingrid-2',
      });
      const runner = again.app.get<ProjectionRunner>(PROJECTION_RUNNER);
      await runner.waitForPosition(
        await again.app.get<EventStore>(EVENT_STORE).headPosition(),
        10_000,
      );
      expectStatus(await kari.get(`/families/${next.familyId}`), 200);
    } finally {
      await again.close();
    }
  });
});

describe('a child process building the read models', () => {
  it('that runs out of its memory gives way to a build in the API’s process, which gives the same read models', async () => {
    // The demo's 24 children make read models of several megabytes; the child may hold one.
    const first = await startTestApp({ DEMO_SEED: 'true', DEMO_CHILDREN: '24' });
    const store = first.app.get<EventStore>(EVENT_STORE);
    await first.app
      .get<ProjectionRunner>(PROJECTION_RUNNER)
      .waitForPosition(await store.headPosition(), 30_000);
    const readModels = first.app.get<SqliteReadModelStore>(READ_MODEL_STORE);
    const collections = ['families', 'concerns', 'programmes'];
    const before = collections.map((c) => readModels.dumpCollection(c));
    expect(Object.keys(before[0]).length).toBeGreaterThan(10);
    const again = await withoutReadModels(first, {
      READ_MODEL_BUILD_IN_CHILD_FROM_EVENTS: '1',
      READ_MODEL_BUILD_MEMORY_MB: '1',
    });
    try {
      const operator = await ApiClient.as(again, { subject: OPERATOR, role: 'operator' });
      const { health } = await builtAndRunning(operator);
      expect(health?.readModels.lastRebuildBeside).toMatchObject({
        builtIn: 'api_process',
        child: null,
      });
      const rebuilt = again.app.get<SqliteReadModelStore>(READ_MODEL_STORE);
      expect(collections.map((c) => rebuilt.dumpCollection(c))).toEqual(before);
      expect(readdirSync(again.dir).filter((name) => name.includes('.next'))).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('ends as soon as the API that started it is gone', async () => {
    const child = fork(join(__dirname, '../../apps/api/src/read-model-build.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise((resolve) => child.once('message', resolve)); // ready
    // The channel closes as when the API dies: the child ends at once (code 1) instead of waiting.
    child.disconnect();
    expect(await exited).toBe(1);
  });
});
