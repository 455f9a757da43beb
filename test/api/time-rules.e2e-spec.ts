import { randomUUID } from 'node:crypto';
import { expectStatus } from '../support/api-client';
import { enrolledFamily, openedLog, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

describe('rules that depend on the date, with the clock under test control', () => {
  let t: TestApp;
  let s: Scenario;
  let now = new Date('2026-03-02T08:00:00.000Z');
  beforeAll(async () => {
    t = await startTestApp({}, () => now);
    s = await enrolledFamily(t);
  });
  afterAll(() => t.close());

  it('shows a concern past its 14-day deadline as overdue, and a late decision needs a reason', async () => {
    const concernId = randomUUID();
    now = new Date('2026-03-02T08:00:00.000Z');
    const noted = expectStatus(
      await s.kari.post('/concerns', {
        concernId,
        familyId: s.familyId,
        subjectId: s.childId,
        kind: 'bekymring',
        summary: 'Mye fravær',
      }),
      201,
    );
    const onTime = expectStatus(
      await s.kari.get('/concerns?overdue=true', noted.body.position),
      200,
    );
    expect(onTime.body.items).toEqual([]);
    const mine = expectStatus(await s.kari.get(`/concerns/${concernId}`), 200);
    expect(mine.body).toMatchObject({ decisionDeadline: '2026-03-16', overdue: false });

    now = new Date('2026-03-17T08:00:00.000Z');
    const overdue = expectStatus(await s.kari.get('/concerns?overdue=true'), 200);
    expect((overdue.body.items as { id: string }[]).map((i) => i.id)).toEqual([concernId]);
    expect((await s.per.get('/concerns?overdue=true')).body.items).toEqual([]);

    expectStatus(
      await s.kari.post(`/concerns/${concernId}/decision`, {
        outcome: 'help_within_service',
        reason: 'Oppfølging i egen tjeneste',
      }),
      422,
      'CONCERN_DEADLINE_PASSED',
    );
    const late = expectStatus(
      await s.kari.post(`/concerns/${concernId}/decision`, {
        outcome: 'help_within_service',
        reason: 'Oppfølging i egen tjeneste',
        lateReason: 'Vinterferie',
      }),
      201,
    );
    expect((await s.kari.get('/concerns?overdue=true', late.body.position)).body.items).toEqual([]);
    expect((await s.kari.get(`/concerns/${concernId}`)).body).toMatchObject({
      status: 'decided',
      decidedLate: true,
    });
  });

  it('treats an expired consent as absent, and a renewed one as active again', async () => {
    now = new Date('2026-04-01T08:00:00.000Z');
    const { logId, consentId } = await openedLog(s, {
      validFrom: '2026-04-01',
      validUntil: '2026-04-30',
      level: 1,
    });
    const entry = () => ({
      entryId: randomUUID(),
      kind: 'observation',
      category: 'health',
      sharedWithGuardians: true,
      text: 'Veid og målt',
    });
    expectStatus(await s.kari.post(`/stafettlogger/${logId}/entries`, entry()), 201);

    now = new Date('2026-05-01T08:00:00.000Z');
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, entry()),
      422,
      'CONSENT_REQUIRED',
    );
    // The same answer on a read as on a write: the service knows the log, and no consent lets it in.
    expectStatus(await s.kari.get(`/stafettlogger/${logId}`), 422, 'CONSENT_REQUIRED');

    const renewed = expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/consents/${consentId}/renew`, {
        validUntil: '2027-04-30',
      }),
      201,
    );
    expectStatus(await s.kari.post(`/stafettlogger/${logId}/entries`, entry()), 201);
    const view = expectStatus(
      await s.kari.get(`/stafettlogger/${logId}`, renewed.body.position),
      200,
    );
    expect(view.body.consents).toMatchObject([
      { consentId, status: 'given', validUntil: '2027-04-30' },
    ]);
  });

  it('keeps the rules a log was opened under until it is moved on explicitly', async () => {
    now = new Date('2026-06-01T08:00:00.000Z');
    const { logId } = await openedLog(s, {
      validFrom: '2026-06-01',
      validUntil: '2027-05-31',
      level: 2,
    });
    const levels = [
      { level: 0, name: 'Nivå 0' },
      { level: 1, name: 'Nivå 1' },
      { level: 2, name: 'Nivå 2' },
    ];
    expectStatus(
      await s.admin.put(`/municipalities/${s.municipalityId}/handlingsveileder`, {
        levels,
        concernDecisionDeadlineDays: 10,
        measureEvaluationIntervalDays: 28,
        consentAge: 15,
        inactivityThresholdDays: 45,
      }),
      200,
    );

    const planned = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/measures`, {
        measureId: randomUUID(),
        goal: 'g',
        responsibleServiceId: 'helsestasjon',
        responsibleStaffId: 'staff-kari',
        startDate: '2026-06-02',
      }),
      201,
    );
    let view = expectStatus(
      await s.kari.get(`/stafettlogger/${logId}`, planned.body.position),
      200,
    );
    expect(view.body).toMatchObject({
      rules: { version: 1, measureEvaluationIntervalDays: 42 },
      measures: [{ evaluationDate: '2026-07-14' }],
    });

    const moved = expectStatus(await s.kari.post(`/stafettlogger/${logId}/rules`), 201);
    view = expectStatus(await s.kari.get(`/stafettlogger/${logId}`, moved.body.position), 200);
    expect(view.body).toMatchObject({
      rules: { version: 2, measureEvaluationIntervalDays: 28, consentAge: 15 },
    });
  });
});
