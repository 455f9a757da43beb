import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { ApiClient, expectStatus, type ApiResponse } from '../support/api-client';
import { enrolledFamily, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Who a family register's subject can be, and whose sign-in it can hold: each refusal answered with
 * its code and nothing written (found from outside: a young person of 5, a child with a date it was
 * expected as well as born, a 3-year-old's own sign-in).
 */
describe('the family register’s subjects', () => {
  let t: TestApp;
  let s: Scenario;
  let store: EventStore;
  /** The family's last write: read the register as it stands after it. */
  let latest: string;
  const now = new Date('2026-10-01T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    s = await enrolledFamily(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    latest = expectStatus(
      await addSubject({ kind: 'pregnancy', expectedBirthDate: '2026-12-01' }),
      201,
    ).body.position as string;
  });
  afterAll(() => t.close());

  function addSubject(fields: Record<string, unknown>, subjectId = randomUUID()) {
    return s.kari.post(`/families/${s.familyId}/subjects`, { subjectId, name: 'Ola', ...fields });
  }
  const linkSignIn = (subjectId: string, identitySubject: string) =>
    s.kari.post(`/families/${s.familyId}/subjects/${subjectId}/identity`, { identitySubject });
  const register = async () =>
    expectStatus(await s.kari.get(`/families/${s.familyId}`, latest), 200).body as {
      subjects: Record<string, unknown>;
    };
  const accepted = (res: ApiResponse) => {
    latest = expectStatus(res, 201).body.position as string;
    return res;
  };

  /** The request is refused with `code`, and neither the event store nor the register moved. */
  async function refusedWithNothingWritten(send: () => Promise<ApiResponse>, code: string) {
    const before = await register();
    // After the read: a member of staff's read of the register is written to the access log.
    const head = await store.headPosition();
    const answer = expectStatus(await send(), 422, code);
    expect(await store.headPosition()).toBe(head);
    expect(await register()).toEqual(before);
    return answer.body;
  }

  it('takes a young person from 13, and refuses a younger one as a child, saying how old', async () => {
    const of5 = randomUUID();
    expect(
      await refusedWithNothingWritten(
        () => addSubject({ kind: 'youth', birthDate: '2021-06-01' }, of5),
        'INVALID_SUBJECT',
      ),
    ).toMatchObject({ age: 5 });
    await refusedWithNothingWritten(
      () => addSubject({ kind: 'youth', birthDate: '2013-10-02' }),
      'INVALID_SUBJECT',
    );
    expect((await register()).subjects).not.toHaveProperty(of5);
    accepted(await addSubject({ kind: 'child', birthDate: '2021-06-01' }, of5));
    accepted(await addSubject({ kind: 'youth', birthDate: '2013-10-01' }));
  });

  it('refuses a child or young person with a date they were expected as well as born', async () => {
    for (const kind of ['child', 'youth'])
      await refusedWithNothingWritten(
        () => addSubject({ kind, birthDate: '2012-01-01', expectedBirthDate: '2012-01-10' }),
        'INVALID_SUBJECT',
      );
  });

  it('keeps the date a pregnancy was expected in the child its recorded birth makes', async () => {
    const pregnancyId = randomUUID();
    accepted(await addSubject({ kind: 'pregnancy', expectedBirthDate: '2026-10-20' }, pregnancyId));
    accepted(
      await s.kari.post(`/families/${s.familyId}/subjects/${pregnancyId}/birth`, {
        name: 'Nora',
        birthDate: '2026-09-28',
      }),
    );
    expect((await register()).subjects[pregnancyId]).toMatchObject({
      kind: 'child',
      personal: { birthDate: '2026-09-28', expectedBirthDate: '2026-10-20' },
    });
  });

  it('links a sign-in from 13 and to no pregnancy, and a refused one signs nobody in', async () => {
    // The scenario's child is 6.
    expect(
      await refusedWithNothingWritten(
        () => linkSignIn(s.childId, 'idp|seksaaring'),
        'BELOW_SIGN_IN_AGE',
      ),
    ).toMatchObject({ age: 6 });
    await refusedWithNothingWritten(
      () =>
        addSubject({ kind: 'child', birthDate: '2023-05-01', identitySubject: 'idp|treaaring' }),
      'BELOW_SIGN_IN_AGE',
    );
    await refusedWithNothingWritten(
      () =>
        addSubject({
          kind: 'pregnancy',
          expectedBirthDate: '2027-01-01',
          identitySubject: 'idp|x',
        }),
      'INVALID_SUBJECT',
    );
    const pregnancyId = randomUUID();
    accepted(await addSubject({ kind: 'pregnancy', expectedBirthDate: '2027-01-01' }, pregnancyId));
    await refusedWithNothingWritten(() => linkSignIn(pregnancyId, 'idp|x'), 'INVALID_SUBJECT');
    const signedInAs = async (subject: string) => {
      const client = await ApiClient.as(t, { subject, role: 'youth' });
      return expectStatus(await client.get('/me/children', latest), 200).body.children as {
        subjectId: string;
      }[];
    };
    for (const subject of ['idp|seksaaring', 'idp|treaaring', 'idp|x'])
      expect(await signedInAs(subject)).toEqual([]);

    const thirteen = randomUUID();
    accepted(await addSubject({ kind: 'child', birthDate: '2013-10-01' }, thirteen));
    accepted(await linkSignIn(thirteen, 'idp|trettenaaring'));
    accepted(
      await addSubject({ kind: 'youth', birthDate: '2013-09-01', identitySubject: 'idp|ung' }),
    );
    expect(await signedInAs('idp|trettenaaring')).toEqual([
      expect.objectContaining({ subjectId: thirteen }),
    ]);
  });
});
