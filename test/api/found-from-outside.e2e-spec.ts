import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { ApiClient, expectStatus } from '../support/api-client';
import {
  logWithBarnehage,
  meetingWithDecisions,
  scheduleVideoMeeting,
} from '../support/meeting-scenario';
import {
  concernAbout,
  enrolledFamily,
  openedLog,
  registeredFamily,
  registeredStaff,
  type Scenario,
} from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/** Defects a stranger's requests found in the case core, each with the test that would have caught it. */
describe('what a stranger found, fixed', () => {
  let t: TestApp;
  let s: Scenario;
  let store: EventStore;
  let logId: string;
  const now = new Date('2026-10-01T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    s = await enrolledFamily(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    logId = await logWithBarnehage(s, '2026-10-01');
  });
  afterAll(() => t.close());

  const entry = (overrides: Record<string, unknown> = {}) => ({
    entryId: randomUUID(),
    kind: 'observation',
    category: 'health',
    sharedWithGuardians: true,
    text: 'Veid og målt',
    ...overrides,
  });

  describe('a reused commandId on the same stream', () => {
    it.each([
      ['another entry text', { text: 'Noe helt annet' }],
      ['another entryId', { entryId: randomUUID() }],
      ['another category', { category: 'kindergarten_situation' }],
    ])('carrying %s is refused, not answered as a duplicate', async (_, change) => {
      const commandId = randomUUID();
      const body = entry();
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, { commandId, ...body }),
        201,
      );
      const head = await store.headPosition();
      const reused = await s.kari.post(`/stafettlogger/${logId}/entries`, {
        commandId,
        ...body,
        ...change,
      });
      expectStatus(reused, 422, 'COMMAND_ID_REUSED');
      expect(await store.headPosition()).toBe(head);
    });

    it('for another command on the same log is refused', async () => {
      const commandId = randomUUID();
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, { commandId, ...entry() }),
        201,
      );
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/level`, { commandId, level: 3, reason: 'r' }),
        422,
        'COMMAND_ID_REUSED',
      );
    });

    const concern = (commandId: string, concernId = randomUUID()) =>
      concernAbout(s, { commandId, concernId });

    it('recorded without a fingerprint (written in bulk, as the demo is) answers nobody its first answer', async () => {
      const concernId = randomUUID();
      expectStatus(await s.kari.post('/concerns', concern(randomUUID(), concernId)), 201);
      const [noted] = await store.readStream(`concern-${concernId}`);
      // The same event on a stream of its own, appended as the demo's writer does: an id, no fingerprint.
      const bulkConcern = randomUUID();
      const bulkCommand = randomUUID();
      const { commandFingerprint: _fingerprint, recordedAt: _at, ...metadata } = noted.metadata;
      await store.append(
        `concern-${bulkConcern}`,
        [
          {
            type: noted.type,
            data: { ...noted.data, concernId: bulkConcern },
            metadata: { ...metadata, commandId: bulkCommand, correlationId: bulkCommand },
          },
        ],
        'no_stream',
        { commandId: bulkCommand },
      );
      const head = await store.headPosition();
      const decision = { commandId: bulkCommand, outcome: 'involve_others', reason: 'Flere' };
      // The concern's own service is told the id was used; another, who may not know it, gets 404.
      for (const [sender, status, code] of [
        [s.kari, 422, 'COMMAND_ID_REUSED'],
        [s.per, 404, 'CONCERN_NOT_FOUND'],
      ] as const) {
        const answer = await sender.post(`/concerns/${bulkConcern}/decision`, decision);
        expectStatus(answer, status, code);
        expect(answer.body).not.toHaveProperty('revision');
      }
      expect(await store.headPosition()).toBe(head);
    });

    it('sent to a log the sender may not know answers 404, not that the id was used', async () => {
      const commandId = randomUUID();
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, { commandId, ...entry() }),
        201,
      );
      const stranger = (await enrolledFamily(t, `m-${randomUUID().slice(0, 8)}`)).kari;
      for (const log of [logId, randomUUID()])
        expectStatus(
          await stranger.post(`/stafettlogger/${log}/entries`, { commandId, ...entry() }),
          404,
          'STAFETTLOGG_NOT_FOUND',
        );
    });

    it('replayed by a stranger, naming another municipality’s family, answers the 404 a new id gets', async () => {
      const commandId = randomUUID();
      const body = concern(commandId);
      expectStatus(await s.kari.post('/concerns', body), 201);
      const elsewhere = `m-${randomUUID().slice(0, 8)}`;
      await enrolledFamily(t, elsewhere);
      const [stranger] = await registeredStaff(t, elsewhere, [
        { subject: 'staff-eva', serviceId: 'helsestasjon' },
      ]);
      const head = await store.headPosition();
      const fresh = expectStatus(
        await stranger.post('/concerns', { ...body, commandId: randomUUID() }),
        404,
      );
      expectStatus(await stranger.post('/concerns', body), 404, String(fresh.body.code));
      expect(await store.headPosition()).toBe(head);
    });

    it('for the same command on another stream is refused, and nothing is written there', async () => {
      const commandId = randomUUID();
      const second = randomUUID();
      expectStatus(await s.kari.post('/concerns', concern(commandId)), 201);
      expectStatus(
        await s.kari.post('/concerns', concern(commandId, second)),
        422,
        'COMMAND_ID_REUSED',
      );
      expect(await store.readStream(`concern-${second}`).catch(() => [])).toEqual([]);
    });

    it('for the same command on two streams at once is refused for the one that comes second', async () => {
      const commandId = randomUUID();
      const answers = await Promise.all([
        s.kari.post('/concerns', concern(commandId)),
        s.kari.post('/concerns', concern(commandId)),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 422]);
      expect(answers.find((answer) => answer.status === 422)?.body.code).toBe('COMMAND_ID_REUSED');
    });

    it('replayed by another staff member is refused, not answered with the first person’s result', async () => {
      const commandId = randomUUID();
      const body = entry({ category: 'kindergarten_situation' });
      expectStatus(
        await s.per.post(`/stafettlogger/${logId}/entries`, { commandId, ...body }),
        201,
      );
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, { commandId, ...body }),
        422,
        'COMMAND_ID_REUSED',
      );
    });

    it('sent again unchanged answers with the first answer itself, even with its keys reordered', async () => {
      const commandId = randomUUID();
      const body = entry();
      const first = expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, { commandId, ...body }),
        201,
      );
      const reordered = Object.fromEntries(Object.entries({ commandId, ...body }).reverse());
      const again = expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, reordered),
        201,
      );
      expect(first.body).toMatchObject({ duplicate: false, events: ['EntryAdded'] });
      expect(again.body).toEqual({ ...first.body, duplicate: true });
      expect(again.headers.etag).toBe(first.headers.etag);
    });

    it('takes an id in capitals as the same id, in a body or a path (a UUID has no case)', async () => {
      const entryId = randomUUID();
      expectStatus(await s.kari.post(`/stafettlogger/${logId}/entries`, entry({ entryId })), 201);
      expectStatus(
        await s.kari.post(
          `/stafettlogger/${logId}/entries`,
          entry({ entryId: entryId.toUpperCase() }),
        ),
        422,
        'ENTRY_EXISTS',
      );
      expectStatus(
        await s.kari.post(`/families/${s.familyId}/subjects`, {
          subjectId: s.childId.toUpperCase(),
          kind: 'pregnancy',
          name: 'Baby',
          expectedBirthDate: '2027-01-01',
        }),
        422,
        'SUBJECT_EXISTS',
      );
      const read = expectStatus(await s.kari.get(`/stafettlogger/${logId.toUpperCase()}`), 200);
      expect(read.body.logId).toBe(logId);
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId.toUpperCase()}/entries`, entry()),
        201,
      );
    });

    it('refuses an entry of nothing but invisible characters as it refuses an empty one', async () => {
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, entry({ text: '\u200b \u200b' })),
        422,
        'TEXT_REQUIRED',
      );
    });

    it('keeps a name in one Unicode form, however it was typed', async () => {
      const subjectId = randomUUID();
      const typedOnAMac = 'Åse Ødegård'.normalize('NFD');
      expectStatus(
        await s.kari.post(`/families/${s.familyId}/subjects`, {
          subjectId,
          kind: 'pregnancy',
          name: typedOnAMac,
          expectedBirthDate: '2027-01-01',
        }),
        201,
      );
      const family = expectStatus(await s.kari.get(`/families/${s.familyId}`), 200);
      const names = JSON.stringify(family.body);
      expect(names).toContain('Åse Ødegård'.normalize('NFC'));
      expect(names).not.toContain(typedOnAMac);
    });

    it('sent again with its commandId in capitals is the same command (a UUID has no case)', async () => {
      const commandId = randomUUID();
      const body = entry();
      const first = expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, { commandId, ...body }),
        201,
      );
      const again = expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, {
          commandId: commandId.toUpperCase(),
          ...body,
        }),
        201,
      );
      expect(again.body).toEqual({ ...first.body, duplicate: true });
    });

    it('that answered a rule violation the first time is decided again (nothing was written)', async () => {
      const commandId = randomUUID();
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, {
          commandId,
          ...entry({ text: ' ' }),
        }),
        422,
        'TEXT_REQUIRED',
      );
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, { commandId, ...entry() }),
        201,
      );
    });
  });

  /** An entry shared with the family, then a minute later the barnehage's internal one. */
  async function sharedThenInternal(onLog: string) {
    const shared = expectStatus(
      await s.kari.post(`/stafettlogger/${onLog}/entries`, entry({ text: 'Delt med familien' })),
      201,
    );
    now.setTime(now.getTime() + 60_000);
    const internal = expectStatus(
      await s.per.post(
        `/stafettlogger/${onLog}/entries`,
        entry({ category: 'kindergarten_situation', sharedWithGuardians: false, text: 'Internt' }),
      ),
      201,
    );
    return { shared, internal };
  }

  it('keeps internal entries out of every field of the guardian’s view', async () => {
    const { shared, internal } = await sharedThenInternal(logId);
    const staffView = expectStatus(
      await s.kari.get(`/stafettlogger/${logId}`, internal.body.position),
      200,
    );
    const mothers = expectStatus(
      await s.mother.get(`/stafettlogger/${logId}`, internal.body.position),
      200,
    );
    const body = mothers.body as {
      entries: { entryId: string; sharedWithGuardians: boolean }[];
      history: { type: string; serviceId: string | null; at: string }[];
      lastActivityAt: string;
    };
    expect(body.entries.every((e) => e.sharedWithGuardians)).toBe(true);
    const entryItems = body.history.filter((h) => h.type === 'EntryAdded');
    expect(entryItems).toHaveLength(body.entries.length);
    expect(JSON.stringify(body)).not.toContain('Internt');
    // The last activity the family sees is the last thing shared with them, not the internal entry.
    const internalAt = new Date(now).toISOString();
    expect(body.lastActivityAt < internalAt).toBe(true);
    expect((staffView.body as { lastActivityAt: string }).lastActivityAt).toBe(internalAt);
    expect(shared.body.position).toBeDefined();
    // The family's log list shows the same last activity.
    const list = expectStatus(await s.mother.get(`/stafettlogger?familyId=${s.familyId}`), 200);
    const items = list.body.items as { document: { lastActivityAt: string } }[];
    expect(items[0].document.lastActivityAt).toBe(body.lastActivityAt);
  });

  it('keeps internal entries out of every field of the young person’s view of their own log', async () => {
    // A family of its own with a young person old enough for a sign-in (the scenario's child is 6).
    const young = await registeredFamily(s.kari, {
      childName: 'Ola',
      birthDate: '2012-05-01',
      guardianName: 'Far',
      guardianSubject: 'idp|far-til-ola',
    });
    const father = await ApiClient.as(t, { subject: 'idp|far-til-ola', role: 'guardian' });
    const ownLogId = await logWithBarnehage(
      { ...s, ...young, motherId: young.guardianId, mother: father },
      '2026-10-01',
    );
    const { internal } = await sharedThenInternal(ownLogId);
    const fathers = expectStatus(
      await father.get(`/stafettlogger/${ownLogId}`, internal.body.position),
      200,
    ).body as { lastActivityAt: string };
    // The young person reads the same shared view as their guardian.
    const linked = expectStatus(
      await s.kari.post(`/families/${young.familyId}/subjects/${young.childId}/identity`, {
        identitySubject: 'idp|ola',
      }),
      201,
    );
    const ola = await ApiClient.as(t, { subject: 'idp|ola', role: 'youth' });
    const own = expectStatus(await ola.get(`/stafettlogger/${ownLogId}`, linked.body.position), 200)
      .body as {
      entries: unknown[];
      history: { type: string }[];
      lastActivityAt: string;
    };
    expect(JSON.stringify(own)).not.toContain('Internt');
    expect(own.entries).toHaveLength(1);
    expect(own.history.filter((h) => h.type === 'EntryAdded')).toHaveLength(own.entries.length);
    expect(own.lastActivityAt).toBe(fathers.lastActivityAt);
    expect(own.lastActivityAt < new Date(now).toISOString()).toBe(true);
  });

  it('answers a service named only in a withdrawn consent the same on GET and POST', async () => {
    const { logId: other, consentId } = await openedLog(s, {
      validFrom: '2026-10-01',
      validUntil: '2027-09-30',
      level: 2,
      services: ['helsestasjon', 'barnehage'],
      categories: ['kindergarten_situation'],
    });
    expectStatus(
      await s.mother.post(`/stafettlogger/${other}/consents/${consentId}/withdraw`),
      201,
    );
    const read = await s.per.get(`/stafettlogger/${other}`);
    const write = await s.per.post(
      `/stafettlogger/${other}/entries`,
      entry({ category: 'kindergarten_situation' }),
    );
    expectStatus(read, 422, 'CONSENT_REQUIRED');
    expectStatus(write, 422, 'CONSENT_REQUIRED');
    // A service the log never named may not know it exists: 404 on both.
    const [nav] = await registeredStaff(t, s.municipalityId, [
      { subject: 'staff-nav', serviceId: 'nav' },
    ]);
    expectStatus(await nav.get(`/stafettlogger/${other}`), 404, 'STAFETTLOGG_NOT_FOUND');
    expectStatus(
      await nav.post(`/stafettlogger/${other}/entries`, entry()),
      404,
      'STAFETTLOGG_NOT_FOUND',
    );
  });

  it('refuses a taken family id with one answer, whichever municipality holds it', async () => {
    const [siljan] = await registeredStaff(t, 'siljan', [
      { subject: 'staff-siljan', serviceId: 'skole' },
    ]);
    const fromElsewhere = await siljan.post('/families', { familyId: s.familyId });
    const fromHome = await s.kari.post('/families', { familyId: s.familyId });
    expectStatus(fromElsewhere, 422, 'FAMILY_ID_TAKEN');
    expectStatus(fromHome, 422, 'FAMILY_ID_TAKEN');
    expect(fromElsewhere.body).toEqual(fromHome.body);
  });

  it('refuses a staff token whose subject the register does not know, whatever service it claims', async () => {
    const pretender = await ApiClient.as(t, {
      subject: 'staff-pretender',
      role: 'staff',
      municipalityId: s.municipalityId,
      serviceId: 'helsestasjon',
    });
    expectStatus(await pretender.get(`/stafettlogger/${logId}`), 403, 'STAFF_NOT_REGISTERED');
    expectStatus(
      await pretender.post(`/stafettlogger/${logId}/entries`, entry()),
      403,
      'STAFF_NOT_REGISTERED',
    );
  });

  describe('the staff register endpoints, tried by the wrong people and with odd values', () => {
    it('refuses another municipality’s admin (403), staff (403), and an unknown or empty staffId', async () => {
      const [siljanStaff] = await registeredStaff(t, 'siljan', [
        { subject: 'staff-siljan-2', serviceId: 'skole' },
      ]);
      const siljanAdmin = await ApiClient.as(t, {
        subject: 'admin-siljan',
        role: 'admin',
        municipalityId: 'siljan',
      });
      const path = `/municipalities/${s.municipalityId}/staff/deactivate`;
      expectStatus(
        await siljanAdmin.post(path, { staffId: 'staff-per' }),
        403,
        'NOT_YOUR_MUNICIPALITY',
      );
      expectStatus(await siljanStaff.post(path, { staffId: 'staff-per' }), 403, 'ROLE_NOT_ALLOWED');
      expectStatus(await s.kari.post(path, { staffId: 'staff-per' }), 403, 'ROLE_NOT_ALLOWED');
      expectStatus(await s.admin.post(path, { staffId: 'nobody' }), 422, 'STAFF_NOT_FOUND');
      const empty = await s.admin.post(path, { staffId: '' });
      expectStatus(empty, 400, 'VALIDATION_FAILED');
      expect(empty.body.fields).toEqual([expect.objectContaining({ field: 'staffId' })]);
      expectStatus(
        await s.admin.post('/municipalities/Not A Slug/staff/deactivate', { staffId: 'x' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('answers a replayed deactivation with its first answer and a reused id with COMMAND_ID_REUSED', async () => {
      await registeredStaff(t, s.municipalityId, [
        { subject: 'staff-temp', serviceId: 'barnehage' },
      ]);
      const commandId = randomUUID();
      const path = `/municipalities/${s.municipalityId}/staff/deactivate`;
      const first = expectStatus(
        await s.admin.post(path, { commandId, staffId: 'staff-temp' }),
        201,
      );
      const again = expectStatus(
        await s.admin.post(path, { commandId, staffId: 'staff-temp' }),
        201,
      );
      expect(again.body).toEqual({ ...first.body, duplicate: true });
      expectStatus(
        await s.admin.post(`/municipalities/${s.municipalityId}/staff/reactivate`, {
          commandId,
          staffId: 'staff-temp',
        }),
        422,
        'COMMAND_ID_REUSED',
      );
    });
  });

  it('files a guardian’s events under the log’s municipality, so its admin counts them', async () => {
    const events = await store.readStream(`stafettlogg-${logId}`);
    const given = events.find((e) => e.type === 'ConsentGiven');
    expect(given?.metadata).toMatchObject({
      municipalityId: s.municipalityId,
      actor: { role: 'guardian', municipalityId: null },
    });
    const stats = expectStatus(
      await s.admin.get('/admin/event-types?limit=500', await t.sealedHead()),
      200,
    );
    const items = stats.body.items as { id: string }[];
    expect(items.map((i) => i.id)).toContain(`${s.municipalityId}/ConsentGiven`);
  });

  it('names a malformed id in the path like any invalid field', async () => {
    const res = await s.kari.post('/stafettlogger/not-a-uuid/measures/also-not/start', {
      startedOn: '2026-10-01',
    });
    expectStatus(res, 400, 'VALIDATION_FAILED');
    expect(res.body.fields).toEqual([
      { field: 'logId', reasons: ['logId must be a UUID'] },
      { field: 'measureId', reasons: ['measureId must be a UUID'] },
    ]);
  });

  it('names a malformed id in a read’s path like any invalid field, whoever asks', async () => {
    const document = (await request(t.server()).get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
    };
    // Ids a municipality chooses itself (slugs) are not UUIDs; every other id in a path is.
    const slugs = new Set(['municipalityId', 'metricId']);
    const reads = Object.entries(document.paths).flatMap(([path, operations]) => {
      const ids = (operations.get?.parameters ?? [])
        .filter((p) => p.in === 'path' && !slugs.has(p.name))
        .map((p) => p.name);
      return ids.length > 0 ? [{ path, ids }] : [];
    });
    expect(reads.length).toBeGreaterThanOrEqual(14);
    for (const { path, ids } of reads) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) =>
        ids.includes(name) ? 'not-a-uuid' : s.municipalityId,
      );
      for (const client of [s.kari, s.mother, s.admin]) {
        const res = await client.get(url);
        // A role the route does not serve is refused first (403); every other caller hears which id.
        if (res.status === 403) continue;
        expect({ url, status: res.status, code: res.body.code }).toEqual({
          url,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
        const fields = res.body.fields as { field: string; reasons: string[] }[];
        expect(ids).toContain(fields[0].field);
        expect(fields[0].reasons).toEqual([`${fields[0].field} must be a UUID`]);
      }
    }
  });

  it('refuses a cursor a list never returned, and follows the ones it did to the end', async () => {
    const document = (await request(t.server()).get('/docs/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
    };
    const lists = Object.entries(document.paths).filter(([, operations]) =>
      (operations.get?.parameters ?? []).some((p) => p.in === 'query' && p.name === 'after'),
    );
    expect(lists.length).toBeGreaterThanOrEqual(10);
    const refused = new Set<string>();
    for (const [path, operations] of lists) {
      const byFamily = (operations.get?.parameters ?? []).some(
        (p) => p.in === 'query' && p.name === 'familyId',
      );
      const url = `${path
        .replace('{municipalityId}', s.municipalityId)
        .replace(/\{\w+\}/g, s.familyId)}?${byFamily ? `familyId=${s.familyId}&` : ''}`;
      for (const after of ['zzz', 'ffffffff-ffff-4fff-bfff-ffffffffffff!', '9'.repeat(25)]) {
        for (const client of [s.kari, s.mother, s.admin]) {
          const res = await client.get(`${url}after=${after}`);
          if (res.status === 403) continue;
          refused.add(path);
          expect({ url, after, status: res.status, body: res.body }).toMatchObject({
            status: 400,
            body: { code: 'VALIDATION_FAILED', fields: [{ field: 'after' }] },
          });
        }
      }
    }

    // Every list is asked by someone it serves.
    expect(refused.size).toBe(lists.length);

    // Three meetings, two of them at the same time written with different offsets: a family's
    // meetings are paged by time and id, the cursor both.
    const startsAt = ['2026-10-20T09:00:00+02:00', '2026-10-20T07:00:00Z', '2026-10-21T12:30:00Z'];
    for (const at of startsAt)
      expectStatus(await scheduleVideoMeeting(s, logId, randomUUID(), at), 201);
    const walk = async (client: ApiClient, first: string) => {
      const ids: unknown[] = [];
      let next: string | null = first;
      for (let pages = 0; next !== null && pages < 50; pages++) {
        const res = expectStatus(await client.get(next, await t.sealedHead()), 200);
        const body = res.body as { items: { id?: string }[]; nextCursor: string | null };
        ids.push(...body.items.map((item) => item.id ?? item));
        next =
          body.nextCursor === null ? null : `${first}&after=${encodeURIComponent(body.nextCursor)}`;
      }
      return ids;
    };
    for (const [client, list] of [
      [s.kari, `/meetings?familyId=${s.familyId}&limit=`],
      [s.kari, `/stafettlogger?familyId=${s.familyId}&limit=`],
      [s.kari, '/concerns?status=decided&limit='],
      [s.mother, `/families/${s.familyId}/access-log?limit=`],
      [s.admin, '/admin/event-types?limit='],
    ] as const) {
      const whole = await walk(client, `${list}500`);
      const paged = await walk(client, `${list}1`);
      expect({ list, some: whole.length > 0 }).toEqual({ list, some: true });
      expect({ list, count: paged.length }).toEqual({ list, count: whole.length });
      if (!list.includes('access-log')) expect(paged).toEqual(whole);
    }
    expect(await walk(s.kari, `/meetings?familyId=${s.familyId}&limit=1`)).toHaveLength(3);
  });

  it('answers metrics about somewhere only where the programme is, and an area only with its level', async () => {
    const analyst = await ApiClient.as(t, {
      subject: 'analyst-outside',
      role: 'analyst',
      municipalityId: s.municipalityId,
    });
    const head = await t.sealedHead();
    expectStatus(
      await analyst.get(`/metrics/initiatives?municipalityId=${s.municipalityId}`, head),
      200,
    );
    expectStatus(
      await analyst.get('/metrics/initiatives?municipalityId=nowhere', head),
      404,
      'MUNICIPALITY_NOT_FOUND',
    );
    for (const query of [`areaId=${s.municipalityId}`, `area=all&areaId=${s.municipalityId}`]) {
      const res = expectStatus(
        await analyst.get(`/metrics/logs_opened?${query}`, head),
        400,
        'VALIDATION_FAILED',
      );
      expect(res.body.fields).toEqual([
        { field: 'areaId', reasons: ['areaId needs area=municipality or area=county'] },
      ]);
    }
    expectStatus(
      await analyst.get(`/metrics/logs_opened?area=municipality&areaId=${s.municipalityId}`, head),
      200,
    );
  });

  it('refuses a query parameter given twice by its name, whatever its values', async () => {
    for (const [client, url, field] of [
      [s.kari, `/stafettlogger?familyId=${s.familyId}&limit=1&limit=2`, 'limit'],
      [s.kari, `/stafettlogger?familyId=${s.familyId}&familyId=${s.familyId}`, 'familyId'],
      [s.mother, `/families/${s.familyId}/timeline?kind=entry&kind=measure`, 'kind'],
      [s.admin, '/metrics/logs_opened?period=month&period=year', 'period'],
    ] as const) {
      const res = expectStatus(await client.get(url), 400, 'VALIDATION_FAILED');
      expect({ url, fields: res.body.fields }).toEqual({
        url,
        fields: [{ field, reasons: [`${field} must be given once`] }],
      });
    }
  });
  it('reads an id in a query in capitals as the same id (a UUID has no case)', async () => {
    const lower = expectStatus(await s.kari.get(`/stafettlogger?familyId=${s.familyId}`), 200);
    const upper = expectStatus(
      await s.kari.get(`/stafettlogger?familyId=${s.familyId.toUpperCase()}`),
      200,
    );
    expect(lower.body).toMatchObject({ items: [{ id: logId }] });
    expect(upper.body).toEqual(lower.body);
  });

  it('names one reason for a query number that is not one, the first rule it breaks', async () => {
    for (const limit of ['abc', '0x3', '-1']) {
      const res = expectStatus(
        await s.kari.get(`/stafettlogger?familyId=${s.familyId}&limit=${limit}`),
        400,
        'VALIDATION_FAILED',
      );
      expect({ limit, fields: res.body.fields }).toEqual({
        limit,
        fields: [{ field: 'limit', reasons: ['limit must be an integer number'] }],
      });
    }
    const tooMany = expectStatus(
      await s.kari.get(`/stafettlogger?familyId=${s.familyId}&limit=501`),
      400,
      'VALIDATION_FAILED',
    );
    expect(tooMany.body.fields).toEqual([
      { field: 'limit', reasons: ['limit must not be greater than 500'] },
    ]);
  });

  it('refuses a weak ETag in If-Match, which never matches, and changes nothing', async () => {
    const before = await store.headPosition();
    const res = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, entry(), { 'If-Match': 'W/"1"' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.fields).toEqual([
      { field: 'If-Match', reasons: ['must not be a weak ETag: send "7", not W/"7"'] },
    ]);
    expect(await store.headPosition()).toBe(before);
  });

  it('refuses If-Match from the family, whose answers carry no revision to match', async () => {
    const before = await store.headPosition();
    const res = expectStatus(
      await s.mother.post(
        `/stafettlogger/${logId}/entries`,
        entry({ kind: 'guardians_voice', text: 'Vår stemme' }),
        { 'If-Match': '"0"' },
      ),
      400,
      'VALIDATION_FAILED',
    );
    expect(res.body.fields).toEqual([
      { field: 'If-Match', reasons: ['must not be sent by the family'] },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/currentRevision/);
    expect(await store.headPosition()).toBe(before);
  });

  it('answers a log that does not exist with 404 under If-Match too, not 409 no_stream', async () => {
    const res = expectStatus(
      await s.kari.post(`/stafettlogger/${randomUUID()}/entries`, entry(), { 'If-Match': '"0"' }),
      404,
      'STAFETTLOGG_NOT_FOUND',
    );
    expect(JSON.stringify(res.body)).not.toMatch(/no_stream|currentRevision/);
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, entry(), { 'If-Match': '"0"' }),
      409,
      'WRONG_EXPECTED_REVISION',
    );
  });

  it('pages a log’s entries by what the reader sees: the family counts no internal entry by a page or its cursor', async () => {
    const shared = randomUUID();
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, entry({ entryId: shared })),
      201,
    );
    const internal = randomUUID();
    expectStatus(
      await s.kari.post(
        `/stafettlogger/${logId}/entries`,
        entry({ entryId: internal, sharedWithGuardians: false, text: 'Internt' }),
      ),
      201,
    );
    const L = `/stafettlogger/${logId}`;
    const newest = expectStatus(await s.mother.get(`${L}?entriesLimit=1`), 200);
    expect(newest.body).toMatchObject({ entries: [{ entryId: shared }] });
    const cursor = String(newest.body.olderEntries);
    expect(cursor).toBe(shared);
    const older = expectStatus(
      await s.mother.get(`${L}?entriesLimit=1&entriesBefore=${cursor}`),
      200,
    );
    expect(older.body).toMatchObject({ entries: [{ sharedWithGuardians: true }] });
    // The services' view goes on from the same cursor; the internal entry is theirs to see.
    const staff = expectStatus(await s.kari.get(`${L}?entriesLimit=1`), 200);
    expect(staff.body).toMatchObject({ entries: [{ entryId: internal }], olderEntries: internal });
    // An entry the family does not see is no cursor to them: the same 400 as an id of nothing.
    for (const before of [internal, randomUUID()])
      expect(
        expectStatus(await s.mother.get(`${L}?entriesBefore=${before}`), 400, 'VALIDATION_FAILED')
          .body.fields,
      ).toEqual([
        { field: 'entriesBefore', reasons: ['must be the olderEntries cursor of this log'] },
      ]);
    // A log one may not know is 404, whatever the cursor.
    const stranger = await ApiClient.as(t, { subject: 'idp|fremmed', role: 'guardian' });
    expectStatus(await stranger.get(`${L}?entriesBefore=${shared}`), 404, 'STAFETTLOGG_NOT_FOUND');
  });

  it('refuses a field named like one every object has (toString, constructor …), in a body or a query, at any depth', async () => {
    const before = await store.headPosition();
    for (const key of ['toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'constructor'])
      expect(
        expectStatus(
          await s.kari.post(`/stafettlogger/${logId}/entries`, { ...entry(), [key]: 1 }),
          400,
          'VALIDATION_FAILED',
        ).body.fields,
      ).toEqual([{ field: key, reasons: [`property ${key} should not exist`] }]);
    expect(
      expectStatus(
        await s.admin.post(`/municipalities/${s.municipalityId}/services`, {
          serviceId: 'kultur',
          name: 'Kultur',
          sector: 'culture',
          contact: { isPrototypeOf: 'x' },
        }),
        400,
        'VALIDATION_FAILED',
      ).body.fields,
    ).toEqual([
      { field: 'contact.isPrototypeOf', reasons: ['property isPrototypeOf should not exist'] },
    ]);
    expect(await store.headPosition()).toBe(before);
    for (const query of ['constructor=1', 'toString=x'])
      expectStatus(await s.mother.get(`/me/children?${query}`), 400, 'VALIDATION_FAILED');
    expectStatus(
      await s.mother.get(`/families/${s.familyId}/timeline?valueOf=1`),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('takes a county from Norway’s counties only: no formula reaches the analysts’ CSV', async () => {
    const admin = await ApiClient.as(t, {
      subject: 'admin-ny-kommune',
      role: 'admin',
      municipalityId: 'ny-kommune',
    });
    const enrol = (county: string) =>
      admin.post('/municipalities', { municipalityId: 'ny-kommune', name: 'Ny kommune', county });
    for (const county of ['=HYPERLINK("http://evil";"klikk")', 'Atlantis', 'innlandet'])
      expect(expectStatus(await enrol(county), 400, 'VALIDATION_FAILED').body.fields).toEqual([
        { field: 'county', reasons: [expect.stringContaining('county must be one of')] },
      ]);
    expectStatus(await enrol('Vestfold og Telemark'), 201);
  });

  it('lets the family correct only their own words: a service’s entry is not there to them', async () => {
    const staffEntry = randomUUID();
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, entry({ entryId: staffEntry })),
      201,
    );
    const own = randomUUID();
    const voice = (overrides: Record<string, unknown>) =>
      entry({ kind: 'guardians_voice', category: 'kindergarten_situation', ...overrides });
    expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/entries`, voice({ entryId: own })),
      201,
    );
    expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/entries`, voice({ correctsEntryId: own })),
      201,
    );
    for (const original of [staffEntry, randomUUID()])
      expectStatus(
        await s.mother.post(
          `/stafettlogger/${logId}/entries`,
          voice({ correctsEntryId: original }),
        ),
        422,
        'ENTRY_NOT_FOUND',
      );
  });

  it('refuses a field a decision’s kind, or the child’s voice, does not go with, instead of dropping it', async () => {
    const { meetingId } = await meetingWithDecisions(s, logId, now.toISOString(), []);
    const M = `/meetings/${meetingId}`;
    const decision = {
      decisionId: randomUUID(),
      kind: 'other',
      text: 'Vi møtes igjen',
      responsibleStaffId: 'staff-kari',
      responsibleServiceId: 'helsestasjon',
      deadline: '2026-11-01',
    };
    const before = await store.headPosition();
    expect(
      expectStatus(await s.kari.post(`${M}/decisions`, { ...decision, level: 3 }), 400).body.fields,
    ).toEqual([{ field: 'level', reasons: ['level goes with kind level_change, not other'] }]);
    expect(
      expectStatus(
        await s.kari.post(`${M}/childs-voice`, {
          heard: true,
          text: 'Ola vil leke',
          reasonNotHeard: 'For liten',
        }),
        400,
      ).body.fields,
    ).toEqual([{ field: 'reasonNotHeard', reasons: ['reasonNotHeard goes with heard: false'] }]);
    expect(await store.headPosition()).toBe(before);
    expectStatus(await s.kari.post(`${M}/decisions`, decision), 201);
  });

  it('answers what the framework refuses before any route in the API’s own shape and headers, echoing nothing', async () => {
    const server = t.server();
    const long = 'a'.repeat(150);
    const cases = [
      [request(server).get('/stafettlogger/%E0%A4%A'), 400, 'INVALID_URL'],
      [request(server).get(`/stafettlogger/${long}`), 414, 'URI_TOO_LONG'],
      [
        request(server).get('/health').set('X-Padding', 'x'.repeat(20_000)),
        431,
        'HEADERS_TOO_LARGE',
      ],
      // No route at all: the router's own message quoted the path, a name or number in it too.
      [request(server).get('/no-such-place/Kari-Nordmann-01017012345'), 404, 'NOT_FOUND'],
    ] as const;
    for (const [sent, status, code] of cases) {
      const res = await sent;
      expect({ code, status: res.status, body: res.body as unknown }).toEqual({
        code,
        status,
        body: { statusCode: status, error: expect.any(String), code, message: expect.any(String) },
      });
      expect(res.text).not.toMatch(/stafettlogger|aaaa|%E0|no-such-place|Kari|0101/);
      expect(res.headers).toMatchObject({
        'content-security-policy': expect.stringContaining("default-src 'self'"),
        'x-content-type-options': 'nosniff',
      });
    }
  });

  it('gives the family’s calendar invitation a SEQUENCE that grows when the meeting moves, as everyone’s', async () => {
    const meetingId = randomUUID();
    const M = `/meetings/${meetingId}`;
    expectStatus(await scheduleVideoMeeting(s, logId, meetingId, '2026-10-20T10:00:00.000Z'), 201);
    let minPosition = t.seal(0n);
    const sequence = async (token: string) => {
      const res = await request(t.server())
        .get(`${M}/invitation.ics`)
        .query({ minPosition })
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      return /\r\nSEQUENCE:(.*)\r\n/.exec(res.text)?.[1];
    };
    const mother = await t.token({ subject: 'idp|mor', role: 'guardian' });
    const kari = await t.token({
      subject: 'staff-kari',
      role: 'staff',
      municipalityId: s.municipalityId,
      serviceId: 'helsestasjon',
    });
    expect([await sequence(mother), await sequence(kari)]).toEqual(['0', '0']);
    // An agenda item is no change to the calendar: the sequence stays.
    expectStatus(await s.mother.post(`${M}/agenda`, { itemId: randomUUID(), text: 'Søvn' }), 201);
    const moved = expectStatus(
      await s.kari.post(`${M}/reschedule`, {
        startsAt: '2026-10-21T10:00:00.000Z',
        durationMinutes: 60,
        location: { kind: 'video' },
      }),
      201,
    );
    minPosition = moved.body.position as string;
    expect([await sequence(mother), await sequence(kari)]).toEqual(['1', '1']);
  });

  it('takes a name of characters that show nothing (soft hyphen, Hangul filler, Braille blank) as no name', async () => {
    const before = await store.headPosition();
    for (const name of ['\u00ad', '\u3164', '\u2800 ', '\u200e\u0301'])
      expectStatus(
        await s.kari.post(`/families/${s.familyId}/subjects`, {
          subjectId: randomUUID(),
          kind: 'child',
          name,
          birthDate: '2020-05-01',
        }),
        400,
        'VALIDATION_FAILED',
      );
    expect(await store.headPosition()).toBe(before);
  });

  it('shows a family member the register without others’ sign-ins, and a parent without parental responsibility no contact details', async () => {
    const contactParent = randomUUID();
    const added = expectStatus(
      await s.kari.post(`/families/${s.familyId}/guardians`, {
        guardianId: contactParent,
        identitySubject: 'idp|far-uten-foreldreansvar',
        parentalResponsibility: false,
        name: 'Far',
        contact: '+47 900 00 001',
      }),
      201,
    );
    const position = added.body.position as string;
    const father = await ApiClient.as(t, {
      subject: 'idp|far-uten-foreldreansvar',
      role: 'guardian',
    });
    const seenByFather = expectStatus(await father.get(`/families/${s.familyId}`, position), 200);
    expect(seenByFather.body.guardians).toEqual({
      [s.motherId]: expect.objectContaining({
        identitySubject: null,
        personal: expect.objectContaining({ contact: null }),
      }),
      [contactParent]: expect.objectContaining({
        identitySubject: 'idp|far-uten-foreldreansvar',
        personal: expect.objectContaining({ contact: '+47 900 00 001' }),
      }),
    });
    expect(JSON.stringify(seenByFather.body)).not.toContain('idp|mor');
    // The mother, with parental responsibility, sees his contact details but not his sign-in.
    const seenByMother = expectStatus(await s.mother.get(`/families/${s.familyId}`, position), 200);
    expect(seenByMother.body.guardians).toMatchObject({
      [contactParent]: { identitySubject: null, personal: { contact: '+47 900 00 001' } },
      [s.motherId]: { identitySubject: 'idp|mor' },
    });
    // No revision for the family: it moves with what the register hides from them.
    for (const seen of [seenByFather, seenByMother]) {
      expect(seen.body.revision).toBeNull();
      expect(seen.headers.etag).toBeUndefined();
    }
    // Their copy of the case shows the register as its read does (the copy once gave every sign-in).
    const mothersCopy = expectStatus(await s.mother.get(`/families/${s.familyId}/copy`), 200)
      .body as { family: { guardians: Record<string, { identitySubject: string | null }> } };
    expect(mothersCopy.family.guardians).toMatchObject({
      [contactParent]: { identitySubject: null },
      [s.motherId]: { identitySubject: 'idp|mor' },
    });
    expect(JSON.stringify(mothersCopy)).not.toContain('idp|far-uten-foreldreansvar');
    // The services see the register whole.
    const seenByKari = expectStatus(await s.kari.get(`/families/${s.familyId}`, position), 200);
    expect(seenByKari.body.guardians).toMatchObject({
      [contactParent]: { identitySubject: 'idp|far-uten-foreldreansvar' },
      [s.motherId]: { identitySubject: 'idp|mor' },
    });
    expect(seenByKari.headers.etag).toBe(`"${seenByKari.body.revision as string}"`);
  });
  it('gives a guardian no position to count by: her answers, items and cursors are sealed, and a position she makes up is refused', async () => {
    const voice = (text: string) =>
      s.mother.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'guardians_voice',
        category: 'kindergarten_situation',
        sharedWithGuardians: true,
        text,
      });
    const first = expectStatus(await voice('Han sover godt nå'), 201);
    // Between her two entries, one the services keep to themselves.
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'observation',
        category: 'health',
        sharedWithGuardians: false,
        text: 'Intern notat',
      }),
      201,
    );
    const second = expectStatus(await voice('Og spiser bedre'), 201);
    for (const answer of [first, second])
      expect(answer.body.position).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Both open to the positions they stand for, two apart: the count is there, but not for her.
    expect(t.positionOf(second.body.position) - t.positionOf(first.body.position)).toBe(2n);

    const timeline = expectStatus(
      await s.mother.get(
        `/families/${s.familyId}/timeline?limit=500`,
        String(second.body.position),
      ),
      200,
    ).body as { items: { itemId: string }[] };
    expect(JSON.stringify(timeline.items.map((item) => item.itemId))).not.toMatch(/~\d+"/);

    // A position she makes up (to watch the log's head) is not one: 400, whatever its number.
    for (const made of ['1', String(t.positionOf(second.body.position) + 1000n), 'A'.repeat(22)])
      expect((await s.mother.get(`/families/${s.familyId}/timeline`, made)).body).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [
          {
            field: 'minPosition',
            reasons: ['minPosition must be a position as returned by a command'],
          },
        ],
      });
    // Nor is a cursor that looks right but was not sealed here, nor one of hers with its time
    // written otherwise (it was compared as text and skipped items) or made up (an empty page).
    const [item] = timeline.items;
    const [time, token] = item.itemId.split('~');
    for (const after of [
      `2026-10-01T08:00:00.000Z~${'B'.repeat(22)}`,
      `${time.replace(/\.000Z$/, 'Z')}~${token}`,
      `${time.replace(/Z$/, '000Z')}~${token}`,
      `2027-01-01T00:00:00.000Z~${token}`,
    ])
      expectStatus(
        await s.mother.get(`/families/${s.familyId}/timeline?after=${encodeURIComponent(after)}`),
        400,
        'VALIDATION_FAILED',
      );
    expectStatus(
      await s.mother.get(
        `/families/${s.familyId}/timeline?after=${encodeURIComponent(item.itemId)}`,
      ),
      200,
    );
  });

  it('takes thirty entries sent at once to one log without If-Match, each on its own revision', async () => {
    const before = await store.readStream(`stafettlogg-${logId}`);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        s.kari.post(`/stafettlogger/${logId}/entries`, {
          commandId: randomUUID(),
          ...entry({ text: `Samtidig ${i}` }),
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((answer) => String(answer.body.revision))).size).toBe(30);
    const after = await store.readStream(`stafettlogg-${logId}`);
    expect(after.length - before.length).toBe(30);
  });
});
