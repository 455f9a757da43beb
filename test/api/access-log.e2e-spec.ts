import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { ApiClient, expectStatus } from '../support/api-client';
import { enrolledFamily, openedLog, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

interface AccessLogPage {
  items: {
    at: string;
    target: string;
    targetId: string;
    subjectId: string | null;
    reader: {
      role: string;
      serviceId: string | null;
      serviceName: string | null;
      name: string | null;
    };
  }[];
  nextCursor: string | null;
}

/** The day these tests live on: their dates (consents, pregnancies …) are written for it. */
const NOW = new Date('2026-06-01T08:00:00.000Z');
describe('the access log: who has looked at my child’s log', () => {
  let t: TestApp;
  let s: Scenario;
  let store: EventStore;
  let logId: string;
  beforeAll(async () => {
    t = await startTestApp({}, () => NOW);
    s = await enrolledFamily(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    ({ logId } = await openedLog(s, {
      validFrom: '2026-01-01',
      validUntil: '2027-12-31',
      level: 1,
    }));
  });
  afterAll(() => t.close());

  const accessLog = async (client: ApiClient, query = '') => {
    const res = expectStatus(await client.get(`/families/${s.familyId}/access-log${query}`), 200);
    return res.body as unknown as AccessLogPage;
  };

  it('records each read by staff as an event before answering, and none of the family’s own', async () => {
    const before = (await store.readStream(`access-log-${s.familyId}`).catch(() => [])).length;
    expectStatus(await s.kari.get(`/stafettlogger/${logId}`), 200);
    // On disk before the answer came back.
    const after = await store.readStream(`access-log-${s.familyId}`);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.data).toMatchObject({
      familyId: s.familyId,
      target: 'stafettlogg',
      targetId: logId,
      reader: { subject: 'staff-kari', role: 'staff', serviceId: 'helsestasjon' },
      consentActive: true,
      participating: true,
    });
    expectStatus(await s.mother.get(`/stafettlogger/${logId}`), 200);
    expectStatus(await s.mother.get(`/families/${s.familyId}/timeline`), 200);
    expect((await store.readStream(`access-log-${s.familyId}`)).length).toBe(before + 1);
  });

  it('shows the guardian every read, newest first, with the reader’s name and service, a page at a time', async () => {
    expectStatus(await s.kari.get(`/families/${s.familyId}/timeline`), 200);
    expectStatus(await s.kari.get(`/families/${s.familyId}`), 200);
    expectStatus(await s.kari.get(`/stafettlogger?familyId=${s.familyId}`), 200);
    const head = await t.sealedHead();
    const page = await accessLog(s.mother, `?minPosition=${head}`);
    expect(page.items.map((item) => item.target)).toEqual([
      'log_list',
      'family',
      'timeline',
      'stafettlogg',
    ]);
    expect(page.items[3]).toMatchObject({
      targetId: logId,
      reader: {
        role: 'staff',
        serviceId: 'helsestasjon',
        serviceName: 'helsestasjon',
        name: 'staff-kari',
      },
    });
    const first = await accessLog(s.mother, '?limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await accessLog(s.mother, `?limit=3&after=${first.nextCursor}`);
    expect(second.items.map((item) => item.target)).toEqual(['stafettlogg']);
    expect(second.nextCursor).toBeNull();
  });

  it('is the family’s alone: 404 to another family’s guardian and to one without parental responsibility, 403 to staff and analysts', async () => {
    const stranger = await ApiClient.as(t, { subject: 'idp|fremmed', role: 'guardian' });
    expectStatus(await stranger.get(`/families/${s.familyId}/access-log`), 404, 'FAMILY_NOT_FOUND');
    expectStatus(
      await s.kari.post(`/families/${s.familyId}/guardians`, {
        guardianId: randomUUID(),
        identitySubject: 'idp|far-uten',
        parentalResponsibility: false,
        name: 'Far',
      }),
      201,
    );
    const father = await ApiClient.as(t, { subject: 'idp|far-uten', role: 'guardian' });
    expectStatus(await father.get(`/families/${s.familyId}/access-log`), 404);
    expectStatus(await s.kari.get(`/families/${s.familyId}/access-log`), 403, 'ROLE_NOT_ALLOWED');
    const analyst = await ApiClient.as(t, { subject: 'a', role: 'analyst' });
    expectStatus(await analyst.get(`/families/${s.familyId}/access-log`), 403);
    expectStatus(await s.mother.get(`/families/not-a-uuid/access-log`), 400);
    expectStatus(await s.mother.get(`/families/${s.familyId}/access-log?limit=0`), 400);
    expectStatus(await s.mother.get(`/families/${s.familyId}/access-log?after=x&y=1`), 400);
  });

  it('lists for the leaders a person who reads more than 20 families in a day', async () => {
    const families: string[] = [];
    for (let i = 0; i < 22; i++) {
      const familyId = randomUUID();
      expectStatus(await s.per.post('/families', { familyId }), 201);
      families.push(familyId);
    }
    for (const familyId of families)
      expectStatus(await s.per.get(`/families/${familyId}/timeline`), 200);
    const head = await t.sealedHead();
    const anomalies = expectStatus(
      await s.admin.get(`/municipalities/${s.municipalityId}/access-anomalies?minPosition=${head}`),
      200,
    ).body as unknown as {
      items: { kind: string; familyId: string; reader: { subject: string } }[];
    };
    const many = anomalies.items.filter((item) => item.kind === 'MANY_FAMILIES_IN_A_DAY');
    expect(many.map((item) => item.familyId).sort()).toEqual(families.slice(20).sort());
    expect(many.every((item) => item.reader.subject === 'staff-per')).toBe(true);

    // Leaders of this municipality only; analysts see aggregates, not who read what.
    expectStatus(await s.kari.get(`/municipalities/${s.municipalityId}/access-anomalies`), 403);
    const analyst = await ApiClient.as(t, {
      subject: 'a2',
      role: 'analyst',
      municipalityId: s.municipalityId,
    });
    expectStatus(await analyst.get(`/municipalities/${s.municipalityId}/access-anomalies`), 403);
    const otherAdmin = await ApiClient.as(t, {
      subject: 'admin-other',
      role: 'admin',
      municipalityId: 'other-town',
    });
    expectStatus(await otherAdmin.get(`/municipalities/${s.municipalityId}/access-anomalies`), 404);
  });
});
