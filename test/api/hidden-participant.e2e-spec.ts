import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { ApiClient, expectStatus } from '../support/api-client';
import { enrolledFamily, openedLog, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

describe('child welfare takes part without other services learning it', () => {
  let t: TestApp;
  let s: Scenario;
  const now = new Date('2026-10-01T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    s = await enrolledFamily(t);
    expectStatus(
      await s.admin.post(`/municipalities/${s.municipalityId}/services`, {
        serviceId: 'barnevern',
        name: 'Barnevern',
        sector: 'barnevern',
      }),
      201,
    );
    expectStatus(
      await s.admin.post(`/municipalities/${s.municipalityId}/staff`, {
        staffId: 'staff-bv',
        serviceId: 'barnevern',
        displayName: 'BV',
        role: 'staff',
      }),
      201,
    );
  });
  afterAll(() => t.close());

  it('is seen by the services it shares a consent with, and by no other', async () => {
    const bv = await ApiClient.as(t, {
      subject: 'staff-bv',
      role: 'staff',
      municipalityId: s.municipalityId,
      serviceId: 'barnevern',
    });
    const { logId } = await openedLog(s, {
      validFrom: '2026-10-01',
      validUntil: '2027-09-30',
      level: 3,
      services: ['helsestasjon', 'barnehage'],
      categories: ['health', 'kindergarten_situation'],
    });
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/services`, { serviceId: 'barnehage' }),
      201,
    );
    // A separate consent between the family, the health visitor and child welfare.
    const secret = randomUUID();
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/consents`, {
        consentId: secret,
        scope: {
          services: ['helsestasjon', 'barnevern'],
          categories: ['child_welfare'],
          purpose: 'Samarbeid med barnevernet',
        },
      }),
      201,
    );
    expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/consents/${secret}/give`, {
        validFrom: '2026-10-01',
        validUntil: '2027-09-30',
      }),
      201,
    );
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/services`, {
        serviceId: 'barnevern',
        hidden: true,
      }),
      201,
    );
    const written = expectStatus(
      await bv.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'conversation',
        category: 'child_welfare',
        sharedWithGuardians: false,
        text: 'Oppfølging etter melding',
      }),
      201,
    );

    const byKari = expectStatus(
      await s.kari.get(`/stafettlogger/${logId}`, written.body.position),
      200,
    ).body as { services: { serviceId: string }[]; entries: { category: string }[] };
    expect(byKari.services.map((x) => x.serviceId)).toContain('barnevern');
    expect(byKari.entries.map((e) => e.category)).toContain('child_welfare');

    const byPer = expectStatus(await s.per.get(`/stafettlogger/${logId}`), 200).body as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(byPer)).not.toContain('barnevern');
    expect(JSON.stringify(byPer)).not.toContain('child_welfare');
    expect((byPer.consents as unknown[]).length).toBe(1);

    // And every event carries who did it.
    const events = await t.app.get<EventStore>(EVENT_STORE).readStream(`stafettlogg-${logId}`);
    const entry = events.find((e) => e.type === 'EntryAdded');
    expect(entry?.metadata).toMatchObject({
      actor: {
        subject: 'staff-bv',
        role: 'staff',
        municipalityId: s.municipalityId,
        serviceId: 'barnevern',
      },
      municipalityId: s.municipalityId,
      schemaVersion: 1,
    });
  });

  it('answers another municipality’s admin with 403', async () => {
    const foreignAdmin = await ApiClient.as(t, {
      subject: 'admin-siljan',
      role: 'admin',
      municipalityId: 'siljan',
    });
    expectStatus(
      await foreignAdmin.post(`/municipalities/${s.municipalityId}/services`, {
        serviceId: 'x-service',
        name: 'X',
        sector: 'annet',
      }),
      403,
      'NOT_YOUR_MUNICIPALITY',
    );
    expectStatus(
      await foreignAdmin.get(`/municipalities/${s.municipalityId}`),
      404,
      'MUNICIPALITY_NOT_FOUND',
    );
  });
});
