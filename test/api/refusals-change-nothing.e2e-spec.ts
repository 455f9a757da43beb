import { randomUUID } from 'node:crypto';
import { DEFAULT_HANDLINGSVEILEDER } from '@bti/domain';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { ApiClient, expectStatus, type ApiResponse } from '../support/api-client';
import { logWithBarnehage, meetingWithDecisions } from '../support/meeting-scenario';
import { awaitingLog, enrolledFamily, registeredStaff, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/** Requests the rules refuse: each answers why, and the log holds nothing more than before. */
describe('a refused request changes nothing', () => {
  let t: TestApp;
  let s: Scenario;
  let store: EventStore;
  const now = new Date('2026-10-01T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    s = await enrolledFamily(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    const neighbour = await ApiClient.as(t, {
      subject: 'admin-ostre-toten',
      role: 'admin',
      municipalityId: 'ostre-toten',
    });
    expectStatus(
      await neighbour.post('/municipalities', {
        municipalityId: 'ostre-toten',
        name: 'Østre Toten',
        county: 'Innlandet',
      }),
      201,
    );
  });
  afterAll(() => t.close());

  /** The municipality as the admin reads it once everything written so far is in the view. */
  const municipalityView = async () =>
    expectStatus(
      await s.admin.get(`/municipalities/${s.municipalityId}`, await t.sealedHead()),
      200,
    ).body;

  /** The refusal's answer, after checking that the log's head and what `read` shows stayed. */
  async function refusedWithoutTrace(
    send: () => Promise<ApiResponse>,
    read: () => Promise<unknown> = municipalityView,
  ): Promise<ApiResponse> {
    const view = await read();
    // After the read: reading a log is itself written, to the family's access log.
    const head = await store.headPosition();
    const answer = await send();
    expect(await store.headPosition()).toBe(head);
    expect(await read()).toEqual(view);
    return answer;
  }

  /** What a reader sees at `path` once everything written so far is in the view. */
  const viewAt = (reader: ApiClient, path: string) => async () =>
    expectStatus(await reader.get(path, await t.sealedHead()), 200).body;

  describe('a service that also serves other municipalities', () => {
    const services = () => `/municipalities/${s.municipalityId}/services`;
    const service = (serviceId: string, alsoServes: string[]) => ({
      serviceId,
      name: 'Interkommunal barnevernstjeneste',
      sector: 'barnevern',
      alsoServes,
    });

    it('names enrolled ones', async () => {
      expectStatus(await s.admin.post(services(), service('barnevern', ['ostre-toten'])), 201);
    });

    it('is refused for a municipality that is not enrolled (422 MUNICIPALITY_NOT_ENROLLED)', async () => {
      const answer = await refusedWithoutTrace(() =>
        s.admin.post(services(), service('ppt-1', ['ostre-toten', 'ingen-slik-kommune'])),
      );
      expectStatus(answer, 422, 'MUNICIPALITY_NOT_ENROLLED');
      expect(answer.body.municipalityId).toBe('ingen-slik-kommune');
    });

    it('is refused for its own municipality (422 INVALID_HOSTING)', async () => {
      const answer = await refusedWithoutTrace(() =>
        s.admin.post(services(), service('ppt-2', [s.municipalityId])),
      );
      expectStatus(answer, 422, 'INVALID_HOSTING');
    });

    it('is refused for a municipality named twice (400)', async () => {
      const answer = await refusedWithoutTrace(() =>
        s.admin.post(services(), service('ppt-3', ['ostre-toten', 'ostre-toten'])),
      );
      expect(expectStatus(answer, 400, 'VALIDATION_FAILED').body.fields).toEqual([
        expect.objectContaining({ field: 'alsoServes' }),
      ]);
    });
  });

  describe('the handlingsveileder', () => {
    const handlingsveileder = () => `/municipalities/${s.municipalityId}/handlingsveileder`;
    const { version: _version, ...inForceAtEnrolment } = DEFAULT_HANDLINGSVEILEDER;

    it('sent again as it is in force is refused (422 NO_CHANGE), in any order of its levels', async () => {
      expectStatus(
        await refusedWithoutTrace(() => s.admin.put(handlingsveileder(), inForceAtEnrolment)),
        422,
        'NO_CHANGE',
      );
      const shorter = {
        ...inForceAtEnrolment,
        concernDecisionDeadlineDays: 10,
        levels: inForceAtEnrolment.levels.filter((l) => l.level !== 1),
      };
      expectStatus(await s.admin.put(handlingsveileder(), shorter), 200);
      expectStatus(
        await refusedWithoutTrace(() =>
          s.admin.put(handlingsveileder(), { ...shorter, levels: [...shorter.levels].reverse() }),
        ),
        422,
        'NO_CHANGE',
      );
      expect(await municipalityView()).toMatchObject({
        handlingsveileder: { version: 2, concernDecisionDeadlineDays: 10 },
      });
    });

    it('changed by another municipality’s admin with a commandId used here is refused as with a new one (403)', async () => {
      const commandId = randomUUID();
      const changed = { ...inForceAtEnrolment, inactivityThresholdDays: 90, commandId };
      expectStatus(await s.admin.put(handlingsveileder(), changed), 200);
      const neighbour = await ApiClient.as(t, {
        subject: 'admin-ostre-toten',
        role: 'admin',
        municipalityId: 'ostre-toten',
      });
      // Not COMMAND_ID_REUSED, which told them the id was used here (found from outside).
      for (const body of [changed, { ...changed, inactivityThresholdDays: 30 }])
        expectStatus(
          await refusedWithoutTrace(() => neighbour.put(handlingsveileder(), body)),
          403,
          'NOT_YOUR_MUNICIPALITY',
        );
      expectStatus(await s.admin.put(handlingsveileder(), changed), 200);
    });
  });

  describe('a log whose id is taken', () => {
    it('answers another municipality’s staff as a new id does: their service has no such concern (404)', async () => {
      const logId = await logWithBarnehage(s, '2026-10-01');
      // A service this municipality does not have: the taken id answered SERVICE_NOT_REGISTERED.
      const [siri] = await registeredStaff(t, 'siljan', [
        { subject: 'staff-siri', serviceId: 'tannhelse-siljan' },
      ]);
      const start = (id: string) => ({
        logId: id,
        concernId: randomUUID(),
        consentId: randomUUID(),
        scope: { services: ['tannhelse-siljan'], categories: ['health'], purpose: 'p' },
      });
      const fresh = expectStatus(await siri.post('/stafettlogger', start(randomUUID())), 404);
      expectStatus(
        await refusedWithoutTrace(
          () => siri.post('/stafettlogger', start(logId)),
          viewAt(s.kari, `/stafettlogger/${logId}`),
        ),
        404,
        String(fresh.body.code),
      );
    });
  });

  describe('a text that may be left out', () => {
    // An empty one is refused as too short (400) before the rules see it.
    const blanks = ['   ', '\u200b\u00ad'];
    let logId: string;
    beforeAll(async () => {
      logId = await logWithBarnehage(s, '2026-10-01');
    });

    it('is refused blank as a consent refusal’s reason (422 TEXT_REQUIRED), and taken left out', async () => {
      const { logId: awaitingId, consentId } = await awaitingLog(s);
      const refuse = `/stafettlogger/${awaitingId}/consents/${consentId}/refuse`;
      for (const reason of blanks) {
        const answer = await refusedWithoutTrace(
          () => s.mother.post(refuse, { reason }),
          viewAt(s.kari, `/stafettlogger/${awaitingId}`),
        );
        expect(expectStatus(answer, 422, 'TEXT_REQUIRED').body.field).toBe('reason');
      }
      expectStatus(await s.mother.post(refuse), 201);
    });

    it('is no field of a handover’s answer: a reason or a note sent with one is refused (400)', async () => {
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/handover/offer`, {
          toStaffId: 'staff-per',
          toServiceId: 'barnehage',
        }),
        201,
      );
      const log = viewAt(s.per, `/stafettlogger/${logId}`);
      for (const [answer, text] of [
        ['decline', { reason: ' ' }],
        ['accept', { note: '\u200b' }],
      ] as const) {
        const refused = await refusedWithoutTrace(
          () => s.per.post(`/stafettlogger/${logId}/handover/${answer}`, text),
          log,
        );
        expectStatus(refused, 400, 'VALIDATION_FAILED');
      }
      expectStatus(await s.per.post(`/stafettlogger/${logId}/handover/decline`), 201);
    });

    it('is refused blank as the family’s comment on a meeting and the ettermøte’s lesson (422 TEXT_REQUIRED)', async () => {
      const { meetingId } = await meetingWithDecisions(s, logId, now.toISOString(), []);
      const M = `/meetings/${meetingId}`;
      const meeting = viewAt(s.kari, M);
      const scores = { coordination: 4, beingHeard: 5, usefulness: 4 };
      for (const comment of blanks) {
        const answer = await refusedWithoutTrace(
          () => s.mother.post(`${M}/evaluations`, { ...scores, comment }),
          meeting,
        );
        expect(expectStatus(answer, 422, 'TEXT_REQUIRED').body.field).toBe('comment');
      }
      expectStatus(await s.kari.post(`${M}/end`), 201);
      const ettermote = {
        confidentialityReminded: true,
        formAndContent: 4,
        chairSteering: 4,
        teamSupport: 4,
        equalDialogue: 4,
        childsVoiceHeard: 'partly',
      };
      for (const learned of blanks) {
        const answer = await refusedWithoutTrace(
          () => s.kari.post(`${M}/ettermote`, { ...ettermote, learned }),
          meeting,
        );
        expect(expectStatus(answer, 422, 'TEXT_REQUIRED').body.field).toBe('learned');
      }
      expectStatus(await s.mother.post(`${M}/evaluations`, scores), 201);
      expectStatus(await s.kari.post(`${M}/ettermote`, ettermote), 201);
    });

    it('is refused blank as the family’s closing comment (422 TEXT_REQUIRED); the log stays open', async () => {
      const familyEvaluation = { coordination: 4, accessibility: 4, participation: 5 };
      for (const comment of blanks) {
        const answer = await refusedWithoutTrace(
          () =>
            s.kari.post(`/stafettlogger/${logId}/close`, {
              reason: 'needs_met',
              familyEvaluation: { ...familyEvaluation, comment },
            }),
          viewAt(s.kari, `/stafettlogger/${logId}`),
        );
        expect(expectStatus(answer, 422, 'TEXT_REQUIRED').body.field).toBe('comment');
        // Blank or not, a reason for no evaluation beside an evaluation was dropped unsaid.
        expectStatus(
          await refusedWithoutTrace(
            () =>
              s.kari.post(`/stafettlogger/${logId}/close`, {
                reason: 'needs_met',
                familyEvaluation,
                evaluationMissingReason: comment,
              }),
            viewAt(s.kari, `/stafettlogger/${logId}`),
          ),
          422,
          'INVALID_EVALUATION',
        );
      }
    });

    it('is refused blank as a team’s note on taking a referral in and its advice on declining one (422 TEXT_REQUIRED)', async () => {
      const arenaId = randomUUID();
      expectStatus(
        await s.admin.post('/arenas', {
          arenaId,
          kind: 'samhandlingsteam',
          name: 'Familieteam',
          mandate: 'Hjelp til familier som trenger flere tjenester',
          intakeCriteria: 'Familien eller en tjeneste ber om det',
          memberServices: ['helsestasjon'],
          meetingRhythm: 'Hver torsdag',
          acceptsCitizenReferrals: true,
        }),
        201,
      );
      const referralId = randomUUID();
      expectStatus(
        await s.mother.post(`/arenas/${arenaId}/referrals`, {
          referralId,
          familyId: s.familyId,
          reason: 'Vi trenger hjelp',
        }),
        201,
      );
      const R = `/arenas/${arenaId}/referrals/${referralId}`;
      const queue = viewAt(s.kari, `/arenas/${arenaId}/referrals`);
      for (const blank of blanks) {
        const accepted = await refusedWithoutTrace(
          () => s.kari.post(`${R}/accept`, { note: blank }),
          queue,
        );
        expect(expectStatus(accepted, 422, 'TEXT_REQUIRED').body.field).toBe('note');
        const declined = await refusedWithoutTrace(
          () => s.kari.post(`${R}/decline`, { reason: 'Ikke vårt', advice: blank }),
          queue,
        );
        expect(expectStatus(declined, 422, 'TEXT_REQUIRED').body.field).toBe('advice');
      }
      expectStatus(await s.kari.post(`${R}/accept`, {}), 201);
    });

    it('is refused blank as the programme’s notes on an initiative’s status and on the baseline (422 TEXT_REQUIRED)', async () => {
      const P = `/programme/${s.municipalityId}`;
      expectStatus(
        await s.admin.post(`${P}/initiatives`, {
          initiativeId: 'familiekoordinator',
          name: 'Familiekoordinator',
          purpose: 'Én fast kontakt for familien',
          targetGroup: 'Familier med barn 0–18',
          serviceIds: ['helsestasjon'],
          sectors: ['helsestasjon', 'nav'],
          evaluationMethod: 'Brukerundersøkelse',
          status: 'planned',
        }),
        201,
      );
      const programme = viewAt(s.admin, P);
      for (const blank of blanks) {
        const status = await refusedWithoutTrace(
          () =>
            s.admin.post(`${P}/initiatives/familiekoordinator/status`, {
              status: 'piloting',
              note: blank,
            }),
          programme,
        );
        expect(expectStatus(status, 422, 'TEXT_REQUIRED').body.field).toBe('note');
        const baseline = await refusedWithoutTrace(
          () => s.admin.post(`${P}/baseline`, { date: '2026-01-01', note: blank }),
          programme,
        );
        expect(expectStatus(baseline, 422, 'TEXT_REQUIRED').body.field).toBe('note');
      }
      expectStatus(
        await s.admin.post(`${P}/initiatives/familiekoordinator/status`, { status: 'piloting' }),
        201,
      );
    });
  });
});
