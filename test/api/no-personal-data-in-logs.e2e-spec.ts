import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PersonalDataEventStore, SqliteEventStore, SqliteKeyStore } from '@bti/event-store';
import { testIdentityNumber } from '../../libs/domain/src/testing/identity-numbers';
import { ApiClient, expectStatus } from '../support/api-client';
import { aYearFrom, enrolledFamily, openedLog, registeredFamily, today } from '../support/scenario';
import { buildApi, exited, spawnApi, type SpawnedApi } from '../support/spawned-api';

/** Values no log line may carry: each distinctive enough that a match is a leak, not a coincidence. */
const CHILD_NAME = 'Sigrunnhild Tveitebakk';
const GUARDIAN_NAME = 'Annbjørg Kvernmo-Flatland';
const BIRTH_DATE = '2019-03-17';
const ENTRY_TEXT = 'Tveitebakk-notat: sover urolig etter flyttingen';
const VOICE_TEXT = 'Kvernmo-Flatland ønsker faste rutiner';
const CONCERN_SUMMARY = 'Sigrunnhild virker lei seg i barnehagen';
const IDENTITY_NUMBER = testIdentityNumber('170319');

/** Every value under a `personal` field of every event the demo seed and the journeys wrote. */
async function personalValuesInTheLog(dataDir: string): Promise<string[]> {
  // Read through the crypto-shredding layer: in the file itself they are ciphertext.
  const store = new PersonalDataEventStore(
    new SqliteEventStore({ path: join(dataDir, 'events.sqlite') }),
    new SqliteKeyStore(join(dataDir, 'keys.sqlite')),
  );
  const values = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string' && value.length >= 8) values.add(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  try {
    for (const event of await store.readAll())
      collect((event.data as { personal?: unknown }).personal);
    return [...values];
  } finally {
    await store.close();
  }
}

describe('no personal data in the logs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bti-log-scan-'));
  let api: SpawnedApi;
  beforeAll(async () => {
    buildApi();
    // The most talkative level, the demo seed on, as a developer would run it.
    api = await spawnApi(
      dir,
      { NODE_ENV: 'development', LOG_LEVEL: 'trace', DEMO_SEED: 'true', DEMO_CHILDREN: '24' },
      { capture: true },
    );
    await api.ready();
  }, 180_000);
  afterAll(async () => {
    api.child.kill('SIGKILL');
    await exited(api.child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes none of the names, birth dates, identity numbers or texts of the journeys to stdout or stderr', async () => {
    const s = await enrolledFamily(api, 'loggvik');
    const { familyId, childId } = await registeredFamily(s.kari, {
      childName: CHILD_NAME,
      birthDate: BIRTH_DATE,
      guardianName: GUARDIAN_NAME,
      guardianSubject: 'idp|annbjorg',
    });
    // Refused requests carry the values too: a validation error, a broken rule, a duplicate.
    expectStatus(
      await s.kari.post(`/families/${familyId}/subjects`, {
        subjectId: childId,
        kind: 'child',
        name: CHILD_NAME,
        birthDate: '2019-02-30',
      }),
      400,
    );
    expectStatus(
      await s.kari.post('/concerns', {
        concernId: randomUUID(),
        familyId,
        subjectId: childId,
        kind: 'undring',
        summary: CONCERN_SUMMARY,
        unexpected: GUARDIAN_NAME,
      }),
      400,
    );
    expectStatus(
      await s.kari.post('/concerns', {
        concernId: randomUUID(),
        familyId,
        subjectId: childId,
        kind: 'undring',
        summary: CONCERN_SUMMARY,
      }),
      201,
    );

    const { logId } = await openedLog(s, {
      validFrom: today(),
      validUntil: aYearFrom(today()),
      level: 2,
      services: ['helsestasjon', 'barnehage'],
      categories: ['health', 'family_situation'],
    });
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'conversation',
        category: 'health',
        sharedWithGuardians: false,
        text: ENTRY_TEXT,
      }),
      201,
    );
    expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'guardians_voice',
        category: 'family_situation',
        sharedWithGuardians: true,
        text: VOICE_TEXT,
      }),
      201,
    );
    expectStatus(
      await s.per.post(`/stafettlogger/${logId}/entries`, {
        entryId: randomUUID(),
        kind: 'observation',
        category: 'child_welfare',
        sharedWithGuardians: false,
        text: ENTRY_TEXT,
      }),
      422,
    );

    const arenaId = randomUUID();
    expectStatus(
      await s.admin.post('/arenas', {
        arenaId,
        kind: 'kompetanseteam',
        name: 'Kompetanseteam 0–6',
        mandate: 'Råd til ansatte',
        intakeCriteria: 'Undring der egen tjeneste står fast',
        memberServices: ['helsestasjon', 'barnehage'],
        meetingRhythm: 'Første tirsdag i måneden',
        acceptsCitizenReferrals: false,
      }),
      201,
    );
    expectStatus(
      await s.kari.post('/discussions', {
        discussionId: randomUUID(),
        arenaId,
        ageBand: '0-5',
        themes: ['wellbeing'],
        servicesInvolved: ['barnehage'],
        question: `Gjelder ${IDENTITY_NUMBER}, ${CHILD_NAME}`,
      }),
      422,
    );

    // Reads by everyone, and by people who may not.
    expectStatus(await s.kari.get(`/stafettlogger/${logId}`), 200);
    expectStatus(await s.mother.get(`/families/${s.familyId}/timeline`), 200);
    expectStatus(await s.mother.get('/me/children'), 200);
    const stranger = await ApiClient.as(api, { subject: 'idp|fremmed', role: 'guardian' });
    expectStatus(await stranger.get(`/families/${familyId}/timeline`), 404);
    expectStatus(await stranger.get(`/stafettlogger/${logId}`), 404);

    api.child.kill('SIGTERM');
    await exited(api.child);

    const output = api.output();
    // The capture works: the journeys' requests are in it, by route pattern.
    expect(output).toContain('"route":"/families/:familyId/subjects"');
    expect(output).toContain('"status":422');
    const seeded = await personalValuesInTheLog(dir);
    expect(seeded).toEqual(expect.arrayContaining([CHILD_NAME, GUARDIAN_NAME, ENTRY_TEXT]));
    expect(seeded.length).toBeGreaterThan(100);
    const leaks = [
      CHILD_NAME,
      GUARDIAN_NAME,
      BIRTH_DATE,
      ENTRY_TEXT,
      VOICE_TEXT,
      CONCERN_SUMMARY,
      IDENTITY_NUMBER,
      'Tveitebakk',
      'Kvernmo',
      ...seeded,
    ].filter((value) => output.includes(value));
    expect(leaks).toEqual([]);
  }, 180_000);
});
