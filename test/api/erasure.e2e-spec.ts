import { randomUUID } from 'node:crypto';
import { StreamStates } from '@bti/command-handling';
import { familyDecider, familyStream } from '@bti/domain';
import { EVENT_STORE, personalDataLayer, type EventStore } from '@bti/event-store';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { ApiClient, expectStatus } from '../support/api-client';
import {
  aYearFrom,
  concernAbout,
  enrolledFamily,
  registeredFamily,
  today,
  type Scenario,
} from '../support/scenario';
import { OPERATOR, startTestApp, type TestApp } from '../support/test-app';
import { valuesInFiles } from '../support/values-in-files';

const CHILD_NAME = 'Torgunn Skjelbreid-Vassli';
const GUARDIAN_NAME = 'Halvdis Aamodt-Sørbøe';
const BIRTH_DATE = '2018-07-23';
const CONTACT = '+47 934 51 862';
const CONCERN_SUMMARY = 'Torgunn gråter ofte ved levering';
const ENTRY_TEXT = 'Skjelbreid-samtale om søvn og matlyst';
const VOICE_TEXT = 'Aamodt-Sørbøe ber om faste møtetider';
const FAMILY_COMMENT = 'Skjelbreid-familien savnet én kontaktperson';
const CONSENT_PURPOSE = 'Samordne hjelp med Torgunns søvn og matlyst';
const MEETING_PLACE = 'Hjemme hos Skjelbreid, Vassliveien 7';
const VALUES = [
  CHILD_NAME,
  GUARDIAN_NAME,
  BIRTH_DATE,
  CONTACT,
  CONCERN_SUMMARY,
  ENTRY_TEXT,
  VOICE_TEXT,
  FAMILY_COMMENT,
  CONSENT_PURPOSE,
  MEETING_PLACE,
];

