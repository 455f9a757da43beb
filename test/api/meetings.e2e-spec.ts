import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { MeetingsReadModel, type MeetingView } from '@bti/meetings';
import { ApiClient, expectStatus, type ApiResponse } from '../support/api-client';
import { enrolledFamily, openedLog, registeredStaff, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/** Polls a read until `done` holds (the decision saga and the projections run on their own). */
async function eventually(
  read: () => Promise<ApiResponse>,
  done: (res: ApiResponse) => boolean,
  timeoutMs = 10_000,
): Promise<ApiResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await read();
    if (done(res)) return res;
    if (Date.now() > deadline) throw new Error(`never happened: ${JSON.stringify(res.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

type Decision = { decisionId: string; status: string; followUp: { code: string } | null };
const decisionsOf = (res: ApiResponse) => res.body.decisions as Decision[];

describe('a samordningsmøte, from invitation to ettermøte', () => {
  let t: TestApp;
  let s: Scenario;
  let logId: string;
  let nav: ApiClient;
  const now = new Date('2026-10-01T08:00:00.000Z');
  const meetingId = randomUUID();
  const M = () => `/meetings/${meetingId}`;

  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    s = await enrolledFamily(t);
    [nav] = await registeredStaff(t, s.municipalityId, [
      { subject: 'staff-nina', serviceId: 'nav' },
    ]);
    ({ logId } = await openedLog(s, {
      validFrom: '2026-10-01',
      validUntil: '2027-09-30',
      level: 2,
      services: ['helsestasjon', 'barnehage'],
      categories: ['health', 'kindergarten_situation'],
    }));
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/services`, { serviceId: 'barnehage' }),
      201,
    );
  });
  afterAll(() => t.close());

  const schedule = (overrides: Record<string, unknown> = {}) => ({
    meetingId,
    logIds: [logId],
    startsAt: '2026-10-01T14:00:00+02:00',
    durationMinutes: 60,
    location: { kind: 'place', place: 'Raufoss helsestasjon, møterom 2' },
    invitedServices: ['barnehage'],
    invitedGuardians: [s.motherId],
    agenda: [{ itemId: randomUUID(), text: 'Hvordan har Ola det i barnehagen?' }],
    ...overrides,
  });

  it('is scheduled by the stafettholder, and the family sees the agenda in advance and adds to it', async () => {
    const scheduled = expectStatus(
      await s.kari.post(
        '/meetings',
        schedule({
          agenda: [
            { itemId: randomUUID(), text: 'Hvordan har Ola det i barnehagen?' },
            { itemId: randomUUID(), text: 'Språket hjemme og i barnehagen' },
          ],
        }),
      ),
      201,
    );
    expect(scheduled.headers.etag).toBe('"0"');
    const added = expectStatus(
      await s.mother.post(`${M()}/agenda`, { itemId: randomUUID(), text: 'Søvn og leggetid' }),
      201,
    );
    const seen = expectStatus(await s.mother.get(M(), added.body.position), 200);
    // In the order they were written: the ones given at scheduling first, then the family's.
    expect((seen.body.agenda as { text: string }[]).map((a) => a.text)).toEqual([
      'Hvordan har Ola det i barnehagen?',
      'Språket hjemme og i barnehagen',
      'Søvn og leggetid',
    ]);
    expect(seen.body.chair).toMatchObject({ staffId: 'staff-kari', serviceId: 'helsestasjon' });
  });

  it('gives an invitation file that names no child', async () => {
    const res = await request(t.app.getHttpServer())
      .get(`${M()}/invitation.ics`)
      .set('Authorization', `Bearer ${await t.token({ subject: 'idp|mor', role: 'guardian' })}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.text).toContain('BEGIN:VEVENT');
    expect(res.text).toContain('DTSTART:20261001T120000Z');
    expect(res.text).toContain(`UID:${meetingId}@bti-samordning`);
    expect(res.text).not.toMatch(/Ola|Mor\b/);
  });

  it('keeps the meeting from those it does not concern', async () => {
    const stranger = await ApiClient.as(t, { subject: 'idp|stranger', role: 'guardian' });
    expectStatus(await stranger.get(M()), 404, 'MEETING_NOT_FOUND');
    expectStatus(await nav.get(M()), 404, 'MEETING_NOT_FOUND');
    const analyst = await ApiClient.as(t, {
      subject: 'analyst',
      role: 'analyst',
      municipalityId: s.municipalityId,
    });
    expectStatus(await analyst.get(M()), 403);
    expectStatus(await nav.post(`${M()}/start`, { attendance: [] }), 400);
    expectStatus(
      await stranger.post(`${M()}/agenda`, { itemId: randomUUID(), text: 'x' }),
      404,
      'MEETING_NOT_FOUND',
    );
    expectStatus(
      await s.per.post(`${M()}/cancel`, { reason: 'Ikke mitt møte å avlyse' }),
      422,
      'NOT_CHAIR',
    );
  });

  it('runs with the guardians’ word first, then the services, the child’s voice and decisions', async () => {
    expectStatus(
      await s.kari.post(`${M()}/start`, {
        attendance: [
          { kind: 'guardian', guardianId: s.motherId, mode: 'present' },
          {
            kind: 'staff',
            staffId: 'staff-kari',
            serviceId: 'helsestasjon',
            mode: 'present',
            decisionAuthority: true,
          },
          { kind: 'staff', staffId: 'staff-per', serviceId: 'barnehage', mode: 'digital' },
        ],
      }),
      201,
    );
    expectStatus(
      await s.per.post(`${M()}/perspectives`, { text: 'Ola leker mest alene' }),
      422,
      'GUARDIAN_SPEAKS_FIRST',
    );
    expectStatus(
      await s.mother.post(`${M()}/guardian-statements`, { text: 'Vi er slitne om kveldene' }),
      201,
    );
    expectStatus(await s.per.post(`${M()}/perspectives`, { text: 'Ola leker mest alene' }), 201);
    expectStatus(
      await s.kari.post(`${M()}/childs-voice`, { heard: true, text: 'Ola vil leke med Mia' }),
      201,
    );
    expectStatus(
      await s.kari.post(`${M()}/decisions`, {
        decisionId: randomUUID(),
        kind: 'measure',
        logId,
        goal: 'Ola leker med andre barn',
        startDate: '2026-10-05',
        text: 'Barnehagen setter inn en fast voksen i frileken',
        responsibleStaffId: 'staff-per',
        responsibleServiceId: 'barnehage',
        deadline: '2026-10-05',
      }),
      201,
    );
    expectStatus(
      await s.kari.post(`${M()}/decisions`, {
        decisionId: randomUUID(),
        kind: 'samordningsansvar',
        logId,
        serviceId: 'barnehage',
        text: 'Barnehagen har samordningsansvaret',
        responsibleStaffId: 'staff-per',
        responsibleServiceId: 'barnehage',
        deadline: '2026-10-01',
      }),
      201,
    );
    // The log is at level 2 already: the log refuses it, and a person must follow up.
    expectStatus(
      await s.kari.post(`${M()}/decisions`, {
        decisionId: randomUUID(),
        kind: 'level_change',
        logId,
        level: 2,
        text: 'Saken blir på nivå 2',
        responsibleStaffId: 'staff-kari',
        responsibleServiceId: 'helsestasjon',
        deadline: '2026-10-01',
        formalDecision: { serviceId: 'helsestasjon', reference: 'Sak 2026/17' },
      }),
      201,
    );
  });

  it('carries the decisions into the log through the saga, once, and records what the log refused', async () => {
    const meeting = await eventually(
      () => s.kari.get(M()),
      (res) => decisionsOf(res).every((d) => d.status !== 'recorded'),
    );
    expect(decisionsOf(meeting).map((d) => d.status)).toEqual([
      'carried_out',
      'carried_out',
      'follow_up',
    ]);
    expect(decisionsOf(meeting)[2].followUp).toMatchObject({ code: 'NO_CHANGE' });
    const log = await eventually(
      () => s.kari.get(`/stafettlogger/${logId}`),
      (res) => res.body.samordningsansvar === 'barnehage',
    );
    const measures = log.body.measures as { goal: string; responsible: { serviceId: string } }[];
    expect(measures).toHaveLength(1);
    expect(measures[0]).toMatchObject({
      goal: 'Ola leker med andre barn',
      responsible: { serviceId: 'barnehage' },
    });
    const followUps = expectStatus(await s.kari.get('/meetings/follow-ups'), 200);
    expect(followUps.body.items).toHaveLength(1);
    expectStatus(await s.per.get('/meetings/follow-ups'), 200);
  });

  it('lets the chair resolve a follow-up', async () => {
    const meeting = expectStatus(await s.kari.get(M()), 200);
    const open = decisionsOf(meeting).find((d) => d.status === 'follow_up') as Decision;
    const resolved = expectStatus(
      await s.kari.post(`${M()}/decisions/${open.decisionId}/follow-up/resolve`, {
        note: 'Nivået er riktig som det er',
      }),
      201,
    );
    const after = expectStatus(await s.kari.get(M(), resolved.body.position), 200);
    expect(decisionsOf(after).map((d) => d.status)).toContain('resolved');
  });

  it('takes the family’s evaluation, ends with the next date, and the staff’s ettermøte', async () => {
    expectStatus(
      await s.mother.post(`${M()}/evaluations`, {
        coordination: 4,
        beingHeard: 5,
        usefulness: 4,
        comment: 'Godt å bli hørt',
      }),
      201,
    );
    expectStatus(await s.kari.post(`${M()}/end`, { nextMeetingDate: '2026-11-12' }), 201);
    expectStatus(
      await s.mother.post(`${M()}/ettermote`, {
        confidentialityReminded: true,
        formAndContent: 4,
        chairSteering: 4,
        teamSupport: 4,
        equalDialogue: 4,
        childsVoiceHeard: 'yes',
      }),
      403,
    );
    const done = expectStatus(
      await s.per.post(`${M()}/ettermote`, {
        confidentialityReminded: true,
        formAndContent: 4,
        chairSteering: 5,
        teamSupport: 4,
        equalDialogue: 3,
        childsVoiceHeard: 'partly',
        learned: 'Send sakslisten til foreldrene en uke før',
      }),
      201,
    );
    const asStaff = expectStatus(await s.per.get(M(), done.body.position), 200);
    expect(asStaff.body.ettermote).toMatchObject({ equalDialogue: 3, childsVoiceHeard: 'partly' });
    const asMother = expectStatus(await s.mother.get(M()), 200);
    expect(asMother.body.ettermote).toBeNull();
    expect(asMother.body.evaluations).toHaveLength(1);
  });

  it('gives the family the minutes, with the decisions in plain words', async () => {
    const minutes = expectStatus(await s.mother.get(`${M()}/minutes`), 200);
    expect(minutes.body.decisions).toEqual([
      expect.objectContaining({
        kind: 'Tiltak',
        what: 'Barnehagen setter inn en fast voksen i frileken',
        byWhen: '5. oktober 2026',
      }),
      expect.objectContaining({ kind: 'Samordningsansvar' }),
      expect.objectContaining({
        kind: 'Nytt nivå',
        formalDecision: expect.stringContaining('Sak 2026/17') as string,
      }),
    ]);
    expect(minutes.body.text).toContain('Dette fortalte foresatte:');
    expect(minutes.body.text).toContain('Neste møte: 12. november 2026');
    // In nynorsk for a family that writes it; another language is refused by name.
    const nynorsk = expectStatus(await s.mother.get(`${M()}/minutes?language=nn`), 200);
    expect(nynorsk.body).toMatchObject({
      title: 'Referat frå samordningsmøte',
      decisions: [
        expect.objectContaining({ kind: 'Tiltak', byWhen: '5. oktober 2026' }),
        expect.objectContaining({ kind: 'Samordningsansvar' }),
        expect.objectContaining({
          kind: 'Nytt nivå',
          formalDecision: expect.stringContaining('Vedtak blir gjort i systemet til') as string,
        }),
      ],
    });
    expect(nynorsk.body.text).toContain('Dette fortalde dei føresette:');
    expect(nynorsk.body.text).toContain('Dette vart bestemt:');
    expect(nynorsk.body.text).not.toContain('foresatte');
    for (const language of ['en', 'NN', ''])
      expect(
        expectStatus(await s.mother.get(`${M()}/minutes?language=${language}`), 400).body,
      ).toMatchObject({
        fields: [{ field: 'language', reasons: ['language must be nb (bokmål) or nn (nynorsk)'] }],
      });
    const list = expectStatus(await s.mother.get(`/meetings?familyId=${s.familyId}`), 200);
    expect(list.body.items).toHaveLength(1);
  });

  it('answers a replayed command with its first answer, and a reused commandId with 422', async () => {
    const commandId = randomUUID();
    const body = { commandId, coordination: 3, beingHeard: 3, usefulness: 3 };
    const stranger = await ApiClient.as(t, { subject: 'idp|far2', role: 'guardian' });
    expectStatus(await stranger.post(`${M()}/evaluations`, body), 404);
    const first = expectStatus(
      await s.kari.post(`${M()}/evaluations`, { ...body, guardianId: s.motherId }),
      422,
      'EVALUATION_EXISTS',
    );
    expect(first.body.code).toBe('EVALUATION_EXISTS');
    const meetingTwo = randomUUID();
    const scheduleCommand = randomUUID();
    const body2 = {
      ...schedule({ meetingId: meetingTwo, startsAt: '2026-10-08T09:00:00+02:00' }),
      commandId: scheduleCommand,
    };
    const created = expectStatus(await s.kari.post('/meetings', body2), 201);
    const replay = expectStatus(await s.kari.post('/meetings', body2), 201);
    expect(replay.body).toMatchObject({ duplicate: true, position: created.body.position });
    expectStatus(
      await s.kari.post('/meetings', { ...body2, startsAt: '2026-10-09T09:00:00+02:00' }),
      422,
      'COMMAND_ID_REUSED',
    );
  });

  it.each([
    ['an impossible date', { startsAt: '2026-02-30T10:00:00+01:00' }, 'startsAt'],
    ['a date without a time', { startsAt: '2026-10-08' }, 'startsAt'],
    ['a meeting in 2300', { startsAt: '2300-10-08T09:00:00+01:00' }, 'startsAt'],
    // Which 09:00? Read in the server's own time zone, it would be whatever the server says.
    ['a time without its offset from UTC', { startsAt: '2026-10-08T09:00:00' }, 'startsAt'],
    ['an offset no place has', { startsAt: '2026-10-08T09:00:00+14:30' }, 'startsAt'],
    ['an offset of a day', { startsAt: '2026-10-08T09:00:00-23:59' }, 'startsAt'],
    ['a meeting of a week', { durationMinutes: 10080 }, 'durationMinutes'],
    ['an unknown location kind', { location: { kind: 'phone' } }, 'location.kind'],
    ['a place left out', { location: { kind: 'place' } }, 'location.place'],
    ['an unknown field', { secret: true }, 'secret'],
    ['seven logs', { logIds: Array.from({ length: 7 }, () => randomUUID()) }, 'logIds'],
  ])('refuses %s with 400 and the field', async (_, change, field) => {
    const res = expectStatus(
      await s.kari.post('/meetings', { ...schedule({ meetingId: randomUUID() }), ...change }),
      400,
      'VALIDATION_FAILED',
    );
    expect((res.body.fields as { field: string }[]).map((f) => f.field)).toContain(field);
  });

  it('takes an offset of UTC written in either case (z is Z)', async () => {
    const res = await s.kari.post(
      '/meetings',
      schedule({ meetingId: randomUUID(), startsAt: '2026-10-08T09:00:00z' }),
    );
    expect(res.body.code).not.toBe('VALIDATION_FAILED');
  });

  it('refuses a meeting in the past, and services outside the consent', async () => {
    expectStatus(
      await s.kari.post(
        '/meetings',
        schedule({ meetingId: randomUUID(), startsAt: '2026-09-30T09:00:00Z' }),
      ),
      422,
      'MEETING_IN_PAST',
    );
    expectStatus(
      await s.kari.post(
        '/meetings',
        schedule({ meetingId: randomUUID(), invitedServices: ['nav'] }),
      ),
      422,
      'OUTSIDE_CONSENT_SCOPE',
    );
    expectStatus(
      await nav.post('/meetings', schedule({ meetingId: randomUUID() })),
      404,
      'STAFETTLOGG_NOT_FOUND',
    );
  });

  it('refuses a wrong content type and deeply nested JSON without a 500', async () => {
    const token = await t.token({
      subject: 'staff-kari',
      role: 'staff',
      municipalityId: s.municipalityId,
      serviceId: 'helsestasjon',
    });
    const text = await request(t.app.getHttpServer())
      .post('/meetings')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'text/plain')
      .send('meetingId=1');
    expect(text.status).toBe(415);
    let deep: unknown = {};
    for (let i = 0; i < 200; i++) deep = { next: deep };
    const nested = await request(t.app.getHttpServer())
      .post('/meetings')
      .set('Authorization', `Bearer ${token}`)
      .send({ commandId: randomUUID(), ...schedule({ meetingId: randomUUID() }), location: deep });
    expect(nested.status).toBe(400);
  });
  it('gives the visibility policy the same facts from the meeting’s row as from the whole meeting', () => {
    const meetings = t.app.get(MeetingsReadModel);
    const whole = meetings.meeting(meetingId);
    expect(whole).not.toBeNull();
    expect(meetings.policyView(meetingId)).toEqual({
      access: meetings.accessFacts(whole as MeetingView),
      family: meetings.familyFacts(whole as MeetingView),
    });
    expect(meetings.policyView(randomUUID())).toBeNull();
  });
});
