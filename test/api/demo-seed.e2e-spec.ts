import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@bti/config';
import {
  deterministicUuid,
  EVENT_STORE,
  type EventStore,
  POSITION_TOKENS,
  type PositionTokens,
} from '@bti/event-store';
import { DevIssuer } from '@bti/access';
import request from 'supertest';
import { createApp } from '../../apps/api/src/create-app';
import { testEvent } from '@bti/event-store/testing';
import { EsdbTestDouble } from '../support/esdb-double';

describe('the demo municipality on first start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bti-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = loadConfig({ DATA_DIR: dir, NODE_ENV: 'development', LOG_LEVEL: 'silent' });

  it('is seeded through the real commands, once, and readable by its staff and family', async () => {
    expect(config.demoSeed).toBe(true);
    const app = await createApp(config);
    await app.getHttpAdapter().getInstance().ready();
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    expect(head).toBeGreaterThan(30n);
    const issuer = await DevIssuer.open(config.devIssuerKeyPath, config.nodeEnv);
    const as = async (claims: Parameters<DevIssuer['issue']>[0]) =>
      `Bearer ${await issuer.issue(claims)}`;
    const http = request(app.getHttpServer());

    const municipality = await http
      .get('/municipalities/vestre-toten')
      .query({ minPosition: app.get<PositionTokens>(POSITION_TOKENS).seal(head) })
      .set(
        'Authorization',
        await as({ subject: 'admin-vestre-toten', role: 'admin', municipalityId: 'vestre-toten' }),
      )
      .expect(200);
    expect(Object.keys(municipality.body.services)).toHaveLength(7);

    const familyId = deterministicUuid('demo-seed', 'family-nordmann');
    const logs = await http
      .get('/stafettlogger')
      .query({ familyId })
      .set(
        'Authorization',
        await as({
          subject: 'staff-kari',
          role: 'staff',
          municipalityId: 'vestre-toten',
          serviceId: 'helsestasjon-raufoss',
        }),
      )
      .expect(200);
    expect(logs.body.items).toMatchObject([
      { document: { status: 'open', level: 2, stafettholder: { staffId: 'staff-kari' } } },
    ]);
    const seenByMother = await http
      .get(`/stafettlogger/${logs.body.items[0].id as string}`)
      .set('Authorization', await as({ subject: 'idp|demo-mor', role: 'guardian' }))
      .expect(200);
    expect(seenByMother.body.entries).toHaveLength(2);

    // The twelve pilot municipalities, with families whose histories fill the metrics and start pages.
    const opened = await http
      .get('/metrics/logs_opened')
      .query({
        period: 'year',
        area: 'county',
        minPosition: app.get<PositionTokens>(POSITION_TOKENS).seal(head),
      })
      .set('Authorization', await as({ subject: 'evaluator', role: 'analyst' }))
      .expect(200);
    const counties = new Set((opened.body.cells as { areaId: string }[]).map((c) => c.areaId));
    expect([...counties].sort()).toEqual(['Innlandet', 'Trøndelag', 'Vestfold og Telemark']);
    expect((opened.body.cells as { value: number | null }[]).some((c) => (c.value ?? 0) >= 5)).toBe(
      true,
    );
    const children = await http
      .get('/me/children')
      .set('Authorization', await as({ subject: 'idp|trondheim-0-foresatt', role: 'guardian' }))
      .expect(200);
    expect(children.body.children).toHaveLength(1);
    // Staff reads went into the families' access logs; nothing else was written since the seed.
    const afterReads = await app.get<EventStore>(EVENT_STORE).headPosition();
    await app.close();

    // A second start writes nothing new.
    const again = await createApp(config);
    expect(await again.get<EventStore>(EVENT_STORE).headPosition()).toBe(afterReads);
    await again.close();
  });

  it('leaves a log with real data alone', async () => {
    const other = mkdtempSync(join(tmpdir(), 'bti-demo-real-'));
    try {
      const realConfig = loadConfig({
        DATA_DIR: other,
        NODE_ENV: 'development',
        LOG_LEVEL: 'silent',
        DEMO_SEED: 'true',
      });
      const first = await createApp({ ...realConfig, demoSeed: false });
      await first
        .get<EventStore>(EVENT_STORE)
        .append('real-1', [testEvent('SomethingReal')], 'no_stream');
      await first.close();
      const app = await createApp(realConfig);
      expect(await app.get<EventStore>(EVENT_STORE).headPosition()).toBe(1n);
      await app.close();
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('is seeded on EventStoreDB, whose log starts with the server’s own system events', async () => {
    const double = await EsdbTestDouble.start();
    const other = mkdtempSync(join(tmpdir(), 'bti-demo-esdb-'));
    try {
      expect(double.headPosition).toBeGreaterThan(0n); // the node's $epoch-information
      const app = await createApp(
        loadConfig({
          DATA_DIR: other,
          NODE_ENV: 'development',
          LOG_LEVEL: 'silent',
          EVENT_STORE: 'esdb',
          EVENTSTORE_CONNECTION_STRING: double.connectionString,
          DEMO_CHILDREN: '12',
        }),
      );
      const store = app.get<EventStore>(EVENT_STORE);
      expect(await store.commandResult(deterministicUuid('demo-seed', 'enrol'))).not.toBeNull();
      await app.close();
    } finally {
      await double.close();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
