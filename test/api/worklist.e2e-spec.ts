import { randomUUID } from 'node:crypto';
import { ApiClient, expectStatus, type ApiResponse } from '../support/api-client';
import {
  measureDecision,
  meetingWithDecisions,
  scheduleVideoMeeting,
} from '../support/meeting-scenario';
import {
  enrolledFamily,
  kompetanseteam,
  openedLog,
  registeredStaff,
  type Scenario,
} from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

type Section = { total: number; items: Record<string, unknown>[] };
const section = (res: ApiResponse, name: string) => res.body[name] as Section;

/** Polls a read until `done` holds (the decision saga runs on its own). */
async function eventually(
  read: () => Promise<ApiResponse>,
  done: (res: ApiResponse) => boolean,
): Promise<ApiResponse> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const res = await read();
    if (done(res)) return res;
    if (Date.now() > deadline) throw new Error(`never happened: ${JSON.stringify(res.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the worklist: where staff start', () => {
  let t: TestApp;
  let s: Scenario;
  let logId: string;
  let consentId: string;
  let concernId: string;
  let nav: ApiClient;
  let elsewhere: ApiClient;
  let clock = new Date('2026-10-01T08:00:00.000Z');
  const meetingId = randomUUID();
  const teamId = randomUUID();
  let lastPosition = '0';
  const scheduleMeeting = (id: string, startsAt: string) =>
    scheduleVideoMeeting(s, logId, id, startsAt);
  const worklist = async (client: ApiClient) =>
    expectStatus(await client.get('/me/worklist', lastPosition), 200);

  beforeAll(async () => {
    t = await startTestApp({}, () => clock);
    s = await enrolledFamily(t);
    [nav] = await registeredStaff(t, s.municipalityId, [
      { subject: 'staff-nina', serviceId: 'nav' },
    ]);
    [elsewhere] = await registeredStaff(t, 'siljan', [
      { subject: 'staff-kari', serviceId: 'helsestasjon' },
    ]);
    ({ logId, consentId } = await openedLog(s, {
      validFrom: '2026-10-01',
      validUntil: '2026-10-20',
      level: 2,
      services: ['helsestasjon', 'barnehage'],
      categories: ['health', 'kindergarten_situation'],
    }));
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/services`, { serviceId: 'barnehage' }),
      201,
    );
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/measures`, {
        measureId: randomUUID(),
        goal: 'Faste leggerutiner',
        responsibleServiceId: 'barnehage',
        responsibleStaffId: 'staff-per',
        startDate: '2026-10-02',
        evaluationDate: '2026-10-10',
      }),
      201,
    );
    concernId = randomUUID();
    expectStatus(
      await s.per.post('/concerns', {
        concernId,
        familyId: s.familyId,
        subjectId: s.childId,
        kind: 'undring',
        summary: 'Trekker seg unna',
      }),
      201,
    );
    expectStatus(await scheduleMeeting(meetingId, '2026-10-05T10:00:00+02:00'), 201);
    await meetingWithDecisions(s, logId, '2026-10-01T10:00:00+02:00', [
      {
        decisionId: randomUUID(),
        kind: 'other',
        text: 'Helsesykepleier ringer fastlegen',
        responsibleStaffId: 'staff-kari',
        responsibleServiceId: 'helsestasjon',
        deadline: '2026-10-03',
      },
      // Carried into the log by the saga: never "past its deadline".
      measureDecision(logId, 'Fast voksen i frileken', '2026-10-03'),
      // The log is at level 2 already: the saga's command is refused and a person must follow up.
      {
        decisionId: randomUUID(),
        kind: 'level_change',
        logId,
        level: 2,
        text: 'Saken blir på nivå 2',
        responsibleStaffId: 'staff-kari',
        responsibleServiceId: 'helsestasjon',
        deadline: '2026-10-01',
      },
    ]);
    expectStatus(await s.admin.post('/arenas', kompetanseteam(teamId)), 201);
    expectStatus(
      await s.kari.post(`/arenas/${teamId}/referrals`, {
        referralId: randomUUID(),
        familyId: s.familyId,
        logId,
        reason: 'Trenger flere øyne',
      }),
      201,
    );
    const offered = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/handover/offer`, {
        toStaffId: 'staff-per',
        toServiceId: 'barnehage',
      }),
      201,
    );
    lastPosition = offered.body.position as string;
  });
  afterAll(() => t.close());

  it('gives the stafettholder the baton, the consent about to end, the meeting to prepare, the refused decision and the team’s queue', async () => {
    const kari = await eventually(
      () => worklist(s.kari),
      (res) => section(res, 'followUps').total === 1,
    );
    expect(section(kari, 'batons').items).toEqual([
      expect.objectContaining({ logId, childName: 'Ola', handoverOffered: true, level: 2 }),
    ]);
    expect(section(kari, 'consentsExpiring').items).toEqual([
      expect.objectContaining({ logId, consentId, validUntil: '2026-10-20', childName: 'Ola' }),
    ]);
    expect(section(kari, 'meetingsToPrepare').items).toEqual([
      { meetingId, familyId: s.familyId, startsAt: '2026-10-05T08:00:00.000Z' },
    ]);
    expect(section(kari, 'followUps').items).toEqual([
      expect.objectContaining({ code: 'NO_CHANGE' }),
    ]);
    expect(section(kari, 'decisionsPastDeadline').total).toBe(0);
    expect(kari.body.arenaQueues).toEqual([
      { arenaId: teamId, name: 'Kompetanseteam 0–6', pending: 1 },
    ]);
    expect(section(kari, 'handoversToAccept').total).toBe(0);
    expect(section(kari, 'evaluationsDue').total).toBe(0);
  });

  it('gives the receiving service the handover to accept and the evaluation coming up', async () => {
    const per = await worklist(s.per);
    expect(section(per, 'handoversToAccept').items).toEqual([
      expect.objectContaining({ logId, childName: 'Ola' }),
    ]);
    expect(section(per, 'evaluationsDue').items).toEqual([
      expect.objectContaining({ logId, evaluationDate: '2026-10-10', overdue: false }),
    ]);
    expect(section(per, 'batons').total).toBe(0);
    expect(section(per, 'overdueConcerns').total).toBe(0);
  });

  it('shows nothing to those the logs do not concern, and no worklist to families or analysts', async () => {
    for (const client of [nav, elsewhere]) {
      const res = await worklist(client);
      for (const name of [
        'batons',
        'handoversToAccept',
        'evaluationsDue',
        'consentsExpiring',
        'overdueConcerns',
        'inactiveLogs',
        'meetingsToPrepare',
        'decisionsPastDeadline',
        'followUps',
      ])
        expect(section(res, name)).toEqual({ total: 0, items: [] });
      expect(res.body.arenaQueues).toEqual([]);
    }
    expectStatus(await s.mother.get('/me/worklist'), 403);
    const analyst = await ApiClient.as(t, {
      subject: 'analyst',
      role: 'analyst',
      municipalityId: s.municipalityId,
    });
    expectStatus(await analyst.get('/me/worklist'), 403);
    expectStatus(await s.kari.get('/me/worklist?serviceId=nav'), 400, 'VALIDATION_FAILED');
  });

  it('brings up what is overdue as the days pass: evaluations, concerns, agreements, quiet logs', async () => {
    clock = new Date('2026-10-16T08:00:00.000Z');
    const per = await worklist(s.per);
    expect(section(per, 'evaluationsDue').items).toEqual([
      expect.objectContaining({ evaluationDate: '2026-10-10', overdue: true }),
    ]);
    expect(section(per, 'overdueConcerns').items).toEqual([
      expect.objectContaining({ concernId, decisionDeadline: '2026-10-15', childName: 'Ola' }),
    ]);
    const kari = await worklist(s.kari);
    expect(section(kari, 'decisionsPastDeadline').items).toEqual([
      expect.objectContaining({ kind: 'other', deadline: '2026-10-03' }),
    ]);
    expect(section(kari, 'meetingsToPrepare').total).toBe(0);
    expect(section(kari, 'inactiveLogs').total).toBe(0);

    clock = new Date('2027-01-15T08:00:00.000Z');
    const later = await worklist(s.kari);
    // The consent has ended: nothing expiring any more, and the stafettholder still holds the log,
    // which they may no longer read. What happens in it is not theirs to see, so neither is whether
    // it is quiet (a log quiet as far as the holder sees it is listed: the next describe).
    expect(section(later, 'consentsExpiring').total).toBe(0);
    expect(section(later, 'batons').items).toEqual([
      expect.objectContaining({ logId, lastActivityAt: null }),
    ]);
    expect(section(later, 'inactiveLogs').total).toBe(0);
  });

  it('drops the handover from the list once it is accepted, and moves the baton', async () => {
    clock = new Date('2026-10-02T08:00:00.000Z');
    const accepted = expectStatus(await s.per.post(`/stafettlogger/${logId}/handover/accept`), 201);
    lastPosition = accepted.body.position as string;
    expect(section(await worklist(s.per), 'handoversToAccept').total).toBe(0);
    expect(section(await worklist(s.per), 'batons').items).toEqual([
      expect.objectContaining({ logId, handoverOffered: false }),
    ]);
    expect(section(await worklist(s.kari), 'batons').total).toBe(0);
  });
  it('counts the day in Oslo: just past midnight there, tonight’s meeting is today’s, though UTC is still on the day before', async () => {
    // 22:30 UTC on 9 October is 00:30 on 10 October in Oslo (CEST).
    clock = new Date('2026-10-09T22:30:00.000Z');
    const lateMeetingId = randomUUID();
    const scheduled = expectStatus(
      await scheduleMeeting(lateMeetingId, '2026-10-10T00:45:00+02:00'),
      201,
    );
    lastPosition = scheduled.body.position as string;
    const toPrepare = async () =>
      section(await worklist(s.kari), 'meetingsToPrepare').items.map(
        (item) => (item as { meetingId: string }).meetingId,
      );
    expect(section(await worklist(s.kari), 'meetingsToPrepare').items).toEqual([
      expect.objectContaining({ meetingId: lateMeetingId, startsAt: '2026-10-09T22:45:00.000Z' }),
    ]);
    // Fourteen days in Oslo, today's included: on 26 September not yet, from 00:00 on the 27th.
    clock = new Date('2026-09-26T21:59:59.000Z');
    expect(await toPrepare()).not.toContain(lateMeetingId);
    clock = new Date('2026-09-26T22:00:00.000Z');
    expect(await toPrepare()).toContain(lateMeetingId);
    // Not started, it stays in the list all its day in Oslo, also long after its time: at 23:59 there.
    clock = new Date('2026-10-10T21:59:00.000Z');
    expect(await toPrepare()).toContain(lateMeetingId);
    clock = new Date('2026-10-10T22:00:00.000Z');
    expect(await toPrepare()).not.toContain(lateMeetingId);
  });

  it('drops the meetings of a closed log, their decisions and follow-ups from the chair’s page, until it is reopened', async () => {
    clock = new Date('2026-10-04T08:00:00.000Z');
    const meetingSections = async () => {
      const kari = await worklist(s.kari);
      return {
        toPrepare: section(kari, 'meetingsToPrepare').items.map(
          (item) => (item as { meetingId: string }).meetingId,
        ),
        pastDeadline: section(kari, 'decisionsPastDeadline').total,
        followUps: section(kari, 'followUps').total,
        followUpList: (
          expectStatus(await s.kari.get('/meetings/follow-ups', lastPosition), 200).body
            .items as unknown[]
        ).length,
      };
    };
    const before = await meetingSections();
    expect(before.toPrepare).toContain(meetingId);
    expect(before.pastDeadline).toBe(1);
    expect(before.followUps).toBe(1);
    expect(before.followUpList).toBe(1);

    // Per holds the baton since the handover.
    const closed = expectStatus(
      await s.per.post(`/stafettlogger/${logId}/close`, {
        reason: 'needs_met',
        evaluationMissingReason: 'Familien ønsket ikke å svare',
      }),
      201,
    );
    lastPosition = closed.body.position as string;
    expect(await meetingSections()).toEqual({
      toPrepare: [],
      pastDeadline: 0,
      followUps: 0,
      followUpList: 0,
    });

    const reopened = expectStatus(
      await s.per.post(`/stafettlogger/${logId}/reopen`, { reason: 'Ny bekymring' }),
      201,
    );
    lastPosition = reopened.body.position as string;
    expect(await meetingSections()).toEqual(before);
  });
});

