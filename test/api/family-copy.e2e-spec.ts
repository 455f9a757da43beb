import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ApiClient, expectStatus } from '../support/api-client';
import { logWithBarnehage, meetingWithDecisions } from '../support/meeting-scenario';
import { enrolledFamily, today, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

interface Copy {
  familyId: string;
  family: { subjects: Record<string, unknown>; guardians?: Record<string, unknown> };
  logs: {
    logId: string;
    entries: { entryId: string; text: string }[];
    olderEntries: string | null;
    history: { type: string; entryId: string | null }[];
  }[];
  meetings: { meetingId: string }[];
  accessLog: { target: string }[];
}

describe('the guardians’ copy: everything held about the child that they may see', () => {
  let t: TestApp;
  let s: Scenario;
  let logId: string;
  let meetingId: string;
  const shared = Array.from({ length: 120 }, (_, i) => `Delt innføring ${i + 1} <i>`);

  beforeAll(async () => {
    t = await startTestApp();
    s = await enrolledFamily(t);
    logId = await logWithBarnehage(s, today());
    for (const [i, text] of shared.entries())
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/entries`, {
          entryId: randomUUID(),
          kind: 'conversation',
          category: 'health',
          // Every third one is internal: it must not be in the family's copy.
          sharedWithGuardians: i % 3 !== 0,
          text: i % 3 !== 0 ? text : `Intern ${i}`,
        }),
        201,
      );
    ({ meetingId } = await meetingWithDecisions(
      s,
      logId,
      new Date(Date.now() + 60_000).toISOString(),
      [],
    ));
    expectStatus(await s.kari.get(`/stafettlogger/${logId}`), 200);
  });
  afterAll(() => t.close());

  it('gives the guardian the register, every shared entry of each log, the meetings and the access log', async () => {
    const res = expectStatus(await s.mother.get(`/families/${s.familyId}/copy`), 200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="innsyn-${s.familyId}.json"`,
    );
    const copy = res.body as unknown as Copy;
    expect(Object.keys(copy.family.subjects)).toEqual([s.childId]);
    expect(copy.family.guardians).toBeDefined();
    expect(copy.logs).toHaveLength(1);
    const texts = copy.logs[0].entries.map((e) => e.text);
    expect(texts).toEqual(shared.filter((_, i) => i % 3 !== 0));
    expect(texts.some((text) => text.startsWith('Intern'))).toBe(false);
    expect(copy.logs[0].olderEntries).toBeNull();
    // The log's history from its start, with an item for each shared entry and none for the others.
    const { history, entries } = copy.logs[0];
    expect(history[0].type).toBe('StafettloggInitiated');
    expect(history.filter((h) => h.type === 'EntryAdded').map((h) => h.entryId)).toEqual(
      entries.map((e) => e.entryId),
    );
    expect(copy.meetings.map((m) => m.meetingId)).toEqual([meetingId]);
    expect(copy.accessLog.map((r) => r.target)).toContain('stafettlogg');
  });

  it('is a readable document too, with every value escaped', async () => {
    const token = await t.token({ subject: 'idp|mor', role: 'guardian' });
    const html = await request(t.app.getHttpServer())
      .get(`/families/${s.familyId}/copy?format=html`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.text).toContain('Innsyn: det vi har om barnet');
    expect(html.text).toContain('Delt innføring 2 &lt;i&gt;');
    expect(html.text).not.toContain('<i>');
    expect(html.text).not.toContain('Intern');
  });

  it('is the family’s alone', async () => {
    const stranger = await ApiClient.as(t, { subject: 'idp|fremmed', role: 'guardian' });
    expectStatus(await stranger.get(`/families/${s.familyId}/copy`), 404);
    expectStatus(await s.kari.get(`/families/${s.familyId}/copy`), 403);
    expectStatus(await s.mother.get(`/families/${randomUUID()}/copy`), 404);
    expectStatus(await s.mother.get(`/families/${s.familyId}/copy?format=pdf`), 400);
  });
});
