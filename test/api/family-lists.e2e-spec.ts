import { randomUUID } from 'node:crypto';
import { ApiClient, expectStatus } from '../support/api-client';
import { enrolledFamily, openedLog, registeredStaff, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
}

/**
 * Found from outside: a family's log and meeting lists paged before they filtered, so a page of
 * nothing still carried a cursor — the id of a log, the time and id of a meeting — to anyone who
 * knew the family's id, and a page of one told a reader that more they may not see came after.
 */
describe('a family’s lists of logs and meetings, paged by what the reader sees', () => {
  let t: TestApp;
  let s: Scenario;
  let kariLogs: string[];
  let barnehageLog: string;
  let meetingId: string;
  const now = new Date('2026-10-01T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    s = await enrolledFamily(t);
    const consent = (services: string[]) => ({
      validFrom: '2026-10-01',
      validUntil: '2027-09-30',
      level: 2 as const,
      services,
      categories: ['health'],
    });
    barnehageLog = (await openedLog(s, consent(['helsestasjon', 'barnehage']))).logId;
    expectStatus(
      await s.kari.post(`/stafettlogger/${barnehageLog}/services`, { serviceId: 'barnehage' }),
      201,
    );
    const others = [
      (await openedLog(s, consent(['helsestasjon']))).logId,
      (await openedLog(s, consent(['helsestasjon']))).logId,
    ];
    kariLogs = [barnehageLog, ...others].sort();
    meetingId = randomUUID();
    expectStatus(
      await s.kari.post('/meetings', {
        meetingId,
        logIds: [others[0]],
        startsAt: '2026-10-08T10:00:00+02:00',
        durationMinutes: 60,
        location: { kind: 'video' },
        invitedServices: [],
        invitedGuardians: [s.motherId],
      }),
      201,
    );
  });
  afterAll(() => t.close());

  const pageOf = async (reader: ApiClient, list: string, after?: string): Promise<Page> =>
    expectStatus(
      await reader.get(
        `/${list}?familyId=${s.familyId}&limit=1${after ? `&after=${encodeURIComponent(after)}` : ''}`,
      ),
      200,
    ).body as unknown as Page;
  const everyId = async (reader: ApiClient, list: string): Promise<string[]> => {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const page = await pageOf(reader, list, after);
      ids.push(...page.items.map((item) => item.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    return ids;
  };

  it('gives those who may see nothing of the family an empty page with no cursor', async () => {
    const [nav] = await registeredStaff(t, s.municipalityId, [
      { subject: 'staff-nav', serviceId: 'nav' },
    ]);
    const stranger = await ApiClient.as(t, { subject: 'idp|fremmed', role: 'guardian' });
    for (const reader of [nav, stranger])
      for (const list of ['stafettlogger', 'meetings'])
        expect(await pageOf(reader, list)).toEqual({ items: [], nextCursor: null });
  });

  it('ends a reader’s pages at the last item they see, and pages through every one they do', async () => {
    // Barnehage takes part in one log, is named in no other's consent, and is not at the meeting.
    expect(await pageOf(s.per, 'stafettlogger')).toEqual({
      items: [expect.objectContaining({ id: barnehageLog })],
      nextCursor: null,
    });
    expect(await pageOf(s.per, 'meetings')).toEqual({ items: [], nextCursor: null });
    expect(await everyId(s.kari, 'stafettlogger')).toEqual(kariLogs);
    expect(await everyId(s.mother, 'stafettlogger')).toEqual(kariLogs);
    expect(await everyId(s.mother, 'meetings')).toEqual([meetingId]);
  });

  it('answers a cursor the reader was never given with what they may see after it, and nothing else', async () => {
    const page = await pageOf(s.per, 'stafettlogger', '00000000-0000-0000-0000-000000000000');
    expect(page.items.map((item) => item.id)).toEqual([barnehageLog]);
    expect(page.nextCursor).toBeNull();
  });
});
