import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { ApiClient, expectStatus } from '../support/api-client';
import { enrolledFamily, openedLog, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/** The day these tests live on: their dates (consents, pregnancies …) are written for it. */
const NOW = new Date('2026-06-01T08:00:00.000Z');
describe('a closed log: restricted, and archived by the archive role', () => {
  let t: TestApp;
  let s: Scenario;
  let store: EventStore;
  let logId: string;
  let archivist: ApiClient;
  let archivistToken: string;
  // More entries than a log view's history holds (300), so the package must read the log whole.
  const entryTexts = Array.from({ length: 301 }, (_, i) => `Samtale nummer ${i + 1} <b>&</b>`);

  beforeAll(async () => {
    t = await startTestApp({}, () => NOW);
    s = await enrolledFamily(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    ({ logId } = await openedLog(s, {
      validFrom: '2026-01-01',
      validUntil: '2027-12-31',
      level: 1,
    }));
    for (const text of entryTexts)
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, {
          entryId: randomUUID(),
          kind: 'conversation',
          category: 'health',
          sharedWithGuardians: false,
          text,
        }),
        201,
      );
    const claims = {
      subject: 'arkiv-1',
      role: 'archivist' as const,
      municipalityId: s.municipalityId,
    };
    archivist = await ApiClient.as(t, claims);
    archivistToken = await t.token(claims);
  });
  afterAll(() => t.close());

  it('is not the archive’s while open, and the services read it as before', async () => {
    expectStatus(await archivist.get(`/stafettlogger/${logId}?reasonCode=archive_transfer`), 404);
    expectStatus(
      await archivist.get(`/stafettlogger/${logId}/archive-package?reasonCode=archive_transfer`),
      404,
    );
    expectStatus(await s.kari.get(`/stafettlogger/${logId}`), 200);
  });

  it('once closed, is refused to the services that knew it (403) and still shown to the family', async () => {
    const closed = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/close`, {
        reason: 'needs_met',
        familyEvaluation: { coordination: 4, accessibility: 5, participation: 4 },
      }),
      201,
    );
    const at = String(closed.body.position);
    expectStatus(await s.kari.get(`/stafettlogger/${logId}`, at), 403, 'LOG_RESTRICTED');
    expectStatus(await s.per.get(`/stafettlogger/${logId}`, at), 404);
    const mother = expectStatus(await s.mother.get(`/stafettlogger/${logId}`, at), 200);
    expect(mother.body.status).toBe('closed');
    // Nor in the family's timeline for the service any more.
    const timeline = expectStatus(await s.kari.get(`/families/${s.familyId}/timeline`, at), 200)
      .body as unknown as { items: { kind: string }[] };
    expect(timeline.items.some((item) => item.kind === 'entry')).toBe(false);
  });

  it('gives the archive the whole log only with a reason, and logs the read with it', async () => {
    const without = expectStatus(await archivist.get(`/stafettlogger/${logId}`), 400);
    expect(JSON.stringify(without.body)).toContain('reasonCode');
    expectStatus(await archivist.get(`/stafettlogger/${logId}?reasonCode=curiosity`), 400);
    const before = (await store.readStream(`access-log-${s.familyId}`)).length;
    const read = expectStatus(
      await archivist.get(`/stafettlogger/${logId}?reasonCode=records_request`),
      200,
    );
    expect(read.body.entries).toHaveLength(100);
    const recorded = (await store.readStream(`access-log-${s.familyId}`)).slice(before);
    expect(recorded.map((e) => e.data)).toEqual([
      expect.objectContaining({
        target: 'stafettlogg',
        targetId: logId,
        reasonCode: 'records_request',
        reader: expect.objectContaining({ subject: 'arkiv-1', role: 'archivist' }),
      }),
    ]);
    // Another municipality's archive does not know the log.
    const other = await ApiClient.as(t, {
      subject: 'arkiv-2',
      role: 'archivist',
      municipalityId: 'another-town',
    });
    expectStatus(await other.get(`/stafettlogger/${logId}?reasonCode=records_request`), 404);
    // The archive reads no family register, timeline or metrics.
    expectStatus(await archivist.get(`/families/${s.familyId}`), 403);
    expectStatus(await archivist.get(`/families/${s.familyId}/timeline`), 403);
  });

  it('hands over the archive package as JSON with every entry, and as a readable, escaped document', async () => {
    const json = expectStatus(
      await archivist.get(`/stafettlogger/${logId}/archive-package?reasonCode=archive_transfer`),
      200,
    );
    expect(json.headers['content-disposition']).toBe(
      `attachment; filename="stafettlogg-${logId}.json"`,
    );
    expect(json.body).toMatchObject({
      format: 'bti-stafettlogg-archive',
      version: 1,
      logId,
      familyId: s.familyId,
      closure: { reason: 'needs_met' },
    });
    const texts = (json.body.entries as { text: string }[]).map((e) => e.text);
    expect(texts).toEqual(entryTexts);
    // The whole history, from the first event to the closing, one item for every entry.
    const history = json.body.history as { type: string; entryId: string | null }[];
    expect(history[0].type).toBe('StafettloggInitiated');
    expect(history[history.length - 1].type).toBe('StafettloggClosed');
    const entryIds = (json.body.entries as { entryId: string }[]).map((e) => e.entryId);
    expect(history.filter((h) => h.type === 'EntryAdded').map((h) => h.entryId)).toEqual(entryIds);

    const html = await request(t.app.getHttpServer())
      .get(`/stafettlogger/${logId}/archive-package`)
      .query({ reasonCode: 'archive_transfer', format: 'html' })
      .set('Authorization', `Bearer ${archivistToken}`)
      .expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('<html lang="nb">');
    expect(html.text).toContain('Samtale nummer 105 &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html.text).not.toContain('<b>&</b>');

    expectStatus(await s.kari.get(`/stafettlogger/${logId}/archive-package`), 403);
    expectStatus(await s.mother.get(`/stafettlogger/${logId}/archive-package`), 403);
    expectStatus(
      await archivist.get(
        `/stafettlogger/${logId}/archive-package?reasonCode=archive_transfer&format=pdf`,
      ),
      400,
    );
  });
});
