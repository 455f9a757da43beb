import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { ApiClient, expectStatus } from '../support/api-client';
import { enrolledFamily, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

describe('from the consent age the young person consents alone and reads their own log', () => {
  let t: TestApp;
  let s: Scenario;
  const now = new Date('2026-09-01T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    s = await enrolledFamily(t);
  });
  afterAll(() => t.close());

  /** The municipality's handlingsveileder at this consent age (its other rules as the default's). */
  const handlingsveileder = (consentAge: number) =>
    s.admin.put(`/municipalities/${s.municipalityId}/handlingsveileder`, {
      levels: [0, 1, 2, 3].map((level) => ({ level, name: `Nivå ${level}` })),
      concernDecisionDeadlineDays: 14,
      measureEvaluationIntervalDays: 42,
      consentAge,
      inactivityThresholdDays: 60,
    });

  /**
   * A young person of the family with their own sign-in, a concern about them decided "involve
   * others", and a log awaiting the health service's consent.
   */
  async function youthWithLog(name: string, birthDate: string, summary: string) {
    const ids = {
      youthId: randomUUID(),
      concernId: randomUUID(),
      logId: randomUUID(),
      consentId: randomUUID(),
    };
    const signIn = `idp|${name.toLowerCase()}`;
    expectStatus(
      await s.kari.post(`/families/${s.familyId}/subjects`, {
        subjectId: ids.youthId,
        kind: 'youth',
        name,
        birthDate,
      }),
      201,
    );
    expectStatus(
      await s.kari.post(`/families/${s.familyId}/subjects/${ids.youthId}/identity`, {
        identitySubject: signIn,
      }),
      201,
    );
    expectStatus(
      await s.kari.post('/concerns', {
        concernId: ids.concernId,
        familyId: s.familyId,
        subjectId: ids.youthId,
        kind: 'bekymring',
        summary,
      }),
      201,
    );
    expectStatus(
      await s.kari.post(`/concerns/${ids.concernId}/decision`, {
        outcome: 'involve_others',
        reason: 'r',
      }),
      201,
    );
    const initiated = expectStatus(
      await s.kari.post('/stafettlogger', {
        logId: ids.logId,
        concernId: ids.concernId,
        consentId: ids.consentId,
        scope: { services: ['helsestasjon'], categories: ['health'], purpose: 'p' },
      }),
      201,
    );
    const client = await ApiClient.as(t, { subject: signIn, role: 'youth' });
    return { ...ids, client, at: String(initiated.body.position) };
  }

  /** A team of the health service that takes the family's own referrals ("en dør inn"). */
  async function openDoorTeam(name: string): Promise<string> {
    const arenaId = randomUUID();
    expectStatus(
      await s.admin.post('/arenas', {
        arenaId,
        kind: 'samhandlingsteam',
        name,
        mandate: 'Hjelp til familier og unge som trenger flere tjenester',
        intakeCriteria: 'Familien, den unge eller en tjeneste ber om det',
        memberServices: ['helsestasjon'],
        meetingRhythm: 'Hver torsdag',
        acceptsCitizenReferrals: true,
      }),
      201,
    );
    return arenaId;
  }

  it('runs with a 16-year-old', async () => {
    const youthId = randomUUID();
    const concernId = randomUUID();
    const logId = randomUUID();
    const consentId = randomUUID();
    const ola = await ApiClient.as(t, { subject: 'idp|ola', role: 'youth' });
    expectStatus(
      await s.kari.post(`/families/${s.familyId}/subjects`, {
        subjectId: youthId,
        kind: 'youth',
        name: 'Ola',
        birthDate: '2010-02-01',
      }),
      201,
    );
    expectStatus(
      await s.kari.post(`/families/${s.familyId}/subjects/${youthId}/identity`, {
        identitySubject: 'idp|mor',
      }),
      422,
      'IDENTITY_IN_USE',
    );
    expectStatus(
      await s.kari.post(`/families/${s.familyId}/subjects/${youthId}/identity`, {
        identitySubject: 'idp|ola',
      }),
      201,
    );

    expectStatus(
      await s.kari.post('/concerns', {
        concernId,
        familyId: s.familyId,
        subjectId: youthId,
        kind: 'bekymring',
        summary: 'Mye fravær',
      }),
      201,
    );
    expectStatus(
      await s.kari.post(`/concerns/${concernId}/decision`, {
        outcome: 'involve_others',
        reason: 'r',
      }),
      201,
    );
    const scope = {
      services: ['helsestasjon'],
      categories: ['health', 'school_situation'],
      purpose: 'p',
    };
    expectStatus(await s.kari.post('/stafettlogger', { logId, concernId, consentId, scope }), 201);

    const give = { validFrom: '2026-09-01', validUntil: '2027-08-31' };
    expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/consents/${consentId}/give`, give),
      422,
      'CONSENT_GIVER_NOT_AUTHORISED',
    );
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/consents/${consentId}/give`, {
        ...give,
        givenByGuardianId: s.motherId,
        paperFormReference: 'arkiv 1',
      }),
      422,
      'CONSENT_GIVER_NOT_AUTHORISED',
    );
    expectStatus(
      await ola.post(`/stafettlogger/${logId}/consents/${consentId}/give`, {
        ...give,
        givenByYouth: true,
      }),
      422,
      'ON_BEHALF_NOT_ALLOWED',
    );
    expectStatus(await ola.post(`/stafettlogger/${logId}/consents/${consentId}/give`, give), 201);
    expectStatus(await s.kari.post(`/stafettlogger/${logId}/open`, { level: 1 }), 201);
    // The paper form is signed by the one who consents: the young person, not the guardians.
    const form = await request(t.app.getHttpServer())
      .get(`/stafettlogger/${logId}/consents/${consentId}/form?lang=nb`)
      .set('Authorization', `Bearer ${await t.token({ subject: 'idp|ola', role: 'youth' })}`)
      .expect(200);
    expect(form.text).toContain('Ungdommen: ');
    expect(form.text).not.toContain('Foresatt: ');
    // …and speaks to them about themselves, not to guardians about "the child".
    expect(form.text).toContain('Samtykke til samarbeid om deg');
    expect(form.text).toContain('Det kan de bare gjøre hvis du sier ja.');
    expect(form.text).toContain('hvordan du har det på skolen');
    expect(form.text).not.toMatch(/barnet|dere/i);
    for (const [lang, words] of [
      ['nn', ['Samtykke til samarbeid om deg', 'korleis du har det på skulen']],
      ['en', ['Consent to working together for you', 'how you are doing at school']],
    ] as const) {
      const other = await request(t.app.getHttpServer())
        .get(`/stafettlogger/${logId}/consents/${consentId}/form?lang=${lang}`)
        .set('Authorization', `Bearer ${await t.token({ subject: 'idp|ola', role: 'youth' })}`)
        .expect(200);
      for (const word of words) expect(other.text).toContain(word);
      expect(other.text).not.toMatch(/barnet|the child\b|dykk/i);
    }

    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'conversation',
        category: 'health',
        sharedWithGuardians: true,
        text: 'Helsesamtale',
      }),
      201,
    );
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'agreement',
        category: 'school_situation',
        sharedWithGuardians: true,
        text: 'Møte med skolen',
      }),
      201,
    );
    const voice = expectStatus(
      await ola.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'childs_voice',
        category: 'school_situation',
        sharedWithGuardians: true,
        text: 'Jeg vil bytte klasse',
      }),
      201,
    );

    // Each parent's own voice on school matters, before the young person keeps them from both.
    const far = await ApiClient.as(t, { subject: 'idp|far', role: 'guardian' });
    expectStatus(
      await s.kari.post(`/families/${s.familyId}/guardians`, {
        guardianId: randomUUID(),
        identitySubject: 'idp|far',
        parentalResponsibility: true,
        name: 'Far',
      }),
      201,
    );
    for (const [parent, text] of [
      [s.mother, 'Mor: han gruer seg til skolen'],
      [far, 'Far: vi vil gjerne ha et møte'],
    ] as const)
      expectStatus(
        await parent.post(`/stafettlogger/${logId}/entries`, {
          entryId: randomUUID(),
          kind: 'guardians_voice',
          category: 'school_situation',
          sharedWithGuardians: true,
          text,
        }),
        201,
      );

    const own = expectStatus(await ola.get(`/stafettlogger/${logId}`, voice.body.position), 200);
    expect((own.body.entries as { text: string }[]).map((e) => e.text)).toEqual([
      'Helsesamtale',
      'Møte med skolen',
      'Jeg vil bytte klasse',
      'Mor: han gruer seg til skolen',
      'Far: vi vil gjerne ha et møte',
    ]);
    // The law keeps the young person's health matters from the guardians from the consent age.
    const mothers = expectStatus(await s.mother.get(`/stafettlogger/${logId}`), 200);
    expect((mothers.body.entries as { text: string }[]).map((e) => e.text)).toEqual([
      'Møte med skolen',
      'Jeg vil bytte klasse',
      'Mor: han gruer seg til skolen',
      'Far: vi vil gjerne ha et møte',
    ]);
    const stranger = await ApiClient.as(t, { subject: 'idp|someone', role: 'youth' });
    expectStatus(await stranger.get(`/stafettlogger/${logId}`), 404, 'STAFETTLOGG_NOT_FOUND');

    // The young person's own choice for the rest: school matters kept from the guardians too.
    const sharing = `/stafettlogger/${logId}/guardian-sharing`;
    expectStatus(await s.mother.post(sharing, { keptFromGuardians: ['school_situation'] }), 403);
    expectStatus(await ola.post(sharing, { keptFromGuardians: ['nonsense'] }), 400);
    expect(
      expectStatus(
        await ola.post(sharing, { keptFromGuardians: ['health', 'health'] }),
        400,
        'VALIDATION_FAILED',
      ).body.fields,
    ).toEqual([expect.objectContaining({ field: 'keptFromGuardians' })]);
    expectStatus(await stranger.post(sharing, { keptFromGuardians: [] }), 404);
    const chosen = expectStatus(
      await ola.post(sharing, { keptFromGuardians: ['school_situation'] }),
      201,
    );
    const at = String(chosen.body.position);
    // Each parent still sees their own words (had they vanished, the choice would show), and only them.
    for (const [parent, text] of [
      [s.mother, 'Mor: han gruer seg til skolen'],
      [far, 'Far: vi vil gjerne ha et møte'],
    ] as const) {
      const kept = expectStatus(await parent.get(`/stafettlogger/${logId}`, at), 200);
      expect((kept.body.entries as { text: string }[]).map((e) => e.text)).toEqual([text]);
      expect(kept.body.keptFromGuardians).toEqual([]);
      expect((kept.body.history as { type: string }[]).map((h) => h.type)).not.toContain(
        'GuardianSharingChosen',
      );
      const timeline = expectStatus(await parent.get(`/families/${s.familyId}/timeline`, at), 200)
        .body as unknown as { items: { kind: string; details: { text?: string } }[] };
      expect(
        timeline.items.filter((item) => item.kind === 'entry').map((item) => item.details.text),
      ).toEqual([text]);
    }
    const ownAfter = expectStatus(await ola.get(`/stafettlogger/${logId}`, at), 200);
    expect(ownAfter.body.entries).toHaveLength(5);
    expect(ownAfter.body.keptFromGuardians).toEqual(['school_situation']);
    const staffView = expectStatus(await s.kari.get(`/stafettlogger/${logId}`, at), 200);
    expect(staffView.body.entries).toHaveLength(5);
    // Choosing again replaces the choice.
    const shared = expectStatus(await ola.post(sharing, { keptFromGuardians: [] }), 201);
    const again = expectStatus(
      await s.mother.get(`/stafettlogger/${logId}`, String(shared.body.position)),
      200,
    );
    expect((again.body.entries as { text: string }[]).map((e) => e.text)).toEqual([
      'Møte med skolen',
      'Jeg vil bytte klasse',
      'Mor: han gruer seg til skolen',
      'Far: vi vil gjerne ha et møte',
    ]);
  });

  it('goes by the municipality’s consent age for a log that awaits consent, reads as writes', async () => {
    expectStatus(await handlingsveileder(15), 200);
    // Fifteen and a half: consents alone under this municipality's handlingsveileder, not under 16.
    const {
      youthId,
      logId,
      consentId,
      client: per,
      at: initiatedAt,
    } = await youthWithLog('Per', '2011-03-01', 'Trekker seg unna');
    const own = expectStatus(await per.get(`/stafettlogger/${logId}`, initiatedAt), 200);
    expect(own.body).toMatchObject({ status: 'awaiting_consent', rules: null, consentAge: 15 });
    // What the consent form and the commands go by, the reader sees too (it read 16 for every log
    // awaiting consent).
    expect(expectStatus(await s.mother.get(`/stafettlogger/${logId}`), 200).body.consentAge).toBe(
      15,
    );
    // The form the young person is asked to sign is theirs alone, as the consent is.
    const form = await request(t.app.getHttpServer())
      .get(`/stafettlogger/${logId}/consents/${consentId}/form?lang=nb`)
      .set('Authorization', `Bearer ${await t.token({ subject: 'idp|per', role: 'youth' })}`)
      .expect(200);
    expect(form.text).toContain('Ungdommen: ');
    expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/consents/${consentId}/give`, {
        validFrom: '2026-09-01',
        validUntil: '2027-08-31',
      }),
      422,
      'CONSENT_GIVER_NOT_AUTHORISED',
    );
    expectStatus(
      await per.post(`/stafettlogger/${logId}/consents/${consentId}/give`, {
        validFrom: '2026-09-01',
        validUntil: '2027-08-31',
      }),
      201,
    );
    // Once consent is given the log keeps the rules it opened under, whatever the municipality
    // decides next.
    expectStatus(await s.kari.post(`/stafettlogger/${logId}/open`, { level: 1 }), 201);
    const moved = expectStatus(await handlingsveileder(16), 200);
    expect(
      expectStatus(await per.get(`/stafettlogger/${logId}`, String(moved.body.position)), 200).body
        .consentAge,
    ).toBe(15);

    // Which teams hear of the log is the young person's to decide too: the mother refers the family
    // without it, the young person with it.
    const arenaId = await openDoorTeam('Familieteam');
    const referral = () => ({
      referralId: randomUUID(),
      familyId: s.familyId,
      logId,
      reason: 'Vi trenger hjelp',
    });
    const refused = referral();
    expectStatus(
      await s.mother.post(`/arenas/${arenaId}/referrals`, refused),
      422,
      'CONSENT_GIVER_NOT_AUTHORISED',
    );
    expectStatus(
      await s.mother.post(`/arenas/${arenaId}/referrals`, { ...referral(), logId: undefined }),
      201,
    );
    const youthsOwn = expectStatus(await per.post(`/arenas/${arenaId}/referrals`, referral()), 201);
    const queue = expectStatus(
      await s.kari.get(`/arenas/${arenaId}/referrals`, String(youthsOwn.body.position)),
      200,
    ).body.items as { document: { referralId: string; logId: string | null; referrer: unknown } }[];
    expect(queue.map((item) => item.document.referralId)).not.toContain(refused.referralId);
    expect(queue.map((item) => [item.document.logId, item.document.referrer])).toEqual(
      expect.arrayContaining([
        [null, expect.objectContaining({ kind: 'guardian' })],
        [logId, { kind: 'youth', subjectId: youthId }],
      ]),
    );
    expect(queue).toHaveLength(2);
  });

  it('opens a log only on a consent given by who consents under the age it opens with', async () => {
    expectStatus(await handlingsveileder(15), 200);
    const {
      logId,
      consentId,
      client: siri,
    } = await youthWithLog('Siri', '2011-05-01', 'Sover lite');
    // Fifteen since 1 May: her consent covers no day before it, on paper or not.
    for (const [client, onPaper] of [
      [siri, {}],
      [s.kari, { givenByYouth: true, paperFormReference: 'Arkiv 2026/7' }],
    ] as const)
      expectStatus(
        await client.post(`/stafettlogger/${logId}/consents/${consentId}/give`, {
          validFrom: '2026-04-30',
          validUntil: '2027-04-29',
          ...onPaper,
        }),
        422,
        'INVALID_VALIDITY',
      );
    expectStatus(
      await siri.post(`/stafettlogger/${logId}/consents/${consentId}/give`, {
        validFrom: '2026-09-01',
        validUntil: '2027-08-31',
      }),
      201,
    );
    // The municipality moves to 16 before the log opens: her consent is no longer the one that counts.
    expectStatus(await handlingsveileder(16), 200);
    const refused = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/open`, { level: 1 }),
      422,
      'CONSENT_GIVER_NOT_AUTHORISED',
    );
    expect(refused.body.message).toContain('before 16 the guardians consent');
    expect(expectStatus(await s.kari.get(`/stafettlogger/${logId}`), 200).body.status).toBe(
      'awaiting_consent',
    );
    // Under 16 which teams hear of the log is her guardians' to decide; she asks for help without it.
    const arenaId = await openDoorTeam('Ungdomsteam');
    const referral = { familyId: s.familyId, reason: 'Jeg trenger noen å snakke med' };
    expectStatus(
      await siri.post(`/arenas/${arenaId}/referrals`, {
        ...referral,
        referralId: randomUUID(),
        logId,
      }),
      422,
      'CONSENT_GIVER_NOT_AUTHORISED',
    );
    expectStatus(
      await siri.post(`/arenas/${arenaId}/referrals`, { ...referral, referralId: randomUUID() }),
      201,
    );
    // Back at 15 it opens, under 15.
    expectStatus(await handlingsveileder(15), 200);
    const opened = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/open`, { level: 1 }),
      201,
    );
    expect(
      expectStatus(await siri.get(`/stafettlogger/${logId}`, String(opened.body.position)), 200)
        .body.consentAge,
    ).toBe(15);
  });
});
