import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { StreamStates } from '@bti/command-handling';
import { familyDecider, familyStream } from '@bti/domain';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { ApiClient, expectStatus } from '../support/api-client';
import { EsdbTestDouble } from '../support/esdb-double';
import { concernAbout, enrolledFamily, registeredFamily, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';
import { valuesInFiles } from '../support/values-in-files';

/**
 * "API nodes are stateless and disposable": two API instances on one store, each with its own read
 * models and caches — on the embedded SQLite file (WAL lets both write) and on EventStoreDB (here the
 * gRPC test double; on a real server where EVENTSTORE_CONNECTION_STRING is set).
 */
const stores: [
  string,
  () => Promise<{ env: Record<string, string>; stop: () => Promise<void> }>,
][] = [
  ['sqlite (one shared file)', async () => ({ env: {}, stop: async () => undefined })],
  [
    'EventStoreDB (test double)',
    async () => {
      const double = await EsdbTestDouble.start();
      return {
        env: { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: double.connectionString },
        stop: () => double.close(),
      };
    },
  ],
];
if (process.env.EVENTSTORE_CONNECTION_STRING) {
  const connection = process.env.EVENTSTORE_CONNECTION_STRING;
  stores.push([
    'EventStoreDB (real server)',
    async () => ({
      env: { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: connection },
      stop: async () => undefined,
    }),
  ]);
}

describe.each(stores)('two API nodes on %s', (_, openStore) => {
  let a: TestApp;
  let b: TestApp;
  let stop: () => Promise<void>;
  let s: Scenario;
  let kariOnB: ApiClient;
  let motherOnB: ApiClient;

  beforeAll(async () => {
    const store = await openStore();
    stop = store.stop;
    a = await startTestApp(store.env);
    // Node B: its own folder (read models, caches), the same event store, key store and sign-in key.
    b = await startTestApp({
      ...store.env,
      SQLITE_EVENT_STORE_PATH: a.config.sqliteEventStorePath,
      KEY_STORE_PATH: a.config.keyStorePath,
      DEV_ISSUER_KEY_PATH: a.config.devIssuerKeyPath,
      // B applies its batches on the projection thread, as the built API does; A on its own thread.
      PROJECTION_THREAD: 'true',
    });
    s = await enrolledFamily(a, `m-${randomUUID().slice(0, 8)}`);
    kariOnB = await ApiClient.as(b, {
      subject: 'staff-kari',
      role: 'staff',
      municipalityId: s.municipalityId,
    });
    motherOnB = await ApiClient.as(b, { subject: 'idp|mor', role: 'guardian' });
  });
  afterAll(async () => {
    await b?.close();
    // Node A's folder holds the shared SQLite file: removed only once node B is gone too.
    if (a) rmSync(a.dir, { recursive: true, force: true });
    await stop?.();
  });

  it('answers a command retried on the other node with its first answer, and writes it once', async () => {
    const commandId = randomUUID();
    const body = concernAbout(s, { commandId });
    const first = expectStatus(await s.kari.post('/concerns', body), 201);
    const retried = expectStatus(await kariOnB.post('/concerns', body), 201);
    expect(retried.body).toEqual({ ...first.body, duplicate: true });
    expectStatus(
      await kariOnB.post('/concerns', { ...body, summary: 'Noe annet' }),
      422,
      'COMMAND_ID_REUSED',
    );
    const events = await b.app.get<EventStore>(EVENT_STORE).readStream(`concern-${body.concernId}`);
    expect(events.map((e) => e.type)).toEqual(['ConcernNoted']);
  });

  it('reads on one node what was written on the other, with minPosition', async () => {
    const guardianId = randomUUID();
    const written = expectStatus(
      await s.kari.post(`/families/${s.familyId}/guardians`, {
        guardianId,
        identitySubject: `idp|${guardianId}`,
        parentalResponsibility: false,
        name: 'Far',
      }),
      201,
    );
    const family = expectStatus(
      await kariOnB.get(`/families/${s.familyId}`, written.body.position),
      200,
    );
    expect(Object.keys(family.body.guardians as object)).toContain(guardianId);
  });

  it('erases on both: the other node forgets the key and rebuilds its read models without the family', async () => {
    const family = {
      childName: 'Ingeborg Tveitan-Rysstad',
      birthDate: '2019-04-17',
      guardianName: 'Sigvald Rysstad-Omdal',
      guardianSubject: `idp|${randomUUID()}`,
    };
    const { familyId } = await registeredFamily(s.kari, family);
    // Sealed by A, opened by B: the nodes share the key store, and so the positions' key.
    const head = await a.sealedHead();
    // Node B has read the family: its read models hold the names, its memory the key.
    const before = expectStatus(await kariOnB.get(`/families/${familyId}`, head), 200);
    expect(JSON.stringify(before.body)).toContain(family.guardianName);
    const statesOnB = b.app.get(StreamStates);
    const familyOnB = () => statesOnB.load(familyStream(familyId), familyDecider);
    expect(JSON.stringify((await familyOnB()).state)).toContain(family.guardianName);

    const body = { reasonCode: 'gdpr_article_17' };
    expectStatus(await s.admin.post(`/families/${familyId}/erasure`, body), 201);

    // Node B takes the erasure up by itself: its read models are rebuilt without the family.
    const readModels = b.app.get<SqliteReadModelStore>(READ_MODEL_STORE);
    const deadline = Date.now() + 30_000;
    while (readModels.erasuresNotTakenUp([familyId]).length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readModels.erasuresNotTakenUp([familyId])).toEqual([]);
    const after = expectStatus(await kariOnB.get(`/families/${familyId}`), 200).body as {
      erasedAt?: string;
      guardians: Record<string, { personal: { name: string | null } }>;
    };
    expect(after.erasedAt).toEqual(expect.any(String));
    expect(Object.values(after.guardians).map((g) => g.personal.name)).toEqual([null]);
    // Nor does node B's command side keep the family's state opened before the erasure.
    expect(JSON.stringify((await familyOnB()).state)).not.toContain(family.guardianName);
    // Nothing personal can be added on node B either.
    expectStatus(
      await kariOnB.post(`/families/${familyId}/guardians`, {
        guardianId: randomUUID(),
        identitySubject: `idp|${randomUUID()}`,
        parentalResponsibility: true,
        name: 'Ny Person',
      }),
      422,
      'FAMILY_ERASED',
    );
    // Node B's folder (its read models, their WAL) holds neither name any longer.
    await b.app
      .get<ProjectionRunner>(PROJECTION_RUNNER)
      .waitForPosition(await b.app.get<EventStore>(EVENT_STORE).headPosition(), 30_000);
    expect(valuesInFiles(b.dir, [family.childName, family.guardianName])).toEqual([]);
  });

  it('loses nothing a client was told when a node goes away', async () => {
    const told: string[] = [];
    for (let i = 0; i < 5; i++) {
      const concernId = randomUUID();
      expectStatus(
        await s.kari.post('/concerns', {
          concernId,
          familyId: s.familyId,
          subjectId: s.childId,
          kind: 'bekymring',
          summary: `Nr ${i}`,
        }),
        201,
      );
      told.push(concernId);
    }
    await a.app.close();
    const store = b.app.get<EventStore>(EVENT_STORE);
    for (const concernId of told)
      expect((await store.readStream(`concern-${concernId}`)).map((e) => e.type)).toEqual([
        'ConcernNoted',
      ]);
    const head = await b.sealedHead();
    const list = expectStatus(await kariOnB.get('/concerns?limit=500', head), 200);
    const ids = (list.body.items as { id: string }[]).map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining(told));
    // Node B carries on alone.
    expectStatus(await motherOnB.get(`/families/${s.familyId}`, head), 200);
  });
});
