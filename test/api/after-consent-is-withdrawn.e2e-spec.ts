import { randomUUID } from 'node:crypto';
import { expectStatus, type ApiClient } from '../support/api-client';
import { logWithBarnehage, scheduleVideoMeeting } from '../support/meeting-scenario';
import { enrolledFamily, kompetanseteam, openedLog, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

interface WorklistSection {
  total: number;
  items: Record<string, unknown>[];
}
type Worklist = Record<string, WorklistSection>;

/** Found from outside: what a withdrawn consent (or a consent naming others) left behind. */
describe('after a consent is withdrawn', () => {
  let t: TestApp;
  let s: Scenario;
  const now = new Date('2026-10-01T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    s = await enrolledFamily(t);
  });
  afterAll(() => t.close());

  const worklistOf = async (staff: ApiClient, position: string) =>
    expectStatus(await staff.get('/me/worklist', position), 200).body as Worklist;

  it('lists in the worklist only the consents that name your service, and work inside the log only while you may read it', async () => {
    const { logId, consentId } = await openedLog(s, {
      validFrom: '2026-10-01',
      validUntil: '2026-10-20',
      level: 2,
      services: ['helsestasjon', 'barnehage'],
      categories: ['health', 'kindergarten_situation'],
    });
    const L = `/stafettlogger/${logId}`;
    expectStatus(await s.kari.post(`${L}/services`, { serviceId: 'barnehage' }), 201);
    expectStatus(
      await s.kari.post(`${L}/handover/offer`, {
        toStaffId: 'staff-per',
        toServiceId: 'barnehage',
      }),
      201,
    );
    expectStatus(await s.per.post(`${L}/handover/accept`), 201);
    // A consent between the family and the health visitor alone, also ending within 30 days.
    const healthOnly = randomUUID();
    expectStatus(
      await s.kari.post(`${L}/consents`, {
        consentId: healthOnly,
        scope: { services: ['helsestasjon'], categories: ['health'], purpose: 'Helsesamtaler' },
      }),
      201,
    );
    expectStatus(
      await s.mother.post(`${L}/consents/${healthOnly}/give`, {
        validFrom: '2026-10-01',
        validUntil: '2026-10-25',
      }),
      201,
    );
    const measureId = randomUUID();
    const planned = expectStatus(
      await s.kari.post(`${L}/measures`, {
        measureId,
        goal: 'Trygg i garderoben',
        responsibleServiceId: 'barnehage',
        responsibleStaffId: 'staff-per',
        startDate: '2026-10-01',
        evaluationDate: '2026-10-10',
      }),
      201,
    );

    const before = await worklistOf(s.per, String(planned.body.position));
    expect(before.batons.items.map((item) => item.logId)).toEqual([logId]);
    expect(before.consentsExpiring.items.map((item) => item.consentId)).toEqual([consentId]);
    expect(before.evaluationsDue.items.map((item) => item.measureId)).toEqual([measureId]);
    expect(JSON.stringify(before)).not.toContain(healthOnly);
    // The health visitor holds no baton, so lists no consent; the one naming only them is not Per's.
    const byKari = await worklistOf(s.kari, String(planned.body.position));
    expect(byKari.consentsExpiring.total).toBe(0);

    const withdrawn = expectStatus(await s.mother.post(`${L}/consents/${consentId}/withdraw`), 201);
    // The consent left names only the health visitor.
    expectStatus(await s.per.get(L, String(withdrawn.body.position)), 422, 'OUTSIDE_CONSENT_SCOPE');
    const after = await worklistOf(s.per, String(withdrawn.body.position));
    // Still Per's to act on (close the log, or hand it on), without what only the log's reader sees.
    expect(after.batons.items.map((item) => item.logId)).toEqual([logId]);
    expect(after.consentsExpiring).toEqual({ total: 0, items: [] });
    expect(after.evaluationsDue).toEqual({ total: 0, items: [] });
  });

  it('lets the chair call a meeting off, or end one under way without the child’s voice, once the consent is withdrawn', async () => {
    const logId = await logWithBarnehage(s, '2026-10-01');
    const later = randomUUID();
    const today = randomUUID();
    expectStatus(await scheduleVideoMeeting(s, logId, later, '2026-10-08T10:00:00+02:00'), 201);
    expectStatus(await scheduleVideoMeeting(s, logId, today, '2026-10-01T12:00:00+02:00'), 201);
    expectStatus(
      await s.kari.post(`/meetings/${today}/start`, {
        attendance: [
          { kind: 'guardian', guardianId: s.motherId, mode: 'digital' },
          { kind: 'staff', staffId: 'staff-kari', serviceId: 'helsestasjon', mode: 'present' },
        ],
      }),
      201,
    );
    const view = expectStatus(await s.kari.get(`/stafettlogger/${logId}`), 200).body as {
      consents: { consentId: string }[];
    };
    for (const { consentId } of view.consents)
      expectStatus(
        await s.mother.post(`/stafettlogger/${logId}/consents/${consentId}/withdraw`),
        201,
      );

    // Another invited service is not the chair, consent or not.
    expectStatus(
      await s.per.post(`/meetings/${later}/cancel`, { reason: 'Samtykket er trukket' }),
      422,
      'NOT_CHAIR',
    );
    expectStatus(
      await s.kari.post(`/meetings/${later}/cancel`, { reason: 'Samtykket er trukket' }),
      201,
    );
    // Nobody may record the child's voice now; what was said stays unrecorded, the meeting ends.
    expectStatus(
      await s.kari.post(`/meetings/${today}/childs-voice`, {
        heard: false,
        reasonNotHeard: 'Samtykket ble trukket',
      }),
      422,
      'CONSENT_REQUIRED',
    );
    const ended = expectStatus(
      await s.kari.post(`/meetings/${today}/end`, { nextMeetingDate: null }),
      201,
    );
    const meeting = expectStatus(
      await s.mother.get(`/meetings/${today}`, String(ended.body.position)),
      200,
    ).body as { status: string };
    expect(meeting.status).toBe('ended');
  });

  it('lets a team take in a case referred under consent only while the consent names it, and withholds the reason after', async () => {
    const arenaId = randomUUID();
    expectStatus(await s.admin.post('/arenas', kompetanseteam(arenaId)), 201);
    const { logId, consentId } = await openedLog(s, {
      validFrom: '2026-10-01',
      validUntil: '2027-09-30',
      level: 2,
      services: ['helsestasjon', 'barnehage'],
      categories: ['health'],
    });
    const referralId = randomUUID();
    const referred = expectStatus(
      await s.kari.post(`/arenas/${arenaId}/referrals`, {
        referralId,
        familyId: s.familyId,
        logId,
        reason: 'Trenger flere øyne',
      }),
      201,
    );
    type Queue = { items: { document: Record<string, unknown> }[] };
    const queueAt = async (position: string) =>
      (
        expectStatus(await s.per.get(`/arenas/${arenaId}/referrals`, position), 200)
          .body as unknown as Queue
      ).items.map((item) => item.document);
    expect(await queueAt(String(referred.body.position))).toEqual([
      expect.objectContaining({
        referralId,
        reason: 'Trenger flere øyne',
        consentCoversArena: true,
        consentCoversArenaNow: true,
      }),
    ]);

    const withdrawn = expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/consents/${consentId}/withdraw`),
      201,
    );
    expect(await queueAt(String(withdrawn.body.position))).toEqual([
      expect.objectContaining({
        referralId,
        reason: null,
        consentCoversArena: true,
        consentCoversArenaNow: false,
      }),
    ]);
    const R = `/arenas/${arenaId}/referrals/${referralId}`;
    expectStatus(await s.per.post(`${R}/accept`, {}), 422, 'CONSENT_REQUIRED');
    expectStatus(
      await s.per.post(`${R}/decline`, {
        reason: 'Samtykket er trukket',
        advice: 'Be om nytt samtykke om dere vil ha teamets råd',
      }),
      201,
    );
  });

  it('leaves a closed log’s next evaluation and meetings off the family’s start page', async () => {
    const logId = await logWithBarnehage(s, '2026-10-01');
    const meetingId = randomUUID();
    expectStatus(await scheduleVideoMeeting(s, logId, meetingId, '2026-10-09T10:00:00+02:00'), 201);
    const planned = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/measures`, {
        measureId: randomUUID(),
        goal: 'Mer søvn',
        responsibleServiceId: 'helsestasjon',
        responsibleStaffId: 'staff-kari',
        startDate: '2026-10-01',
        evaluationDate: '2026-10-15',
      }),
      201,
    );
    type Child = {
      logs: { logId: string; nextEvaluation: unknown }[];
      nextMeeting: { meetingId: string } | null;
    };
    const childOf = async (position: string) =>
      (
        expectStatus(await s.mother.get('/me/children', position), 200).body as {
          children: Child[];
        }
      ).children[0];
    const open = await childOf(String(planned.body.position));
    expect(open.logs.find((log) => log.logId === logId)?.nextEvaluation).not.toBeNull();
    expect(open.nextMeeting?.meetingId).toBe(meetingId);

    const closed = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/close`, {
        reason: 'needs_met',
        familyEvaluation: { coordination: 4, accessibility: 4, participation: 4 },
      }),
      201,
    );
    const after = await childOf(String(closed.body.position));
    expect(after.logs.find((log) => log.logId === logId)?.nextEvaluation).toBeNull();
    expect(after.nextMeeting).toBeNull();
  });
});
