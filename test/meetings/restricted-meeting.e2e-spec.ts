import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { expectStatus } from '../support/api-client';
import { logWithBarnehage, scheduleVideoMeeting } from '../support/meeting-scenario';
import { enrolledFamily, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A closed log is restricted (sperret), and the meetings about it with it: found from outside, a
 * service that got 403 LOG_RESTRICTED on the log still read its meeting, the minutes and the
 * meeting's items in the family timeline.
 */
describe('a meeting whose every log is closed', () => {
  let t: TestApp;
  let s: Scenario;
  let store: EventStore;
  let logId: string;
  const meetingId = randomUUID();
  const M = `/meetings/${meetingId}`;
  let at = '0';

  beforeAll(async () => {
    t = await startTestApp({}, () => new Date('2026-10-01T08:00:00.000Z'));
    s = await enrolledFamily(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    logId = await logWithBarnehage(s, '2026-10-01');
    at = String(
      expectStatus(
        await scheduleVideoMeeting(s, logId, meetingId, '2026-10-05T10:00:00+02:00'),
        201,
      ).body.position,
    );
  });
  afterAll(() => t.close());

  const meetingItems = async (client: typeof s.kari) => {
    const timeline = expectStatus(
      await client.get(`/families/${s.familyId}/timeline?limit=500`, at),
      200,
    ).body as { items: { meetingId: string | null }[] };
    return timeline.items.filter((item) => item.meetingId === meetingId).length;
  };
  const listed = async (client: typeof s.kari) =>
    (
      expectStatus(await client.get(`/meetings?familyId=${s.familyId}`, at), 200).body as {
        items: { id: string }[];
      }
    ).items.some((item) => item.id === meetingId);

  it('is read by its services while the log is open', async () => {
    expectStatus(await s.kari.get(M, at), 200);
    expectStatus(await s.per.get(M, at), 200);
    expect(await meetingItems(s.kari)).toBeGreaterThan(0);
    expect(await listed(s.per)).toBe(true);
  });

  it('once the log is closed, is refused to its services (403), read or changed, and kept for the family to read', async () => {
    at = String(
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/close`, {
          reason: 'needs_met',
          evaluationMissingReason: 'Familien ønsket ikke å svare nå',
        }),
        201,
      ).body.position,
    );
    for (const client of [s.kari, s.per])
      for (const path of [M, `${M}/minutes`, `${M}/invitation.ics`])
        expectStatus(await client.get(path, at), 403, 'LOG_RESTRICTED');
    expect(await listed(s.kari)).toBe(false);
    expect(await meetingItems(s.kari)).toBe(0);
    expect(await meetingItems(s.per)).toBe(0);

    const head = await store.headPosition();
    expectStatus(
      await s.per.post(`${M}/agenda`, { itemId: randomUUID(), text: 'Overgang til skole' }),
      403,
      'LOG_RESTRICTED',
    );
    expect(await store.headPosition()).toBe(head);
    // The family still reads it, but what they would add for the services goes unread: refused.
    expectStatus(
      await s.mother.post(`${M}/agenda`, { itemId: randomUUID(), text: 'Hvem hjelper oss nå?' }),
      422,
      'LOG_CLOSED',
    );
    expect(await store.headPosition()).toBe(head);

    expectStatus(await s.mother.get(M, at), 200);
    expect(await listed(s.mother)).toBe(true);
    expect(await meetingItems(s.mother)).toBeGreaterThan(0);
  });

  it('may still be called off by its chair, and is read again once the log is reopened', async () => {
    // An invited service is refused as for any other change, not told it is not the chair.
    expectStatus(
      await s.per.post(`${M}/cancel`, { reason: 'Saken er avsluttet' }),
      403,
      'LOG_RESTRICTED',
    );
    expectStatus(await s.kari.post(`${M}/cancel`, { reason: 'Saken er avsluttet' }), 201);
    at = String(
      expectStatus(
        await s.kari.post(`/stafettlogger/${logId}/reopen`, { reason: 'Ny bekymring' }),
        201,
      ).body.position,
    );
    const meeting = expectStatus(await s.per.get(M, at), 200);
    expect(meeting.body.status).toBe('cancelled');
    expect(await listed(s.kari)).toBe(true);
  });

  it('under way when its every log closes, is still ended by its chair (found from outside: it stayed started)', async () => {
    const otherLog = await logWithBarnehage(s, '2026-10-01');
    const M2 = `/meetings/${randomUUID()}`;
    expectStatus(
      await scheduleVideoMeeting(
        s,
        otherLog,
        M2.slice('/meetings/'.length),
        '2026-10-01T10:00:00+02:00',
      ),
      201,
    );
    expectStatus(
      await s.kari.post(`${M2}/start`, {
        attendance: [
          { kind: 'guardian', guardianId: s.motherId, mode: 'digital' },
          { kind: 'staff', staffId: 'staff-kari', serviceId: 'helsestasjon', mode: 'present' },
        ],
      }),
      201,
    );
    expectStatus(
      await s.kari.post(`/stafettlogger/${otherLog}/close`, {
        reason: 'needs_met',
        evaluationMissingReason: 'Familien ønsket ikke å svare nå',
      }),
      201,
    );
    expectStatus(await s.per.post(`${M2}/end`, {}), 403, 'LOG_RESTRICTED');
    // The child's voice can no longer be recorded: the chair ends the meeting without it.
    const ended = expectStatus(await s.kari.post(`${M2}/end`, {}), 201);
    expect(expectStatus(await s.mother.get(M2, String(ended.body.position)), 200).body.status).toBe(
      'ended',
    );
  });
});
