import { DEFAULT_HANDLINGSVEILEDER } from '@bti/domain';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { ApiClient, expectStatus, type ApiResponse } from '../support/api-client';
import { enrolledFamily, type Scenario } from '../support/scenario';
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

  /** The refusal's answer, after checking that the log's head and the municipality's view stayed. */
  async function refusedWithoutTrace(send: () => Promise<ApiResponse>): Promise<ApiResponse> {
    const head = await store.headPosition();
    const view = await municipalityView();
    const answer = await send();
    expect(await store.headPosition()).toBe(head);
    expect(await municipalityView()).toEqual(view);
    return answer;
  }

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
  });
});
