import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { ApiClient, expectStatus } from '../support/api-client';
import { EsdbTestDouble } from '../support/esdb-double';
import { enrolledFamily, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

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
    // Node B: its own folder (read models, caches), the same event store and the same sign-in key.
    b = await startTestApp({
      ...store.env,
      SQLITE_EVENT_STORE_PATH: a.config.sqliteEventStorePath,
      DEV_ISSUER_KEY_PATH: a.config.devIssuerKeyPath,
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
    const body = {
      commandId,
      concernId: randomUUID(),
      familyId: s.familyId,
      subjectId: s.childId,
      kind: 'undring',
      summary: 'Sliten om morgenen',
    };
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
    const head = String(await store.headPosition());
    const list = expectStatus(await kariOnB.get('/concerns?limit=500', head), 200);
    const ids = (list.body.items as { id: string }[]).map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining(told));
    // Node B carries on alone.
    expectStatus(await motherOnB.get(`/families/${s.familyId}`, head), 200);
  });
});
