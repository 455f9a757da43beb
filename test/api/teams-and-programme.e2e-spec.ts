import { randomUUID } from 'node:crypto';
import { testIdentityNumber } from '../../libs/domain/src/testing/identity-numbers';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { familyMemberNamesProjection } from '@bti/families';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { ApiClient, expectStatus } from '../support/api-client';
import {
  enrolledFamily,
  kompetanseteam,
  openedLog,
  registeredStaff,
  type Scenario,
} from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

describe('arenas, anonymous discussions and the programme register, from outside', () => {
  let t: TestApp;
  let s: Scenario;
  let store: EventStore;
  let logId: string;
  let nav: ApiClient;
  let otherAdmin: ApiClient;
  let otherStaff: ApiClient;
  const now = new Date('2026-10-01T08:00:00.000Z');
  const teamId = randomUUID();
  const openDoorId = randomUUID();

  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    s = await enrolledFamily(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    [nav] = await registeredStaff(t, s.municipalityId, [
      { subject: 'staff-nina', serviceId: 'nav' },
    ]);
    [otherStaff] = await registeredStaff(t, 'siljan', [
      { subject: 'staff-siri', serviceId: 'barnehage' },
    ]);
    otherAdmin = await ApiClient.as(t, {
      subject: 'admin-siljan',
      role: 'admin',
      municipalityId: 'siljan',
    });
    ({ logId } = await openedLog(s, {
      validFrom: '2026-10-01',
      validUntil: '2027-09-30',
      level: 2,
      services: ['helsestasjon', 'barnehage'],
      categories: ['health', 'kindergarten_situation'],
    }));
  });
  afterAll(() => t.close());

  const arena = (overrides: Record<string, unknown> = {}) => kompetanseteam(teamId, overrides);

  describe('arenas', () => {
    it('are established by the municipality’s admin and read by its staff', async () => {
      expectStatus(await s.kari.post('/arenas', arena()), 403);
      const created = expectStatus(await s.admin.post('/arenas', arena()), 201);
      expectStatus(
        await s.admin.post(
          '/arenas',
          arena({ arenaId: openDoorId, name: 'Familieteam', acceptsCitizenReferrals: true }),
        ),
        201,
      );
      const seen = expectStatus(await s.per.get(`/arenas/${teamId}`, created.body.position), 200);
      expect(seen.body).toMatchObject({
        mandate: 'Råd til ansatte i barnehage og helsestasjon',
        pendingReferrals: 0,
      });
      expectStatus(await otherStaff.get(`/arenas/${teamId}`), 404, 'ARENA_NOT_FOUND');
      expectStatus(
        await otherAdmin.put(`/arenas/${teamId}`, { ...arena(), arenaId: undefined }),
        404,
        'ARENA_NOT_FOUND',
      );
      const list = expectStatus(
        await s.mother.get(`/arenas?municipalityId=${s.municipalityId}`),
        200,
      );
      expect((list.body.items as { id: string }[]).map((i) => i.id)).toEqual([openDoorId]);
      // The family learns what the team is and how to be referred, not how many cases wait (nor the
      // revision, which moves with every referral).
      const [door] = list.body.items as { document: Record<string, unknown> }[];
      expect(door.document).not.toHaveProperty('pendingReferrals');
      expect(door.document).not.toHaveProperty('revision');
      const one = expectStatus(await s.mother.get(`/arenas/${openDoorId}`), 200);
      expect(one.body).not.toHaveProperty('pendingReferrals');
      expect(one.headers.etag).toBeUndefined();
      expect(expectStatus(await s.per.get(`/arenas/${openDoorId}`), 200).body).toMatchObject({
        pendingReferrals: expect.any(Number),
        revision: expect.any(String),
      });
      // Staff know their own municipality's arenas only: another's is not there for them.
      expectStatus(
        await otherStaff.get(`/arenas?municipalityId=${s.municipalityId}`),
        404,
        'MUNICIPALITY_NOT_FOUND',
      );
    });

    it.each([
      ['a member that is no service id', { memberServices: ['Helse Stasjon'] }, 'memberServices'],
      ['an unknown kind', { kind: 'styringsgruppe' }, 'kind'],
      ['no members', { memberServices: [] }, 'memberServices'],
      ['an unknown field', { budget: 1 }, 'budget'],
    ])('refuse %s with 400', async (_, change, field) => {
      const res = expectStatus(
        await s.admin.post('/arenas', arena({ arenaId: randomUUID(), ...change })),
        400,
      );
      expect((res.body.fields as { field: string }[]).map((f) => f.field)).toContain(field);
    });

    it('take referrals from staff inside the consent, into a queue only their members see', async () => {
      const referralId = randomUUID();
      const referral = { referralId, familyId: s.familyId, logId, reason: 'Trenger flere øyne' };
      expectStatus(
        await s.kari.post(`/arenas/${teamId}/referrals`, { ...referral, logId: undefined }),
        422,
        'LOG_REQUIRED',
      );
      // NAV neither takes part in the log nor is named by its consent: the log is unknown to it, as a
      // read of it answers (an OUTSIDE_CONSENT_SCOPE here told it the log exists).
      expectStatus(
        await nav.post(`/arenas/${teamId}/referrals`, referral),
        404,
        'STAFETTLOGG_NOT_FOUND',
      );
      expectStatus(await nav.get(`/stafettlogger/${logId}`), 404, 'STAFETTLOGG_NOT_FOUND');
      const commandId = randomUUID();
      const done = expectStatus(
        await s.kari.post(`/arenas/${teamId}/referrals`, { ...referral, commandId }),
        201,
      );
      const again = expectStatus(
        await s.kari.post(`/arenas/${teamId}/referrals`, { ...referral, commandId }),
        201,
      );
      expect(again.body.duplicate).toBe(true);
      expectStatus(
        await s.kari.post(`/arenas/${teamId}/referrals`, {
          ...referral,
          commandId,
          reason: 'Noe annet',
        }),
        422,
        'COMMAND_ID_REUSED',
      );
      const queue = expectStatus(
        await s.per.get(`/arenas/${teamId}/referrals`, done.body.position),
        200,
      );
      expect(queue.body.items).toEqual([
        expect.objectContaining({
          document: expect.objectContaining({
            referralId,
            level: 2,
            consentCoversArena: true,
            referrer: { kind: 'staff', staffId: 'staff-kari', serviceId: 'helsestasjon' },
          }) as unknown,
        }),
      ]);
      expectStatus(await nav.get(`/arenas/${teamId}/referrals`), 422, 'NOT_ARENA_MEMBER');
      expectStatus(await s.mother.get(`/arenas/${teamId}/referrals`), 403);
      expectStatus(
        await s.per.post(`/arenas/${teamId}/referrals/${referralId}/decline`, {
          reason: 'Utenfor mandatet',
        }),
        422,
        'INVALID_REDIRECT',
      );
      // The family is sent on to an arena that is there: not an id of nothing.
      expectStatus(
        await s.per.post(`/arenas/${teamId}/referrals/${referralId}/decline`, {
          reason: 'Utenfor mandatet',
          redirectToArenaId: randomUUID(),
        }),
        422,
        'INVALID_REDIRECT',
      );
      expectStatus(
        await nav.post(`/arenas/${teamId}/referrals/${referralId}/accept`, {}),
        422,
        'NOT_ARENA_MEMBER',
      );
      expectStatus(await s.per.post(`/arenas/${teamId}/referrals/${referralId}/accept`, {}), 201);
      expectStatus(
        await s.per.post(`/arenas/${teamId}/referrals/${referralId}/accept`, {}),
        422,
        'REFERRAL_NOT_PENDING',
      );
      expectStatus(
        await s.per.post(`/arenas/${teamId}/referrals/${randomUUID()}/accept`, {}),
        404,
        'REFERRAL_NOT_FOUND',
      );
    });

    it('take the family’s own referral only where the arena is "en dør inn"', async () => {
      const referral = {
        referralId: randomUUID(),
        familyId: s.familyId,
        reason: 'Vi trenger hjelp',
      };
      expectStatus(
        await s.mother.post(`/arenas/${teamId}/referrals`, referral),
        422,
        'CITIZEN_REFERRALS_CLOSED',
      );
      expectStatus(await s.mother.post(`/arenas/${openDoorId}/referrals`, referral), 201);
      const stranger = await ApiClient.as(t, { subject: 'idp|stranger', role: 'guardian' });
      expectStatus(
        await stranger.post(`/arenas/${openDoorId}/referrals`, {
          ...referral,
          referralId: randomUUID(),
        }),
        404,
        'FAMILY_NOT_FOUND',
      );
    });
  });

  describe('anonymous discussions', () => {
    const question = (text: string) => ({
      discussionId: randomUUID(),
      arenaId: teamId,
      ageBand: '0-5',
      themes: ['wellbeing'],
      servicesInvolved: ['barnehage'],
      question: text,
    });

    it.each([
      ['a fødselsnummer', `Gjelder ${testIdentityNumber('010522')}`, 'national_identity_number'],
      [
        'a D-number written 6 + 5',
        `Mor har D-nr ${testIdentityNumber('410190').replace(/^(\d{6})/, '$1 ')}`,
        'd_number',
      ],
      ['the registered child’s name', 'Ola sover dårlig og gråter mye', 'family_member_name'],
    ])('refuse %s, without echoing it, and write nothing', async (_, text, rule) => {
      const head = await store.headPosition();
      const res = expectStatus(
        await s.kari.post('/discussions', question(text)),
        422,
        'IDENTITY_IN_ANONYMOUS_DISCUSSION',
      );
      expect(res.body).toMatchObject({ field: 'question', rule });
      const body = JSON.stringify(res.body);
      for (const part of text.match(/\d{5,}|Ola/g) ?? []) expect(body).not.toContain(part);
      expect(await store.headPosition()).toBe(head);
    });

    it('are refused while the register of names is being rebuilt (half a register would let a name through), and taken once it has caught up', async () => {
      const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
      const readModels = t.app.get<SqliteReadModelStore>(READ_MODEL_STORE);
      await runner.waitForPosition(await store.headPosition(), 5000);
      await runner.stop();
      const head = await store.headPosition();
      try {
        readModels.reset(familyMemberNamesProjection);
        expectStatus(
          await s.kari.post('/discussions', question('Ola sover dårlig')),
          503,
          'READ_MODELS_REBUILDING',
        );
        expect(await store.headPosition()).toBe(head);
      } finally {
        runner.start();
      }
      await runner.waitForPosition(await store.headPosition(), 5000);
      expectStatus(
        await s.kari.post('/discussions', question('Ola sover dårlig')),
        422,
        'IDENTITY_IN_ANONYMOUS_DISCUSSION',
      );
    });

    it('wait for the register of names to hold a family registered a moment ago, so its child’s name does not pass', async () => {
      const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
      await runner.waitForPosition(await store.headPosition(), 5000);
      await runner.stop();
      let asked: Promise<Awaited<ReturnType<ApiClient['post']>>>;
      try {
        const familyId = randomUUID();
        expectStatus(await s.kari.post('/families', { familyId }), 201);
        expectStatus(
          await s.kari.post(`/families/${familyId}/subjects`, {
            subjectId: randomUUID(),
            kind: 'child',
            name: 'Sigrid Haugen',
            birthDate: '2021-03-01',
          }),
          201,
        );
        asked = s.kari.post('/discussions', question('Sigrid sover dårlig og gråter mye'));
        await new Promise((resolve) => setTimeout(resolve, 300));
      } finally {
        runner.start();
      }
      const res = expectStatus(await asked, 422, 'IDENTITY_IN_ANONYMOUS_DISCUSSION');
      expect(res.body).toMatchObject({ field: 'question', rule: 'family_member_name' });
      expect(JSON.stringify(res.body)).not.toContain('Sigrid');
    });

    it('take a question with no identity, and the team’s advice', async () => {
      const asked = question(
        'Jente 4 år som trekker seg unna i frileken; hvordan snakke med foreldrene?',
      );
      expectStatus(await s.kari.post('/discussions', asked), 201);
      expectStatus(await s.mother.post('/discussions', question('x')), 403);
      const advised = expectStatus(
        await s.per.post(`/discussions/${asked.discussionId}/advice`, {
          advice: 'Del det dere ser, og spør om samtykke til å involvere helsestasjonen',
          outcome: 'recommend_consent',
        }),
        201,
      );
      // A service outside the team may not know the discussion: its advice is 404, as its read is.
      expectStatus(
        await nav.post(`/discussions/${asked.discussionId}/advice`, {
          advice: 'x',
          outcome: 'advice_only',
        }),
        404,
        'DISCUSSION_NOT_FOUND',
      );
      // Nor does a page of the team's list it may not read name one by its cursor.
      const second = expectStatus(
        await s.kari.post('/discussions', question('Gutt 5 år som biter i leken; hva gjør vi?')),
        201,
      );
      expectStatus(await s.per.get(`/discussions?arenaId=${teamId}`, second.body.position), 200);
      expect(
        expectStatus(await nav.get(`/discussions?arenaId=${teamId}&limit=1`), 200).body,
      ).toEqual({ items: [], nextCursor: null });
      const seen = expectStatus(
        await s.kari.get(`/discussions/${asked.discussionId}`, advised.body.position),
        200,
      );
      expect(seen.body).toMatchObject({
        ageBand: '0-5',
        status: 'advised',
        advice: { outcome: 'recommend_consent' },
      });
      expectStatus(await nav.get(`/discussions/${asked.discussionId}`), 404);
      expectStatus(await otherStaff.get(`/discussions/${asked.discussionId}`), 404);
      const team = expectStatus(await s.per.get(`/discussions?arenaId=${teamId}`), 200);
      expect(team.body.items).toHaveLength(2);
      expectStatus(await s.kari.post('/discussions', { ...question('x'), ageBand: '25-30' }), 400);
    });
  });

  describe('the programme register', () => {
    const P = () => `/programme/${s.municipalityId}`;

    it('keeps initiatives, grants and commitments, never more than allocated', async () => {
      expectStatus(
        await s.admin.post(`${P()}/initiatives`, {
          initiativeId: 'familiekoordinator',
          name: 'Familiekoordinator',
          purpose: 'Én fast kontakt for familien',
          targetGroup: 'Familier med barn 0–18',
          serviceIds: ['helsestasjon'],
          sectors: ['helsestasjon', 'nav'],
          evaluationMethod: 'Brukerundersøkelse',
          status: 'piloting',
        }),
        201,
      );
      expectStatus(
        await s.admin.post(`${P()}/allocations`, {
          allocationId: randomUUID(),
          year: 2026,
          scheme: 'kap-765-post-60',
          amountNok: 1_000_000,
        }),
        201,
      );
      const commit = (amountNok: number) => ({
        commitmentId: randomUUID(),
        initiativeId: 'familiekoordinator',
        year: 2026,
        scheme: 'kap-765-post-60',
        amountNok,
      });
      expectStatus(await s.admin.post(`${P()}/commitments`, commit(600_000)), 201);
      const over = expectStatus(
        await s.admin.post(`${P()}/commitments`, commit(500_000)),
        422,
        'FUNDS_EXCEEDED',
      );
      expect(over.body.available).toBe(400_000);
      const baseline = expectStatus(
        await s.admin.post(`${P()}/baseline`, { date: '2026-01-01' }),
        201,
      );
      expectStatus(
        await s.admin.post(`${P()}/baseline`, { date: '2026-02-01' }),
        422,
        'BASELINE_EXISTS',
      );

      const analyst = await ApiClient.as(t, {
        subject: 'statsforvalter',
        role: 'analyst',
        municipalityId: 'innlandet',
      });
      const register = expectStatus(await analyst.get(P(), baseline.body.position), 200);
      expect(register.body).toMatchObject({
        baseline: { date: '2026-01-01' },
        funds: [
          { year: 2026, scheme: 'kap-765-post-60', allocated: 1_000_000, committed: 600_000 },
        ],
        initiatives: {
          familiekoordinator: { status: 'piloting', funding: [{ amountNok: 600_000 }] },
        },
      });
      expectStatus(await otherStaff.get(P()), 404);
      expectStatus(await s.mother.get(P()), 403);
      expectStatus(await s.kari.post(`${P()}/baseline`, { date: '2026-01-01' }), 403);
      expectStatus(await otherAdmin.post(`${P()}/baseline`, { date: '2026-01-01' }), 404);
    });

    it.each([
      ['a part-krone amount', { amountNok: 1.5 }, 'amountNok'],
      ['a year before the programme', { year: 1999 }, 'year'],
      ['an unknown scheme', { scheme: 'kap-999-post-1' }, 'scheme'],
    ])('refuses %s with 400', async (_, change, field) => {
      const res = expectStatus(
        await s.admin.post(`${P()}/allocations`, {
          allocationId: randomUUID(),
          year: 2026,
          scheme: 'kap-231-post-63',
          amountNok: 100,
          ...change,
        }),
        400,
      );
      expect((res.body.fields as { field: string }[]).map((f) => f.field)).toContain(field);
    });

    it('lets a measure in a log point at a running initiative, and only such', async () => {
      const measure = (initiativeId: string) => ({
        measureId: randomUUID(),
        goal: 'Fast kontakt',
        responsibleServiceId: 'helsestasjon',
        responsibleStaffId: 'staff-kari',
        startDate: '2026-10-05',
        initiativeId,
      });
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/measures`, measure('ukjent')),
        422,
        'UNKNOWN_INITIATIVE',
      );
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/measures`, measure('familiekoordinator')),
        201,
      );
    });
  });
});
