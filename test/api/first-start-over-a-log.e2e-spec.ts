import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { PROJECTION_RUNNER, type ProjectionRunner } from '@bti/read-models';
import { ApiClient, expectStatus } from '../support/api-client';
import { enrolledFamily, registeredFamily } from '../support/scenario';
import { startTestApp } from '../support/test-app';

interface Health {
  status: string;
  readModels: {
    rebuildBeside: { phase: string } | null;
    lastRebuildBeside: { builtIn: string } | null;
  };
  projections: { checkpoint: string; running: boolean; rebuilding: boolean }[];
}

describe('a first start over a log that has events, with no read models', () => {
  it('builds the read models in a child process, puts them in place, and then follows the log', async () => {
    // A log long enough (here: any) for the child process, as 50,000 events are by default.
    const env = { READ_MODEL_BUILD_IN_CHILD_FROM_EVENTS: '1' };
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
    // The read-model file is lost (a new node, a new disk): the log and the keys remain.
    await first.app.close();
    for (const name of readdirSync(first.dir))
      if (name.startsWith('read-models.sqlite')) rmSync(join(first.dir, name));

    const again = await startTestApp(env, undefined, first.dir);
    try {
      const kari = await ApiClient.as(again, {
        subject: 'staff-kari',
        role: 'staff',
        municipalityId: 'vestre-toten',
        serviceId: 'helsestasjon',
      });
      let health: Health | null = null;
      for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
        health = expectStatus(await kari.get('/health'), 200).body as unknown as Health;
        // While it builds, the empty read models standing still do not make the service degraded.
        if (health.readModels.rebuildBeside) expect(health.status).toBe('ok');
        if (health.readModels.lastRebuildBeside && health.projections.every((p) => p.running))
          break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(health?.readModels.lastRebuildBeside).toMatchObject({ builtIn: 'child_process' });
      expect(health?.projections.every((p) => !p.rebuilding)).toBe(true);
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
