import { randomUUID } from 'node:crypto';
import { expectStatus } from '../support/api-client';
import { logWithBarnehage, meetingWithDecisions } from '../support/meeting-scenario';
import { enrolledFamily, today, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/** What the family sees must not move when the services write what the family may not see. */
describe('the family’s view counts nothing it may not see', () => {
  let t: TestApp;
  let s: Scenario;
  let logId: string;
  let meetingId: string;
  beforeAll(async () => {
    t = await startTestApp();
    s = await enrolledFamily(t);
    logId = await logWithBarnehage(s, today());
    ({ meetingId } = await meetingWithDecisions(
      s,
      logId,
      new Date(Date.now() + 60_000).toISOString(),
      [],
    ));
  });
  afterAll(() => t.close());

  it('shows the same log, byte for byte, before and after an internal entry, and no revision', async () => {
    const before = expectStatus(await s.mother.get(`/stafettlogger/${logId}`), 200);
    expect(before.body.revision).toBeNull();
    expect(before.headers.etag).toBeUndefined();
    const written = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'conversation',
        category: 'health',
        sharedWithGuardians: false,
        text: 'Intern vurdering',
      }),
      201,
    );
    const after = expectStatus(
      await s.mother.get(`/stafettlogger/${logId}`, String(written.body.position)),
      200,
    );
    expect(after.body).toEqual(before.body);
    const listed = expectStatus(await s.mother.get(`/stafettlogger?familyId=${s.familyId}`), 200);
    expect(JSON.stringify(listed.body)).not.toMatch(/"revision":"\d+"/);
    // The services keep their revision for If-Match.
    const byService = expectStatus(await s.kari.get(`/stafettlogger/${logId}`), 200);
    expect(byService.body.revision).toMatch(/^\d+$/);
    expect(byService.headers.etag).toBe(`"${byService.body.revision as string}"`);
  });

  it('answers the family’s own commands with no revision: two of them would count the internal entries between', async () => {
    const voice = (commandId = randomUUID(), entryId = randomUUID()) =>
      s.mother.post(`/stafettlogger/${logId}/entries`, {
        commandId,
        entryId,
        kind: 'guardians_voice',
        category: 'kindergarten_situation',
        sharedWithGuardians: true,
        text: 'Vi opplever at det går bedre',
      });
    const [commandId, entryId] = [randomUUID(), randomUUID()];
    const first = expectStatus(await voice(commandId, entryId), 201);
    expect(first.body.revision).toBeNull();
    expect(first.headers.etag).toBeUndefined();
    // A retry answers as the first did: without the revision too.
    const retried = expectStatus(await voice(commandId, entryId), 201);
    expect(retried.body).toEqual({ ...first.body, duplicate: true });
    expect(retried.headers.etag).toBeUndefined();
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'conversation',
        category: 'health',
        sharedWithGuardians: false,
        text: 'Intern vurdering',
      }),
      201,
    );
    const second = expectStatus(await voice(), 201);
    expect(second.body.revision).toBeNull();
    expect(second.headers.etag).toBeUndefined();
    expect(Object.keys(second.body).sort()).toEqual(Object.keys(first.body).sort());
    // The services' answers keep it, for If-Match.
    const byService = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'conversation',
        category: 'health',
        sharedWithGuardians: true,
        text: 'Samtale',
      }),
      201,
    );
    expect(byService.body.revision).toMatch(/^\d+$/);
    expect(byService.headers.etag).toBe(`"${byService.body.revision as string}"`);
  });

  it('shows the family no revision of a meeting (the staff’s ettermøte moves it too)', async () => {
    const before = expectStatus(await s.mother.get(`/meetings/${meetingId}`), 200);
    expect(before.body.revision).toBeNull();
    expect(before.headers.etag).toBeUndefined();
    const listed = expectStatus(await s.mother.get(`/meetings?familyId=${s.familyId}`), 200);
    expect(JSON.stringify(listed.body)).not.toMatch(/"revision":"\d+"/);
    const byChair = expectStatus(await s.kari.get(`/meetings/${meetingId}`), 200);
    expect(byChair.body.revision).toMatch(/^\d+$/);
  });
});