// The read models are rebuilt in the API's process below a log size, and by child processes that
// build them in memory above it: here from the first event, two sharing the build (the share one
// wrote for the other to merge holds personal data too).
describe.each<{ builtIn: string; env: Record<string, string> }>([
  { builtIn: 'api_process', env: {} },
  {
    builtIn: 'child_process',
    // And the live batches applied on the projection thread, as the built API does by default.
    env: {
      READ_MODEL_BUILD_IN_CHILD_FROM_EVENTS: '1',
      READ_MODEL_BUILD_PROCESSES: '2',
      PROJECTION_THREAD: 'true',
    },
  },
])('erasure by crypto-shredding, read models rebuilt in the $builtIn', ({ builtIn, env }) => {
  let t: TestApp;
  let s: Scenario;
  let familyId: string;
  let logId: string;
  beforeAll(async () => {
    t = await startTestApp(env);
    s = await enrolledFamily(t);
  });
  afterAll(() => t.close());

  async function writeTheFamily(): Promise<void> {
    let childId: string;
    ({ familyId, childId } = await registeredFamily(s.kari, {
      childName: CHILD_NAME,
      birthDate: BIRTH_DATE,
      guardianName: GUARDIAN_NAME,
      guardianSubject: 'idp|halvdis',
      contact: CONTACT,
    }));
    const guardian = await ApiClient.as(t, { subject: 'idp|halvdis', role: 'guardian' });
    const concernId = randomUUID();
    const consentId = randomUUID();
    logId = randomUUID();
    expectStatus(
      await s.kari.post('/concerns', {
        concernId,
        familyId,
        subjectId: childId,
        kind: 'undring',
        summary: CONCERN_SUMMARY,
      }),
      201,
    );
    expectStatus(
      await s.kari.post(`/concerns/${concernId}/decision`, {
        outcome: 'involve_others',
        reason: 'Flere tjenester trengs',
      }),
      201,
    );
    expectStatus(
      await s.kari.post('/stafettlogger', {
        logId,
        concernId,
        consentId,
        scope: {
          services: ['helsestasjon'],
          categories: ['health', 'family_situation'],
          purpose: CONSENT_PURPOSE,
        },
      }),
      201,
    );
    expectStatus(
      await guardian.post(`/stafettlogger/${logId}/consents/${consentId}/give`, {
        validFrom: today(),
        validUntil: aYearFrom(today()),
      }),
      201,
    );
    expectStatus(await s.kari.post(`/stafettlogger/${logId}/open`, { level: 1 }), 201);
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'conversation',
        category: 'health',
        sharedWithGuardians: true,
        text: ENTRY_TEXT,
      }),
      201,
    );
    expectStatus(
      await guardian.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'guardians_voice',
        category: 'family_situation',
        sharedWithGuardians: true,
        text: VOICE_TEXT,
      }),
      201,
    );
    // A samordningsmøte at the family's home.
    expectStatus(
      await s.kari.post('/meetings', {
        meetingId: randomUUID(),
        logIds: [logId],
        startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        durationMinutes: 60,
        location: { kind: 'place', place: MEETING_PLACE },
        invitedServices: [],
        invitedGuardians: [],
      }),
      201,
    );
    // Closed with the family's own words on how it went, and opened again.
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/close`, {
        reason: 'needs_met',
        familyEvaluation: {
          coordination: 4,
          accessibility: 3,
          participation: 5,
          comment: FAMILY_COMMENT,
        },
      }),
      201,
    );
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/reopen`, { reason: 'Nye bekymringer' }),
      201,
    );
  }

  it('erases nothing when the erasure carries a commandId used for another change', async () => {
    const { familyId: keptId } = await registeredFamily(s.kari, {
      childName: 'Other Child',
      birthDate: '2019-02-11',
      guardianName: 'Other Guardian',
      guardianSubject: 'idp|other-guardian',
    });
    // Used first on another stream: the erasure's own stream does not know it.
    const commandId = randomUUID();
    expectStatus(await s.kari.post('/concerns', concernAbout(s, { commandId })), 201);
    expectStatus(
      await s.admin.post(`/families/${keptId}/erasure`, {
        commandId,
        reasonCode: 'gdpr_article_17',
      }),
      422,
      'COMMAND_ID_REUSED',
    );
    const store = t.app.get<EventStore>(EVENT_STORE);
    const keys = personalDataLayer(store)?.keys;
    expect(keys?.isErased(keptId)).toBe(false);
    expect(keys?.existingKey(keptId)).toBeInstanceOf(Buffer);
    // The family's data still opens, and new data can still be stored under its key.
    const view = expectStatus(await s.kari.get(`/families/${keptId}`), 200);
    expect(JSON.stringify(view.body)).toContain('Other Guardian');
    expectStatus(
      await s.kari.post(`/families/${keptId}/guardians`, {
        guardianId: randomUUID(),
        identitySubject: 'idp|third-guardian',
        parentalResponsibility: false,
        name: 'Third Guardian',
      }),
      201,
    );
  });

  it('keeps personal data out of the event store, and after an erasure out of every file', async () => {
    await writeTheFamily();
    const store = t.app.get<EventStore>(EVENT_STORE);
    const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
    await runner.waitForPosition(await store.headPosition(), 10_000);
    const key = personalDataLayer(store)?.keys.existingKey(familyId);
    expect(key).toBeInstanceOf(Buffer);

    // Before: the events hold only ciphertext; the read models hold the values (the scan can see them).
    const before = valuesInFiles(t.dir, VALUES);
    expect(before.filter((hit) => hit.includes('events.sqlite'))).toEqual([]);
    expect(before.some((hit) => hit.includes('read-models.sqlite'))).toBe(true);
    expect(valuesInFiles(t.dir, [key as Buffer])).toEqual([
      expect.stringMatching(/^0@keys\.sqlite/),
    ]);
    const family = expectStatus(await s.kari.get(`/families/${familyId}`), 200).body as {
      guardians: Record<string, { personal: { name: string; contact: string } }>;
    };
    expect(Object.values(family.guardians)[0].personal).toMatchObject({
      name: GUARDIAN_NAME,
      contact: CONTACT,
    });

    // The metrics thread reads the file through a connection of its own: it lets go before the
    // rebuilt file takes the old one's place (or the old WAL would stay), and reads the new one after.
    const analyst = await ApiClient.as(t, { subject: 'evaluator', role: 'analyst' });
    const metric = '/metrics/logs_opened?area=all&period=year&by=ageBand';
    expectStatus(await analyst.get(metric), 200);

    // Only the municipality's administrator orders it; to anyone else the family is not there.
    const body = { reasonCode: 'gdpr_article_17' };
    expectStatus(await s.kari.post(`/families/${familyId}/erasure`, body), 403);
    const otherAdmin = await ApiClient.as(t, {
      subject: 'admin-x',
      role: 'admin',
      municipalityId: 'another-municipality',
    });
    expectStatus(await otherAdmin.post(`/families/${familyId}/erasure`, body), 404);
    expectStatus(
      await s.admin.post(`/families/${familyId}/erasure`, { reasonCode: 'tired_of_it' }),
      400,
    );
    expectStatus(await s.admin.post(`/families/${familyId}/erasure`, body), 201);
    expectStatus(await s.admin.post(`/families/${familyId}/erasure`, body), 422, 'FAMILY_ERASED');
    expectStatus(
      await s.kari.post(`/families/${familyId}/guardians`, {
        guardianId: randomUUID(),
        identitySubject: 'idp|ny',
        parentalResponsibility: true,
        name: 'Ny Person',
      }),
      422,
      'FAMILY_ERASED',
    );
    // New personal data for the family cannot be stored: there is no key to store it under.
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'conversation',
        category: 'health',
        sharedWithGuardians: true,
        text: 'Etter slettingen',
      }),
      422,
      'FAMILY_ERASED',
    );

    // The read models are built again without it; they show the data as erased.
    const deadline = Date.now() + 30_000;
    type View = { erasedAt?: string; guardians: Record<string, { personal: { name: unknown } }> };
    let erased: View | null = null;
    while (Date.now() < deadline) {
      const res = await s.kari.get(`/families/${familyId}`);
      const view = res.body as unknown as View;
      if (
        res.status === 200 &&
        view?.erasedAt &&
        Object.values(view.guardians).every((g) => g.personal.name === null)
      ) {
        erased = view;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(erased?.erasedAt).toBeDefined();
    expect(Object.values(erased?.guardians ?? {})[0].personal).toEqual({
      name: null,
      contact: null,
      erased: true,
    });
    // Nor does the command side keep the family's state opened before the erasure (its names).
    const { state: familyState } = await t.app
      .get(StreamStates)
      .load(familyStream(familyId), familyDecider);
    expect(JSON.stringify(familyState)).not.toContain(GUARDIAN_NAME);
    expect(familyState).toMatchObject({ erased: true });
    const failing = (await runner.status()).filter((p) => p.lastError);
    expect(failing).toEqual([]);
    const operator = await ApiClient.as(t, { subject: OPERATOR, role: 'operator' });
    const health = expectStatus(await operator.get('/health/details'), 200).body as {
      readModels: {
        lastRebuildBeside: { builtIn: string; child: { processes: number } | null } | null;
      };
      projections: { name: string; eventsHandled: number; feed: string | null }[];
    };
    // The live batches' work is the API's, wherever they were applied (the projection thread's too).
    expect(health.projections.find((p) => p.name === 'timeline')).toMatchObject({
      feed: 'shared',
      eventsHandled: expect.any(Number),
    });
    expect(health.projections.find((p) => p.name === 'timeline')?.eventsHandled).toBeGreaterThan(0);
    expect(health.readModels.lastRebuildBeside?.builtIn).toBe(builtIn);
    expect(health.readModels.lastRebuildBeside?.child?.processes ?? null).toBe(
      builtIn === 'child_process' ? 2 : null,
    );
    await runner.waitForPosition(await store.headPosition(), 30_000);
    const log = expectStatus(await s.kari.get(`/stafettlogger/${logId}`), 200);
    expect(JSON.stringify(log.body)).not.toContain('Skjelbreid');
    // Computed again from the new file: the erased child is in no age band, not a pregnancy.
    const table = expectStatus(
      await analyst.get(`${metric}&minPosition=${await t.sealedHead()}`),
      200,
    ).body as { cells: { category: string; value: number | null; suppressed: boolean }[] };
    expect(table.cells.map((cell) => cell.category)).toContain('unknown');
    const facts = t.app
      .get<SqliteReadModelStore>(READ_MODEL_STORE)
      .db.prepare<[string], { erased: number; birth_date: string | null }>(
        'SELECT erased, birth_date FROM metric_subjects WHERE family_id = ?',
      )
      .all(familyId);
    expect(facts).toEqual([{ erased: 1, birth_date: null }]);

    await t.app.close();
    expect(valuesInFiles(t.dir, [...VALUES, key as Buffer])).toEqual([]);
  });
});
