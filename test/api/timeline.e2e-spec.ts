import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ApiClient, expectStatus, type ApiResponse } from '../support/api-client';
import { enrolledFamily, openedLog, registeredStaff, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

interface Item {
  itemId: string;
  at: string;
  kind: string;
  type: string;
  serviceId: string | null;
  category: string | null;
  sharedWithGuardians: boolean;
  details: Record<string, unknown>;
}
const itemsOf = (res: ApiResponse) => res.body.items as Item[];

/** Every item a reader may see, walked a page at a time. */
async function walk(client: ApiClient, path: string, limit: number): Promise<Item[][]> {
  const pages: Item[][] = [];
  let after: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const cursor: string = after ? `&after=${encodeURIComponent(after)}` : '';
    const res = expectStatus(await client.get(`${path}${sep}limit=${limit}${cursor}`), 200);
    pages.push(itemsOf(res));
    after = res.body.nextCursor as string | null;
  } while (after);
  return pages;
}

describe('the family timeline', () => {
  let t: TestApp;
  let s: Scenario;
  let logId: string;
  let consentId: string;
  let nav: ApiClient;
  let elsewhere: ApiClient;
  let clock = new Date('2026-10-01T08:00:00.000Z');
  const tick = () => {
    clock = new Date(clock.getTime() + 60_000);
  };
  const T = () => `/families/${s.familyId}/timeline`;

  beforeAll(async () => {
    // Batches on the projection thread, as the built API applies them.
    t = await startTestApp({ PROJECTION_THREAD: 'true' }, () => clock);
    s = await enrolledFamily(t);
    [nav] = await registeredStaff(t, s.municipalityId, [
      { subject: 'staff-nina', serviceId: 'nav' },
    ]);
    [elsewhere] = await registeredStaff(t, 'siljan', [
      { subject: 'staff-siljan', serviceId: 'helsestasjon' },
    ]);
    ({ logId, consentId } = await openedLog(s, {
      validFrom: '2026-10-01',
      validUntil: '2027-09-30',
      level: 2,
      services: ['helsestasjon', 'barnehage'],
      categories: ['health', 'kindergarten_situation', 'family_situation'],
    }));
    tick();
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/services`, { serviceId: 'barnehage' }),
      201,
    );
    const entry = (client: ApiClient, category: string, shared: boolean, text: string) =>
      client.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'observation',
        category,
        sharedWithGuardians: shared,
        text,
      });
    tick();
    expectStatus(await entry(s.kari, 'health', false, 'Intern helsevurdering'), 201);
    tick();
    expectStatus(await entry(s.per, 'kindergarten_situation', true, 'Sov i hvilen'), 201);
    tick();
    expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'guardians_voice',
        category: 'family_situation',
        sharedWithGuardians: true,
        text: 'Vi ønsker faste rutiner',
      }),
      201,
    );
    tick();
    expectStatus(await entry(s.per, 'kindergarten_situation', false, 'Internt notat'), 201);
    tick();
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/measures`, {
        measureId: randomUUID(),
        goal: 'Faste leggerutiner',
        responsibleServiceId: 'barnehage',
        responsibleStaffId: 'staff-per',
        startDate: '2026-10-02',
      }),
      201,
    );
    tick();
    const last = expectStatus(
      await s.kari.post('/meetings', {
        meetingId: randomUUID(),
        logIds: [logId],
        startsAt: '2026-10-08T14:00:00+02:00',
        durationMinutes: 60,
        location: { kind: 'video', link: 'https://møte.example/abc' },
        invitedServices: ['barnehage'],
        invitedGuardians: [s.motherId],
        agenda: [],
      }),
      201,
    );
    // Every later read includes all of the above.
    expectStatus(await s.kari.get(T(), last.body.position), 200);
  });
  afterAll(() => t.close());

  it('shows the guardian only what is shared with them, in time order, with nothing to count the rest by', async () => {
    const pages = await walk(s.mother, T(), 1);
    const items = pages.flat();
    expect(pages.every((page) => page.length === 1)).toBe(true);
    expect(items.every((item) => item.sharedWithGuardians)).toBe(true);
    expect(items.map((i) => i.details.text).filter(Boolean)).toEqual([
      'Sov i hvilen',
      'Vi ønsker faste rutiner',
    ]);
    expect(items.some((i) => i.kind === 'concern')).toBe(false);
    expect(items.map((i) => i.kind)).toEqual(
      expect.arrayContaining(['consent', 'log', 'service', 'entry', 'measure', 'meeting']),
    );
    const times = items.map((i) => i.at);
    expect([...times].sort()).toEqual(times);
    // An item's id holds its time and a sealed position: two ids give no count of what lies between.
    expect(new Set(items.map((i) => i.itemId)).size).toBe(items.length);
    for (const item of items) expect(item.itemId).toMatch(/^[^~]+~[A-Za-z0-9_-]{22}$/);
    // The internal notes' times are nowhere: not as items, not as cursors.
    const internalTimes = ['2026-10-01T08:02:00.000Z', '2026-10-01T08:05:00.000Z'];
    expect(JSON.stringify(pages)).not.toMatch(new RegExp(internalTimes.join('|')));
  });

  it('gives every field of an item: the kindergarten’s shared entry as the guardian sees it', async () => {
    const items = (await walk(s.mother, T(), 50)).flat();
    const slept = items.find((i) => i.details.text === 'Sov i hvilen');
    expect(slept).toEqual({
      itemId: expect.stringMatching(/^2026-10-01T08:03:00\.000Z~[A-Za-z0-9_-]{22}$/) as unknown,
      at: '2026-10-01T08:03:00.000Z',
      kind: 'entry',
      type: 'EntryAdded',
      subjectId: s.childId,
      logId,
      meetingId: null,
      concernId: null,
      serviceId: 'barnehage',
      category: 'kindergarten_situation',
      sharedWithGuardians: true,
      details: expect.objectContaining({ text: 'Sov i hvilen' }) as unknown,
    });
  });

  it('shows the stafettholder’s service its own concern and internal notes, and what the consent covers', async () => {
    const items = (await walk(s.kari, T(), 50)).flat();
    const texts = items.map((i) => i.details.text).filter(Boolean);
    expect(texts).toEqual(
      expect.arrayContaining(['Intern helsevurdering', 'Sov i hvilen', 'Internt notat']),
    );
    expect(items.filter((i) => i.kind === 'concern').map((i) => i.type)).toEqual([
      'ConcernNoted',
      'ConcernDecided',
    ]);
  });

  it('keeps one service’s concern from another service of the same log', async () => {
    const items = (await walk(s.per, T(), 50)).flat();
    expect(items.some((i) => i.kind === 'concern')).toBe(false);
    expect(items.map((i) => i.details.text).filter(Boolean)).toContain('Intern helsevurdering');
  });

  it('filters by kind, child and period, and pages without gaps or repeats', async () => {
    const entries = itemsOf(expectStatus(await s.kari.get(`${T()}?kind=entry,correction`), 200));
    expect(entries.map((i) => i.kind)).toEqual(['entry', 'entry', 'entry', 'entry']);
    const all = (await walk(s.kari, T(), 50)).flat();
    const paged = (await walk(s.kari, T(), 2)).flat();
    expect(paged).toEqual(all);
    const ola = itemsOf(expectStatus(await s.kari.get(`${T()}?subjectId=${s.childId}`), 200));
    expect(ola.length).toBe(all.length);
    const nobody = itemsOf(expectStatus(await s.kari.get(`${T()}?subjectId=${randomUUID()}`), 200));
    expect(nobody).toEqual([]);
    const before = itemsOf(expectStatus(await s.kari.get(`${T()}?to=2026-09-30`), 200));
    expect(before).toEqual([]);
    const day = itemsOf(
      expectStatus(await s.kari.get(`${T()}?from=2026-10-01&to=2026-10-01`), 200),
    );
    expect(day.length).toBe(all.length);
  });

  it('answers 404 to whoever may not know the family, and 403 to roles that read no timeline', async () => {
    const stranger = await ApiClient.as(t, { subject: 'idp|stranger', role: 'guardian' });
    expectStatus(await stranger.get(T()), 404, 'FAMILY_NOT_FOUND');
    expectStatus(await elsewhere.get(T()), 404, 'FAMILY_NOT_FOUND');
    expectStatus(await s.kari.get(`/families/${randomUUID()}/timeline`), 404, 'FAMILY_NOT_FOUND');
    const analyst = await ApiClient.as(t, {
      subject: 'analyst',
      role: 'analyst',
      municipalityId: s.municipalityId,
    });
    expectStatus(await analyst.get(T()), 403);
    expectStatus(await s.admin.get(T()), 403);
    // Staff of the municipality outside the log know the family, and see nothing of the log.
    expect(itemsOf(expectStatus(await nav.get(T()), 200))).toEqual([]);
  });

  it('refuses impossible filters with the field and the reason', async () => {
    for (const query of [
      'kind=everything',
      'from=2026-02-30',
      'to=2026-13-01',
      'from=2026-10-02&to=2026-10-01',
      'after=not-a-cursor',
      'after=2025-02-30~5',
      'after=1899-12-31~1',
      'after=2200-01-01T00:00:00.000Z~1',
      'after=2025-02-28T25:00:00.000Z~5',
      'from=0000-01-01',
      'limit=0',
      'limit=501',
      'limit=0x3',
      'limit=3e0',
      'limit=%203',
      'limit=3.0',
      'subjectId=ola',
      'unknown=1',
    ]) {
      const res = expectStatus(await s.kari.get(`${T()}?${query}`), 400, 'VALIDATION_FAILED');
      expect(res.body.fields).toBeDefined();
    }
    expectStatus(await s.kari.get('/families/not-a-uuid/timeline'), 400);
  });

  it('starts a guardian at their children, found from the sign-in alone', async () => {
    const res = expectStatus(await s.mother.get('/me/children'), 200);
    const [ola, ...others] = res.body.children as Record<string, unknown>[];
    expect(others).toEqual([]);
    expect(ola).toMatchObject({
      familyId: s.familyId,
      subjectId: s.childId,
      name: 'Ola',
      kind: 'child',
      nextMeeting: { startsAt: '2026-10-08T12:00:00.000Z', chair: { serviceId: 'helsestasjon' } },
    });
    const [log] = ola.logs as Record<string, unknown>[];
    expect(log).toMatchObject({
      logId,
      status: 'open',
      level: 2,
      stafettholder: { staffId: 'staff-kari', serviceId: 'helsestasjon' },
      nextEvaluation: { goal: 'Faste leggerutiner', overdue: false },
    });
    // The last activity a guardian sees is the last thing shared with them, not an internal note.
    expect(log.lastActivityAt).not.toBe('2026-10-01T08:05:00.000Z');
  });

  it('gives anyone else no children, and staff and analysts no such page', async () => {
    const stranger = await ApiClient.as(t, { subject: 'idp|stranger', role: 'guardian' });
    expect(expectStatus(await stranger.get('/me/children'), 200).body.children).toEqual([]);
    const youth = await ApiClient.as(t, { subject: 'idp|ola', role: 'youth' });
    expect(expectStatus(await youth.get('/me/children'), 200).body.children).toEqual([]);
    expectStatus(await s.kari.get('/me/children'), 403);
    expectStatus(await s.mother.get('/me/children?familyId=x'), 400, 'VALIDATION_FAILED');
  });

  it('sums each log up: the consent in force, open measures with their next evaluation, the next meeting', async () => {
    const res = expectStatus(await s.per.get(`/stafettlogger?familyId=${s.familyId}`), 200);
    const [summary] = (res.body.items as { document: Record<string, unknown> }[]).map(
      (item) => item.document,
    );
    expect(summary).toMatchObject({
      logId,
      services: ['helsestasjon', 'barnehage'],
      activeConsent: {
        consentId,
        services: ['helsestasjon', 'barnehage'],
        validUntil: '2027-09-30',
      },
      openMeasures: [{ goal: 'Faste leggerutiner', overdue: false }],
      nextMeeting: { startsAt: '2026-10-08T12:00:00.000Z' },
    });
  });

  it('gives a log’s newest entries a page at a time, older pages through the cursor', async () => {
    const L = `/stafettlogger/${logId}`;
    const first = expectStatus(await s.kari.get(`${L}?entriesLimit=2`), 200);
    const texts = (res: ApiResponse) =>
      (res.body.entries as { text: string }[]).map((entry) => entry.text);
    expect(texts(first)).toEqual(['Vi ønsker faste rutiner', 'Internt notat']);
    expect(first.body.olderEntries).toEqual(expect.any(String));
    const older = expectStatus(
      await s.kari.get(`${L}?entriesLimit=2&entriesBefore=${String(first.body.olderEntries)}`),
      200,
    );
    expect(texts(older)).toEqual(['Intern helsevurdering', 'Sov i hvilen']);
    expect(older.body.olderEntries).toBeNull();
    for (const query of [
      'entriesLimit=0',
      'entriesLimit=501',
      'entriesBefore=abc',
      'entriesBefore=-1',
    ])
      expectStatus(await s.kari.get(`${L}?${query}`), 400, 'VALIDATION_FAILED');
  });

  it('filters by days in Oslo: a guardian’s entry at 00:30 there is that day’s, though UTC is still on the day before', async () => {
    const saved = clock;
    // 22:30 UTC on 30 September is 00:30 on 1 October in Oslo (CEST): the family's first day here.
    clock = new Date('2026-09-30T22:30:00.000Z');
    const added = expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'guardians_voice',
        category: 'family_situation',
        sharedWithGuardians: true,
        text: 'Vi fikk sove i natt',
      }),
      201,
    );
    clock = saved;
    const position = added.body.position as string;
    const on = async (query: string) =>
      itemsOf(expectStatus(await s.mother.get(`${T()}?${query}&minPosition=${position}`), 200));
    expect((await on('from=2026-10-01&to=2026-10-01')).map((i) => i.at)).toContain(
      '2026-09-30T22:30:00.000Z',
    );
    expect(await on('to=2026-09-30')).toEqual([]);
  });

  it('stops showing a service the log once the consent is withdrawn, and keeps it for the family', async () => {
    tick();
    const withdrawn = expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/consents/${consentId}/withdraw`),
      201,
    );
    const position = withdrawn.body.position as string;
    const per = itemsOf(expectStatus(await s.per.get(T(), position), 200));
    expect(per).toEqual([]);
    const mother = (await walk(s.mother, T(), 50)).flat();
    expect(mother.at(-1)).toMatchObject({ kind: 'consent', details: { status: 'withdrawn' } });
  });

  it('is described in the OpenAPI document', async () => {
    const res = await request(t.app.getHttpServer()).get('/docs/openapi.json');
    const paths = (res.body as { paths: Record<string, unknown> }).paths;
    expect(paths['/families/{familyId}/timeline']).toBeDefined();
  });
});
