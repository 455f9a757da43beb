import { randomUUID } from 'node:crypto';
import { addDays, dateOf } from '@bti/domain';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import {
  READ_MODEL_STORE,
  PROJECTION_RUNNER,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { ALL_PROJECTIONS } from '@bti/projections';
import { ApiClient, expectStatus } from '../support/api-client';
import {
  logWithBarnehage,
  measureDecision,
  meetingWithDecisions,
} from '../support/meeting-scenario';
import { enrolledFamily, registeredStaff, type Scenario } from '../support/scenario';
import { DecisionSaga } from '@bti/meetings';
import { OPERATOR, startTestApp, type TestApp } from '../support/test-app';

const M = 'vestre-toten';
// Dates as the service sees them: Norway's calendar.
const today = () => dateOf(new Date().toISOString());
const inDays = (days: number) => addDays(today(), days);

interface View {
  status: string;
  level: number;
  stafettholder: { staffId: string; serviceId: string } | null;
  pendingHandover: { staffId: string } | null;
  services: { serviceId: string; hidden: boolean }[];
  entries: { entryId: string; text: string; category: string; sharedWithGuardians: boolean }[];
  measures: {
    measureId: string;
    status: string;
    evaluationDate: string | null;
    evaluations: unknown[];
  }[];
  consents: { consentId: string; status: string }[];
  closure: { reason: string; familyEvaluation: unknown } | null;
}

describe('the BTI journey over HTTP, on a real SQLite file', () => {
  let t: TestApp;
  let admin: ApiClient,
    kari: ApiClient,
    per: ApiClient,
    nils: ApiClient,
    mother: ApiClient,
    father: ApiClient;
  let familyId: string;
  let childId: string;
  let scenario: Scenario;
  const concernId = randomUUID();
  const logId = randomUUID();
  const consentId = randomUUID();
  const measureId = randomUUID();

  beforeAll(async () => {
    // Batches on the projection thread, as the built API applies them.
    t = await startTestApp({ PROJECTION_THREAD: 'true' });
    // Vestre Toten with helsestasjon (Kari) and barnehage (Per); a family with a child and its mother.
    const s = await enrolledFamily(t, M);
    scenario = s;
    ({ admin, kari, per, mother, familyId, childId } = s);
    // NAV takes part in the municipality but not in this family's consent.
    expectStatus(
      await admin.post(`/municipalities/${M}/services`, {
        serviceId: 'nav',
        name: 'NAV',
        sector: 'nav',
      }),
      201,
    );
    expectStatus(
      await admin.post(`/municipalities/${M}/staff`, {
        staffId: 'staff-nils',
        serviceId: 'nav',
        displayName: 'Nils',
        role: 'staff',
      }),
      201,
    );
    nils = await ApiClient.as(t, {
      subject: 'staff-nils',
      role: 'staff',
      municipalityId: M,
      serviceId: 'nav',
    });
    // A father without parental responsibility.
    expectStatus(
      await kari.post(`/families/${familyId}/guardians`, {
        guardianId: randomUUID(),
        identitySubject: 'idp|far',
        parentalResponsibility: false,
        name: 'Far',
      }),
      201,
    );
    father = await ApiClient.as(t, { subject: 'idp|far', role: 'guardian' });
  });
  afterAll(() => t.close());

  const logView = async (client: ApiClient, position?: string) => {
    const res = expectStatus(await client.get(`/stafettlogger/${logId}`, position), 200);
    return res.body as unknown as View;
  };

  it('runs from a concern to a closed, consented stafettlogg', async () => {
    // Nivå 0: concern, talks, decision.
    expectStatus(
      await kari.post('/concerns', {
        concernId,
        familyId,
        subjectId: childId,
        kind: 'undring',
        summary: 'Trøtt og lei seg',
      }),
      201,
    );
    expectStatus(
      await kari.post(`/concerns/${concernId}/talks`, {
        with: 'guardians',
        heldOn: today(),
        summary: 'Foreldrene ser det samme',
      }),
      201,
    );
    expectStatus(
      await per.post(`/concerns/${concernId}/talks`, {
        with: 'leader',
        heldOn: today(),
        summary: 'x',
      }),
      404,
      'CONCERN_NOT_FOUND',
    );
    // The same service id in another municipality is another service.
    const [namesake] = await registeredStaff(t, 'siljan', [
      { subject: 'staff-x', serviceId: 'helsestasjon' },
    ]);
    expectStatus(
      await namesake.post(`/concerns/${concernId}/talks`, {
        with: 'leader',
        heldOn: today(),
        summary: 'x',
      }),
      404,
      'CONCERN_NOT_FOUND',
    );
    expectStatus(await namesake.get(`/concerns/${concernId}`), 404, 'CONCERN_NOT_FOUND');
    const decided = expectStatus(
      await kari.post(`/concerns/${concernId}/decision`, {
        outcome: 'involve_others',
        reason: 'Barnehagen bør med',
      }),
      201,
    );
    const concern = expectStatus(
      await kari.get(`/concerns/${concernId}`, decided.body.position),
      200,
    );
    expect(concern.body).toMatchObject({
      status: 'decided',
      outcome: 'involve_others',
      overdue: false,
      talks: [{ with: 'guardians' }],
    });

    // Consent: requested for two services and two categories.
    const scope = {
      services: ['helsestasjon', 'barnehage'],
      categories: ['health', 'kindergarten_situation'],
      purpose: 'Samordne hjelp rundt søvn og trivsel',
    };
    expectStatus(await kari.post('/stafettlogger', { logId, concernId, consentId, scope }), 201);
    expectStatus(
      await kari.post(`/stafettlogger/${logId}/open`, { level: 2 }),
      422,
      'CONSENT_REQUIRED',
    );
    // A parent without parental responsibility does not know the log (nor consent to it).
    expectStatus(
      await father.post(`/stafettlogger/${logId}/consents/${consentId}/give`, {
        validFrom: today(),
        validUntil: inDays(365),
      }),
      404,
      'STAFETTLOGG_NOT_FOUND',
    );
    expectStatus(
      await mother.post(`/stafettlogger/${logId}/consents/${consentId}/give`, {
        validFrom: today(),
        validUntil: inDays(365),
      }),
      201,
    );

    // The log opens; the opener holds the baton; services join inside the consent.
    const opened = expectStatus(await kari.post(`/stafettlogger/${logId}/open`, { level: 2 }), 201);
    expect(opened.headers.etag).toBe(`"${opened.body.revision}"`);
    expectStatus(
      await kari.post(`/stafettlogger/${logId}/services`, { serviceId: 'nav' }),
      422,
      'OUTSIDE_CONSENT_SCOPE',
    );
    expectStatus(
      await kari.post(`/stafettlogger/${logId}/services`, { serviceId: 'barnehage' }),
      201,
    );

    // Entries inside and outside the scope.
    const entryId = randomUUID();
    expectStatus(
      await per.post(`/stafettlogger/${logId}/entries`, {
        entryId,
        kind: 'observation',
        category: 'kindergarten_situation',
        sharedWithGuardians: true,
        text: 'Sov i hvilen, gladere',
      }),
      201,
    );
    expectStatus(
      await per.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'observation',
        category: 'child_welfare',
        sharedWithGuardians: false,
        text: 'x',
      }),
      422,
      'OUTSIDE_CONSENT_SCOPE',
    );
    expectStatus(
      await nils.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'observation',
        category: 'health',
        sharedWithGuardians: false,
        text: 'x',
      }),
      404,
      'STAFETTLOGG_NOT_FOUND',
    );
    expectStatus(
      await kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'conversation',
        category: 'health',
        sharedWithGuardians: false,
        text: 'Intern helsevurdering',
      }),
      201,
    );
    // The family's voice goes where the consent lets the services read it: under family situation,
    // which it does not name, it would sit unread.
    const motherSays = (category: string) =>
      mother.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'guardians_voice',
        category,
        sharedWithGuardians: true,
        text: 'Vi ønsker faste rutiner',
      });
    expect(
      expectStatus(await motherSays('family_situation'), 422, 'OUTSIDE_CONSENT_SCOPE').body,
    ).toMatchObject({ category: 'family_situation' });
    expectStatus(await motherSays('kindergarten_situation'), 201);

    // A measure: planned with a default evaluation date, started, evaluated.
    expectStatus(
      await kari.post(`/stafettlogger/${logId}/measures`, {
        measureId,
        goal: 'Faste leggerutiner',
        responsibleServiceId: 'barnehage',
        responsibleStaffId: 'staff-per',
        startDate: today(),
      }),
      201,
    );
    expectStatus(
      await per.post(`/stafettlogger/${logId}/measures/${measureId}/start`, { startedOn: today() }),
      201,
    );
    expectStatus(
      await per.post(`/stafettlogger/${logId}/measures/${measureId}/evaluate`, {
        goalAttainment: 'partly',
        familyView: 'Roligere kvelder',
        decision: 'continue',
      }),
      201,
    );

    // Handover: offered, not yet accepted, then accepted.
    const offered = expectStatus(
      await kari.post(`/stafettlogger/${logId}/handover/offer`, {
        toStaffId: 'staff-per',
        toServiceId: 'barnehage',
      }),
      201,
    );
    expectStatus(
      await per.post(`/stafettlogger/${logId}/level`, { level: 3, reason: 'x' }),
      422,
      'HANDOVER_NOT_ACCEPTED',
    );
    const pending = await logView(kari, offered.body.position);
    expect(pending.stafettholder).toEqual({ staffId: 'staff-kari', serviceId: 'helsestasjon' });
    expect(pending.pendingHandover).toEqual({ staffId: 'staff-per', serviceId: 'barnehage' });
    const accepted = expectStatus(await per.post(`/stafettlogger/${logId}/handover/accept`), 201);
    const read = expectStatus(
      await per.get(`/stafettlogger/${logId}`, accepted.body.position),
      200,
    );
    expect(read.headers.etag).toBe(`"${accepted.body.revision}"`);
    let view = read.body as unknown as View;
    expect(view.stafettholder).toEqual({ staffId: 'staff-per', serviceId: 'barnehage' });
    expect(view.pendingHandover).toBeNull();
    expect(view.measures[0]).toMatchObject({ status: 'started', evaluations: [expect.anything()] });
    // The barnehage sees the categories the consent names (health, kindergarten), the family's own
    // words among them; a service outside the log sees nothing.
    expect(view.entries.map((e) => e.category).sort()).toEqual([
      'health',
      'kindergarten_situation',
      'kindergarten_situation',
    ]);
    expectStatus(await nils.get(`/stafettlogger/${logId}`), 404, 'STAFETTLOGG_NOT_FOUND');

    // The family sees entries shared with them.
    const seenByMother = await logView(mother);
    expect(seenByMother.entries.map((e) => e.text).sort()).toEqual([
      'Sov i hvilen, gladere',
      'Vi ønsker faste rutiner',
    ]);

    // The family's logs, as each reader may see them.
    const listed = expectStatus(await kari.get(`/stafettlogger?familyId=${familyId}`), 200);
    expect(listed.body.items).toMatchObject([
      {
        id: logId,
        document: {
          status: 'open',
          stafettholder: { staffId: 'staff-per' },
          overdueEvaluations: 0,
        },
      },
    ]);
    expect((await nils.get(`/stafettlogger?familyId=${familyId}`)).body.items).toEqual([]);
    expect((await mother.get(`/stafettlogger?familyId=${familyId}`)).body.items).toHaveLength(1);
    expectStatus(await kari.get('/stafettlogger?familyId=not-a-uuid'), 400, 'VALIDATION_FAILED');

    // Consent withdrawn: the next entry is refused at once.
    expectStatus(await mother.post(`/stafettlogger/${logId}/consents/${consentId}/withdraw`), 201);
    expectStatus(
      await per.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'observation',
        category: 'kindergarten_situation',
        sharedWithGuardians: true,
        text: 'x',
      }),
      422,
      'CONSENT_REQUIRED',
    );

    // Closed with the family's evaluation.
    const closed = expectStatus(
      await per.post(`/stafettlogger/${logId}/close`, {
        reason: 'consent_withdrawn',
        familyEvaluation: {
          coordination: 4,
          accessibility: 4,
          participation: 5,
          comment: 'Vi ble hørt',
        },
      }),
      201,
    );
    view = await logView(mother, closed.body.position);
    expect(view.status).toBe('closed');
    expect(view.closure).toMatchObject({
      reason: 'consent_withdrawn',
      familyEvaluation: { participation: 5 },
    });
  });

  it('meets with the family, asks a team, and registers what the programme funds', async () => {
    const logTwo = await logWithBarnehage(scenario, today());
    const { last } = await meetingWithDecisions(
      scenario,
      logTwo,
      new Date(Date.now() + 60_000).toISOString(),
      [measureDecision(logTwo, 'Fast voksen i frileken', inDays(3))],
    );
    await t.app.get(DecisionSaga).waitFor(t.positionOf(last.body.position));
    const arenaId = randomUUID();
    expectStatus(
      await admin.post('/arenas', {
        arenaId,
        kind: 'kompetanseteam',
        name: 'Kompetanseteam',
        mandate: 'Råd',
        intakeCriteria: 'Undring',
        memberServices: ['helsestasjon', 'barnehage'],
        meetingRhythm: 'Månedlig',
        acceptsCitizenReferrals: true,
      }),
      201,
    );
    expectStatus(
      await per.post('/discussions', {
        discussionId: randomUUID(),
        arenaId,
        ageBand: '0-5',
        themes: ['language'],
        servicesInvolved: ['barnehage'],
        question: 'Lite språk ved 3 år; når bør vi bekymre oss?',
      }),
      201,
    );
    expectStatus(
      await admin.post(`/programme/${M}/initiatives`, {
        initiativeId: 'sprakgruppe',
        name: 'Språkgruppe',
        purpose: 'Tidlig språkstøtte',
        targetGroup: 'Barn 2–5 år',
        serviceIds: ['barnehage'],
        sectors: ['barnehage'],
        evaluationMethod: 'Språkkartlegging før og etter',
      }),
      201,
    );
  });

  it('rebuilding every read model from position 0 gives what incremental processing built', async () => {
    const readModels = t.app.get<SqliteReadModelStore>(READ_MODEL_STORE);
    const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
    const sysadmin = await ApiClient.as(t, { subject: OPERATOR, role: 'operator' });
    await runner.waitForPosition(await t.app.get<EventStore>(EVENT_STORE).headPosition(), 5000);
    for (const projection of ALL_PROJECTIONS) {
      const incremental = readModels.dumpProjection(projection);
      expect(Object.values(incremental).some((rows) => rows.length > 0)).toBe(true);
      // The rebuild endpoint is an operation, not a domain command: it takes no commandId.
      expectStatus(
        await sysadmin.post('/admin/projections/rebuild', {
          projection: projection.name,
          commandId: undefined,
        }),
        200,
      );
      // Each rebuild is itself recorded as an event, which only the event statistics count.
      const withoutRebuildRecords = (dump: Record<string, unknown[]>) =>
        Object.fromEntries(
          Object.entries(dump).map(([table, rows]) => [
            table,
            rows.filter(
              (row) => !String((row as { id?: unknown }).id).endsWith('/ReadModelRebuildRequested'),
            ),
          ]),
        );
      expect(withoutRebuildRecords(readModels.dumpProjection(projection))).toEqual(
        withoutRebuildRecords(incremental),
      );
    }
  });

  it('a repeated commandId changes nothing and returns the first result', async () => {
    const commandId = randomUUID();
    const familyTwo = randomUUID();
    const first = expectStatus(
      await kari.post('/families', { commandId, familyId: familyTwo }),
      201,
    );
    const again = expectStatus(
      await kari.post('/families', { commandId, familyId: familyTwo }),
      201,
    );
    expect(again.body).toMatchObject({
      revision: first.body.revision,
      position: first.body.position,
      duplicate: true,
    });
    expect(first.body.duplicate).toBe(false);
    expectStatus(
      await kari.post('/families', { commandId, familyId: randomUUID() }),
      422,
      'COMMAND_ID_REUSED',
    );
  });

  it('If-Match with a stale revision answers 409 with the current revision', async () => {
    const familyThree = randomUUID();
    const created = expectStatus(await kari.post('/families', { familyId: familyThree }), 201);
    expectStatus(
      await kari.post(
        `/families/${familyThree}/guardians`,
        {
          guardianId: randomUUID(),
          identitySubject: 'idp|x',
          parentalResponsibility: true,
          name: 'X',
        },
        { 'If-Match': created.headers.etag },
      ),
      201,
    );
    const stale = await kari.post(
      `/families/${familyThree}/guardians`,
      {
        guardianId: randomUUID(),
        identitySubject: 'idp|y',
        parentalResponsibility: true,
        name: 'Y',
      },
      { 'If-Match': created.headers.etag },
    );
    expectStatus(stale, 409, 'WRONG_EXPECTED_REVISION');
    expect(stale.body).toMatchObject({ expectedRevision: '0', currentRevision: '1' });
    expectStatus(
      await kari.post(
        `/families/${familyThree}/guardians`,
        {
          guardianId: randomUUID(),
          identitySubject: 'idp|z',
          parentalResponsibility: true,
          name: 'Z',
        },
        { 'If-Match': 'seven' },
      ),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses another municipality’s family with 404 and a wrong role with 403', async () => {
    const [stranger] = await registeredStaff(t, 'siljan', [
      { subject: 'staff-y', serviceId: 'skole' },
    ]);
    expectStatus(await stranger.get(`/families/${familyId}`), 404, 'FAMILY_NOT_FOUND');
    expectStatus(
      await stranger.post(`/families/${familyId}/guardians`, {
        guardianId: randomUUID(),
        identitySubject: 'idp|q',
        parentalResponsibility: true,
        name: 'Q',
      }),
      404,
      'FAMILY_NOT_FOUND',
    );
    const analyst = await ApiClient.as(t, {
      subject: 'analyst-1',
      role: 'analyst',
      municipalityId: M,
    });
    expectStatus(await analyst.get(`/stafettlogger/${logId}`), 403, 'ROLE_NOT_ALLOWED');
    expectStatus(
      await mother.post('/concerns', {
        concernId: randomUUID(),
        familyId,
        subjectId: childId,
        kind: 'undring',
        summary: 'x',
      }),
      403,
      'ROLE_NOT_ALLOWED',
    );
  });
});