describe('the worklist tells the stafettholder only the activity they may see', () => {
  let t: TestApp;
  let s: Scenario;
  let clock = new Date('2026-10-01T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => clock);
    s = await enrolledFamily(t);
  });
  afterAll(() => t.close());

  const worklistOf = async (client: ApiClient, position: string) =>
    expectStatus(await client.get('/me/worklist', position), 200);

  it('dates a baton, and finds a log quiet, by what the holder sees, not by a consent between the family and another service', async () => {
    const { logId, consentId } = await openedLog(s, {
      validFrom: '2026-10-01',
      validUntil: '2027-06-30',
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
    const accepted = expectStatus(await s.per.post(`${L}/handover/accept`), 201);
    const perSawLast = (
      expectStatus(await s.per.get(L, String(accepted.body.position)), 200).body as {
        lastActivityAt: string;
      }
    ).lastActivityAt;

    // A month on, the family and the health visitor agree on a consent of their own: not Per's to see.
    clock = new Date('2026-11-01T08:00:00.000Z');
    const healthOnly = randomUUID();
    expectStatus(
      await s.kari.post(`${L}/consents`, {
        consentId: healthOnly,
        scope: { services: ['helsestasjon'], categories: ['health'], purpose: 'Helsesamtaler' },
      }),
      201,
    );
    const given = expectStatus(
      await s.mother.post(`${L}/consents/${healthOnly}/give`, {
        validFrom: '2026-11-01',
        validUntil: '2027-03-01',
      }),
      201,
    );
    const position = String(given.body.position);
    const kariSees = expectStatus(await s.kari.get(L, position), 200).body as {
      lastActivityAt: string;
    };
    expect(kariSees.lastActivityAt).toBe('2026-11-01T08:00:00.000Z');
    const perSees = expectStatus(await s.per.get(L, position), 200).body as {
      lastActivityAt: string;
    };
    expect(perSees.lastActivityAt).toBe(perSawLast);

    const perList = await worklistOf(s.per, position);
    expect(section(perList, 'batons').items).toEqual([
      expect.objectContaining({ logId, lastActivityAt: perSawLast }),
    ]);
    expect(JSON.stringify(perList.body)).not.toContain('2026-11-01');

    // 65 days after what Per last saw, 30 after the hidden consent: quiet, as far as Per may know.
    clock = new Date('2026-12-05T08:00:00.000Z');
    const quiet = await worklistOf(s.per, position);
    expect(section(quiet, 'inactiveLogs').items).toEqual([
      expect.objectContaining({ logId, lastActivityAt: perSawLast, thresholdDays: 60 }),
    ]);

    // Once the consent covering Per is withdrawn, the baton stays but its log is not Per's to read.
    const withdrawn = expectStatus(await s.mother.post(`${L}/consents/${consentId}/withdraw`), 201);
    const after = await worklistOf(s.per, String(withdrawn.body.position));
    expect(section(after, 'batons').items).toEqual([
      expect.objectContaining({ logId, lastActivityAt: null }),
    ]);
    expect(section(after, 'inactiveLogs').total).toBe(0);
  });
});
