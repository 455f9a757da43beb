import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { ApiClient, expectStatus } from '../support/api-client';
import { enrolledFamily, openedLog, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/** The day these tests live on: their dates (consents, pregnancies …) are written for it. */
const NOW = new Date('2026-06-01T08:00:00.000Z');
describe('a parent without parental responsibility', () => {
  let t: TestApp;
  let s: Scenario;
  let logId: string;
  let consentId: string;
  let father: ApiClient;
  const fatherId = randomUUID();

  beforeAll(async () => {
    t = await startTestApp({}, () => NOW);
    s = await enrolledFamily(t);
    ({ logId, consentId } = await openedLog(s, {
      validFrom: '2026-01-01',
      validUntil: '2027-12-31',
      level: 1,
      categories: ['health', 'family_situation'],
    }));
    expectStatus(
      await s.kari.post(`/families/${s.familyId}/guardians`, {
        guardianId: fatherId,
        identitySubject: 'idp|far',
        parentalResponsibility: false,
        name: 'Far',
      }),
      201,
    );
    father = await ApiClient.as(t, { subject: 'idp|far', role: 'guardian' });
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'conversation',
        category: 'family_situation',
        sharedWithGuardians: true,
        text: 'Delt med familien',
      }),
      201,
    );
  });
  afterAll(() => t.close());

  const grant = (client: ApiClient, body: Record<string, unknown>) =>
    client.post(`/stafettlogger/${logId}/guardian-read-access`, body);

  it('does not read the log or consent by default', async () => {
    expectStatus(await father.get(`/stafettlogger/${logId}`), 404, 'STAFETTLOGG_NOT_FOUND');
    const list = expectStatus(await father.get(`/stafettlogger?familyId=${s.familyId}`), 200);
    expect(list.body.items).toEqual([]);
    const refused = await father.post(`/stafettlogger/${logId}/consents/${consentId}/withdraw`, {});
    expect([404, 422]).toContain(refused.status);
  });

  it('cannot attach the log to a referral: it is as unknown to him as a made-up one', async () => {
    const arenaId = randomUUID();
    expectStatus(
      await s.admin.post('/arenas', {
        arenaId,
        kind: 'ressursteam',
        name: 'Ressursteamet',
        mandate: 'Hjelp til familier',
        intakeCriteria: 'Familier som ber om det',
        memberServices: ['helsestasjon'],
        meetingRhythm: 'Hver uke',
        acceptsCitizenReferrals: true,
      }),
      201,
    );
    const refer = (log: string) =>
      father.post(`/arenas/${arenaId}/referrals`, {
        referralId: randomUUID(),
        familyId: s.familyId,
        logId: log,
        reason: 'Vi trenger hjelp',
      });
    const madeUp = expectStatus(await refer(randomUUID()), 404);
    expectStatus(await refer(logId), 404, String(madeUp.body.code));
    // Nor does he send the child's case to a team without the log: that is a decision about the child.
    const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
    expectStatus(
      await father.post(`/arenas/${arenaId}/referrals`, {
        referralId: randomUUID(),
        familyId: s.familyId,
        reason: 'Vi trenger hjelp',
      }),
      422,
      'CONSENT_GIVER_NOT_AUTHORISED',
    );
    expect(await t.app.get<EventStore>(EVENT_STORE).headPosition()).toBe(head);
    // The mother, with parental responsibility, may.
    expectStatus(
      await s.mother.post(`/arenas/${arenaId}/referrals`, {
        referralId: randomUUID(),
        familyId: s.familyId,
        logId,
        reason: 'Vi trenger hjelp',
      }),
      201,
    );
  });

  it('reads it once a service taking part lets them, with a reason; and no longer once revoked', async () => {
    expectStatus(await grant(s.mother, { guardianId: fatherId, reason: 'x' }), 403);
    expectStatus(await grant(s.kari, { guardianId: fatherId }), 400);
    expectStatus(
      await grant(s.kari, { guardianId: fatherId, reason: '   ' }),
      422,
      'REASON_REQUIRED',
    );
    expectStatus(
      await grant(s.kari, { guardianId: randomUUID(), reason: 'Samvær' }),
      422,
      'GUARDIAN_NOT_FOUND',
    );
    expectStatus(
      await grant(s.kari, { guardianId: s.motherId, reason: 'Samvær' }),
      422,
      'HAS_PARENTAL_RESPONSIBILITY',
    );
    expectStatus(await grant(s.per, { guardianId: fatherId, reason: 'Samvær' }), 404);
    const granted = expectStatus(
      await grant(s.kari, {
        guardianId: fatherId,
        reason: 'Far har samvær annenhver uke; mor samtykker',
      }),
      201,
    );
    expectStatus(
      await grant(s.kari, { guardianId: fatherId, reason: 'igjen' }),
      422,
      'READ_ACCESS_ALREADY_GRANTED',
    );
    const at = String(granted.body.position);
    const seen = expectStatus(await father.get(`/stafettlogger/${logId}`, at), 200);
    expect((seen.body.entries as { text: string }[]).map((e) => e.text)).toEqual([
      'Delt med familien',
    ]);
    expect(seen.body.readGrants).toEqual([]);
    // The log, not the family's meetings; and no trace of the grant in what the family sees.
    expect(seen.body.scheduledMeetings).toEqual([]);
    const historyTypes = (body: Record<string, unknown>) =>
      (body.history as { type: string }[]).map((h) => h.type);
    expect(historyTypes(seen.body)).not.toContain('GuardianReadAccessGranted');
    const mothers = expectStatus(await s.mother.get(`/stafettlogger/${logId}`, at), 200);
    expect(historyTypes(mothers.body)).not.toContain('GuardianReadAccessGranted');
    const byService = expectStatus(await s.kari.get(`/stafettlogger/${logId}`, at), 200);
    expect(byService.body.readGrants).toEqual([
      { guardianId: fatherId, identitySubject: 'idp|far' },
    ]);
    // The grant lets them read; it does not make them a consent giver or a voice in the log.
    expectStatus(
      await father.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'guardians_voice',
        category: 'family_situation',
        sharedWithGuardians: true,
        text: 'Far her',
      }),
      422,
      'CONSENT_GIVER_NOT_AUTHORISED',
    );
    expectStatus(
      await father.post(`/stafettlogger/${logId}/consents/${consentId}/withdraw`, {}),
      422,
    );

    const revoked = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/guardian-read-access/revoke`, {
        guardianId: fatherId,
        reason: 'Samværet er avsluttet',
      }),
      201,
    );
    expectStatus(await father.get(`/stafettlogger/${logId}`, String(revoked.body.position)), 404);
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/guardian-read-access/revoke`, {
        guardianId: fatherId,
        reason: 'igjen',
      }),
      422,
      'READ_ACCESS_NOT_GRANTED',
    );
  });
});
