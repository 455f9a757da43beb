import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, personalDataLayer, type EventStore } from '@bti/event-store';
import { PROJECTION_RUNNER, type ProjectionRunner } from '@bti/read-models';
import { ApiClient, expectStatus } from '../support/api-client';
import { enrolledFamily, registeredFamily, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

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

/** Every way the code could have written a value down: UTF-8 (JSON and SQLite text), UTF-16, base64, hex, \u escapes. */
function encodings(value: string): Buffer[] {
  const utf8 = Buffer.from(value, 'utf8');
  const escaped = value.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return [
    utf8,
    Buffer.from(value, 'utf16le'),
    Buffer.from(utf8.toString('base64')),
    Buffer.from(utf8.toString('base64url')),
    Buffer.from(utf8.toString('hex')),
    Buffer.from(escaped),
  ];
}

/**
 * The folder's files as they are now, copied by another process. Opened and closed by this one, a
 * file its SQLite connections hold would lose their POSIX locks (SQLite's documented pitfall), and a
 * build child opening the store next could take the WAL index for its own and reset it under them:
 * this process then dies of SIGBUS.
 */
function copiedElsewhere(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'bti-erasure-scan-'));
  const copied = spawnSync(
    process.execPath,
    [
      '-e',
      `const fs = require('fs'), path = require('path');
       const [from, to] = process.argv.slice(1);
       for (const name of fs.readdirSync(from)) fs.copyFileSync(path.join(from, name), path.join(to, name));`,
      dir,
      copy,
    ],
    { encoding: 'utf8' },
  );
  if (copied.status !== 0) throw new Error(`copying ${dir} failed: ${copied.stderr}`);
  return copy;
}

/** Which values (by index) occur, in any encoding, in any file of the folder. */
function valuesInFiles(dir: string, values: readonly (string | Buffer)[]): string[] {
  const found: string[] = [];
  const copy = copiedElsewhere(dir);
  const files = readdirSync(copy).map((name) => ({ name, bytes: readFileSync(join(copy, name)) }));
  rmSync(copy, { recursive: true, force: true });
  values.forEach((value, index) => {
    const forms = typeof value === 'string' ? encodings(value) : [value];
    for (const file of files)
      if (forms.some((form) => file.bytes.includes(form))) found.push(`${index}@${file.name}`);
  });
  return found;
}

// The read models are rebuilt in the API's process below a log size, and by child processes that
// build them in memory above it: here from the first event, two sharing the build (the share one
// wrote for the other to merge holds personal data too).
describe.each<{ builtIn: string; env: Record<string, string> }>([
  { builtIn: 'api_process', env: {} },
  {
    builtIn: 'child_process',
    env: { READ_MODEL_BUILD_IN_CHILD_FROM_EVENTS: '1', READ_MODEL_BUILD_PROCESSES: '2' },
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
        validFrom: '2026-01-01',
        validUntil: '2027-12-31',
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
    const failing = (await runner.status()).filter((p) => p.lastError);
    expect(failing).toEqual([]);
    const health = expectStatus(await s.kari.get('/health'), 200).body as {
      readModels: {
        lastRebuildBeside: { builtIn: string; child: { processes: number } | null } | null;
      };
    };
    expect(health.readModels.lastRebuildBeside?.builtIn).toBe(builtIn);
    expect(health.readModels.lastRebuildBeside?.child?.processes ?? null).toBe(
      builtIn === 'child_process' ? 2 : null,
    );
    await runner.waitForPosition(await store.headPosition(), 30_000);
    const log = expectStatus(await s.kari.get(`/stafettlogger/${logId}`), 200);
    expect(JSON.stringify(log.body)).not.toContain('Skjelbreid');
    // Computed again from the new file: the erased child is in no age band, not a pregnancy.
    const table = expectStatus(
      await analyst.get(`${metric}&minPosition=${await store.headPosition()}`),
      200,
    ).body as { cells: { category: string }[] };
    expect(table.cells.map((cell) => cell.category)).toContain('unknown');

    await t.app.close();
    expect(valuesInFiles(t.dir, [...VALUES, key as Buffer])).toEqual([]);
  });
});
