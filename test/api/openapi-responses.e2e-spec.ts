import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { loadConfig } from '@bti/config';
import { DevIssuer } from '@bti/access';
import {
  deterministicUuid,
  EVENT_STORE,
  personalDataLayer,
  type EventStore,
  type RecordedEvent,
  POSITION_TOKENS,
  type PositionTokens,
} from '@bti/event-store';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { createApp } from '../../apps/api/src/create-app';
import {
  readResponseSchemasSource,
  SCHEMAS_FILE,
} from '../../apps/api/src/openapi/generate-read-response-schemas';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

describe('the OpenAPI description of what the API answers', () => {
  it('is generated from the server’s types as they are now (npm run openapi:responses)', () => {
    expect(readResponseSchemasSource()).toBe(readFileSync(SCHEMAS_FILE, 'utf8'));
  }, 60_000);

  describe('served at /docs/openapi.json, and met by the demo’s real answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bti-openapi-'));
    const config = loadConfig({
      DATA_DIR: dir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      OPERATOR_SUBJECTS: 'ops',
    });
    let app: INestApplication;
    let document: Document;
    let head: bigint;
    let issuer: DevIssuer;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);

    beforeAll(async () => {
      app = await createApp(config);
      await app.getHttpAdapter().getInstance().ready();
      head = await app.get<EventStore>(EVENT_STORE).headPosition();
      issuer = await DevIssuer.open(config.devIssuerKeyPath, config.nodeEnv);
      document = (await request(app.getHttpServer()).get('/docs/openapi.json').expect(200))
        .body as Document;
      ajv.addSchema({ $id: 'https://bti.invalid/openapi', components: document.components });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const PEOPLE = {
      kari: {
        subject: 'staff-kari',
        role: 'staff',
        municipalityId: 'vestre-toten',
        serviceId: 'helsestasjon-raufoss',
      },
      mother: { subject: 'idp|demo-mor', role: 'guardian' },
      admin: { subject: 'admin-vestre-toten', role: 'admin', municipalityId: 'vestre-toten' },
      analyst: { subject: 'analyst-vestre-toten', role: 'analyst', municipalityId: 'vestre-toten' },
      operator: { subject: 'ops', role: 'operator' },
    } satisfies Record<string, Parameters<DevIssuer['issue']>[0]>;
    type Person = keyof typeof PEOPLE;

    /** A read as this signed-in person, after the demo's last write; it must answer 200. */
    async function readAs(
      claims: Parameters<DevIssuer['issue']>[0],
      path: string,
      query: Record<string, string> = {},
    ) {
      const answer = await request(app.getHttpServer())
        .get(path)
        .query({ minPosition: app.get<PositionTokens>(POSITION_TOKENS).seal(head), ...query })
        .set('Authorization', `Bearer ${await issuer.issue(claims)}`);
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      return answer.body as unknown;
    }
    const read = (person: Person, path: string, query: Record<string, string> = {}) =>
      readAs(PEOPLE[person], path, query);

    /** The 200 answer's JSON schema that the description gives for this route. */
    function declaredSchema(route: string): object {
      const schema = document.paths[route]?.get?.responses['200']?.content?.['application/json']
        ?.schema as { $ref?: string } | undefined;
      expect(schema?.$ref).toMatch(/^#\/components\/schemas\//);
      return { $ref: `https://bti.invalid/openapi${schema?.$ref}` };
    }

    function expectFits(route: string, body: unknown): void {
      const validate = ajv.compile(declaredSchema(route));
      const fits = validate(body);
      expect({ route, errors: fits ? [] : validate.errors }).toEqual({ route, errors: [] });
    }

    /** A list as Kari reads it, and each of its items as each of `people` reads it; the list's ids. */
    async function expectEachFits(
      route: string,
      query: Record<string, string>,
      itemRoute: string,
      people: readonly Person[],
    ): Promise<string[]> {
      const list = (await read('kari', route, query)) as { items: { id: string }[] };
      expectFits(route, list);
      for (const { id } of list.items)
        for (const person of people) expectFits(itemRoute, await read(person, `${route}/${id}`));
      return list.items.map((item) => item.id);
    }

    /** The mother's and Kari's start pages, and the family's copy and access log as the mother reads them. */
    async function expectStartPagesFit(familyId: string): Promise<void> {
      expectFits('/me/children', await read('mother', '/me/children'));
      expectFits('/me/worklist', await read('kari', '/me/worklist'));
      expectFits('/families/{familyId}/copy', await read('mother', `/families/${familyId}/copy`));
      expectFits(
        '/families/{familyId}/access-log',
        await read('mother', `/families/${familyId}/access-log`),
      );
    }

    /** A member of staff, signed in for their service in the municipality. */
    const staff = (
      person: { staffId: string; serviceId: string },
      municipalityId: string | null,
    ) => ({
      subject: person.staffId,
      role: 'staff' as const,
      municipalityId: municipalityId ?? undefined,
      serviceId: person.serviceId,
    });

    /** Who chaired the meeting an event of it (MeetingEnded) names as its actor. */
    const chairOf = (ended: RecordedEvent) =>
      staff(
        (ended.data as { by: { staffId: string; serviceId: string } }).by,
        ended.metadata.municipalityId,
      );

    /** The archive's reads of a closed log — its package and the log itself — fit their schemas. */
    async function expectArchiveFits(closed: RecordedEvent): Promise<void> {
      const logId = closed.stream.slice('stafettlogg-'.length);
      const archivist = {
        subject: 'arkiv-1',
        role: 'archivist' as const,
        municipalityId: closed.metadata.municipalityId ?? undefined,
      };
      const archive = { reasonCode: 'archive_transfer' };
      expectFits(
        '/stafettlogger/{logId}/archive-package',
        await readAs(archivist, `/stafettlogger/${logId}/archive-package`, archive),
      );
      expectFits(
        '/stafettlogger/{logId}',
        await readAs(archivist, `/stafettlogger/${logId}`, archive),
      );
    }

    it('is OpenAPI 3.1, every read has a schema for its answer, and every reference resolves', () => {
      expect(document.openapi).toBe('3.1.0');
      const without: string[] = [];
      for (const [path, operations] of Object.entries(document.paths))
        for (const [method, operation] of Object.entries(operations)) {
          const answers = Object.entries(operation.responses).filter(([status]) =>
            /^2/.test(status),
          );
          const described = answers.some(([, answer]) =>
            Object.values(answer.content ?? {}).some((media) => media.schema !== undefined),
          );
          if (!described && !answers.some(([status]) => status === '204'))
            without.push(`${method.toUpperCase()} ${path}`);
        }
      expect(without).toEqual([]);
      const text = JSON.stringify(document);
      const unresolved = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)]
        .map(([, name]) => name)
        .filter((name) => !(name in document.components.schemas));
      expect(unresolved).toEqual([]);
      expect(text).not.toContain('"nullable"');
    });

    it('describes each answer as the demo’s people get it, field for field', async () => {
      const familyId = deterministicUuid('demo-seed', 'family-nordmann');
      const logs = await expectEachFits('/stafettlogger', { familyId }, '/stafettlogger/{logId}', [
        'kari',
        'mother',
      ]);
      expect(logs.length).toBeGreaterThan(0);
      expectFits('/me', await read('kari', '/me'));
      expectFits('/health', (await request(app.getHttpServer()).get('/health')).body);
      expectFits('/health/details', await read('operator', '/health/details'));
      expectFits(
        '/municipalities/{municipalityId}',
        await read('admin', '/municipalities/vestre-toten'),
      );
      expectFits('/families/{familyId}', await read('kari', `/families/${familyId}`));
      expectFits('/families/{familyId}', await read('mother', `/families/${familyId}`));
      const concerns = (await read('kari', '/concerns')) as { items: { id: string }[] };
      expectFits('/concerns', concerns);
      expect(concerns.items.length).toBeGreaterThan(0);
      expectFits('/concerns/{concernId}', await read('kari', `/concerns/${concerns.items[0].id}`));
      const meetings = await expectEachFits('/meetings', { familyId }, '/meetings/{meetingId}', [
        'kari',
        'mother',
      ]);
      expect(meetings.length).toBeGreaterThan(0);
      expectFits('/meetings/follow-ups', await read('kari', '/meetings/follow-ups'));
      const arenas = (await read('kari', '/arenas')) as { items: { id: string }[] };
      expectFits('/arenas', arenas);
      const arenaId = arenas.items[0].id;
      expectFits('/arenas/{arenaId}', await read('kari', `/arenas/${arenaId}`));
      expectFits('/arenas/{arenaId}/referrals', await read('kari', `/arenas/${arenaId}/referrals`));
      const discussions = (await read('kari', '/discussions')) as { items: { id: string }[] };
      expectFits('/discussions', discussions);
      if (discussions.items.length > 0)
        expectFits(
          '/discussions/{discussionId}',
          await read('kari', `/discussions/${discussions.items[0].id}`),
        );
      expectFits('/programme/{municipalityId}', await read('admin', '/programme/vestre-toten'));
      expectFits(
        '/families/{familyId}/timeline',
        await read('kari', `/families/${familyId}/timeline`),
      );
      expectFits(
        '/families/{familyId}/timeline',
        await read('mother', `/families/${familyId}/timeline`),
      );
      await expectStartPagesFit(familyId);
      expectFits(
        '/municipalities/{municipalityId}/access-anomalies',
        await read('admin', '/municipalities/vestre-toten/access-anomalies'),
      );
      expectFits('/metrics', await read('analyst', '/metrics'));
      const area = { area: 'municipality', areaId: 'vestre-toten', by: 'ageBand' };
      expectFits('/metrics/{metricId}', await read('analyst', '/metrics/logs_opened', area));
      expectFits('/metrics/export', await read('analyst', '/metrics/export', area));
      expectFits(
        '/metrics/initiatives',
        await read('analyst', '/metrics/initiatives', { municipalityId: 'vestre-toten' }),
      );
      expectFits(
        '/municipalities/{municipalityId}/use',
        await read('admin', '/municipalities/vestre-toten/use'),
      );
      expectFits('/admin/event-types', await read('admin', '/admin/event-types'));
    }, 60_000);

    it('describes the answers about meetings held, logs closed and anonymous discussions', async () => {
      const store = app.get<EventStore>(EVENT_STORE);
      const [ended] = await store.readAll({ filter: { eventTypes: ['MeetingEnded'] } });
      const [closed] = await store.readAll({ filter: { eventTypes: ['StafettloggClosed'] } });
      const [asked] = await store.readAll({
        filter: { eventTypes: ['AnonymousDiscussionOpened'] },
      });
      const meetingId = ended.stream.slice('meeting-'.length);
      const chair = chairOf(ended);
      expectFits('/meetings/{meetingId}', await readAs(chair, `/meetings/${meetingId}`));
      expectFits(
        '/meetings/{meetingId}/minutes',
        await readAs(chair, `/meetings/${meetingId}/minutes`),
      );
      await expectArchiveFits(closed);

      const discussion = asked.data as {
        discussionId: string;
        askedBy: { staffId: string; serviceId: string };
      };
      expectFits(
        '/discussions/{discussionId}',
        await readAs(
          staff(discussion.askedBy, asked.metadata.municipalityId),
          `/discussions/${discussion.discussionId}`,
        ),
      );
    });

    // Last of the demo's tests: it erases families.
    it('describes the answers about a family whose personal data has been erased', async () => {
      const store = app.get<EventStore>(EVENT_STORE);
      const familyId = deterministicUuid('demo-seed', 'family-nordmann');
      const [ended] = await store.readAll({ filter: { eventTypes: ['MeetingEnded'] } });
      const [closed] = await store.readAll({ filter: { eventTypes: ['StafettloggClosed'] } });
      const familyOf = async (stream: string) => {
        const [first] = await store.readStream(stream, { from: 'start', maxCount: 1 });
        return {
          familyId: first.data.familyId as string,
          municipalityId: first.metadata.municipalityId,
        };
      };
      const erased = [
        { familyId, municipalityId: 'vestre-toten' },
        await familyOf(ended.stream),
        await familyOf(closed.stream),
      ].filter((family, i, all) => all.findIndex((f) => f.familyId === family.familyId) === i);
      for (const family of erased) {
        const admin = {
          subject: 'admin',
          role: 'admin' as const,
          municipalityId: family.municipalityId ?? undefined,
        };
        const answer = await request(app.getHttpServer())
          .post(`/families/${family.familyId}/erasure`)
          .set('Authorization', `Bearer ${await issuer.issue(admin)}`)
          .send({ commandId: randomUUID(), reasonCode: 'gdpr_article_17' });
        expect({ family: family.familyId, status: answer.status }).toEqual({
          family: family.familyId,
          status: 201,
        });
      }
      const keys = personalDataLayer(store)?.keys;
      const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);
      const deadline = Date.now() + 60_000;
      const readModels = app.get<SqliteReadModelStore>(READ_MODEL_STORE);
      const notTakenUp = () => readModels.erasuresNotTakenUp(keys?.erasedFamilies() ?? []);
      while (notTakenUp().length > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(notTakenUp()).toEqual([]);
      expect(erased.filter((family) => !keys?.isErased(family.familyId))).toEqual([]);
      head = await store.headPosition();
      await runner.waitForPosition(head, 30_000);

      const family = (await read('kari', `/families/${familyId}`)) as { erasedAt?: string };
      expect(family.erasedAt).toEqual(expect.any(String));
      expectFits('/families/{familyId}', family);
      expectFits('/families/{familyId}', await read('mother', `/families/${familyId}`));
      await expectEachFits('/stafettlogger', { familyId }, '/stafettlogger/{logId}', [
        'kari',
        'mother',
      ]);
      for (const person of ['kari', 'mother'] as const)
        expectFits(
          '/families/{familyId}/timeline',
          await read(person, `/families/${familyId}/timeline`),
        );
      await expectEachFits('/concerns', {}, '/concerns/{concernId}', ['kari']);
      await expectEachFits('/meetings', { familyId }, '/meetings/{meetingId}', ['kari', 'mother']);
      expectFits('/meetings/follow-ups', await read('kari', '/meetings/follow-ups'));
      const arenas = (await read('kari', '/arenas')) as { items: { id: string }[] };
      for (const { id } of arenas.items)
        expectFits('/arenas/{arenaId}/referrals', await read('kari', `/arenas/${id}/referrals`));
      await expectStartPagesFit(familyId);

      const meetingId = ended.stream.slice('meeting-'.length);
      const chair = chairOf(ended);
      const held = (await readAs(chair, `/meetings/${meetingId}`)) as {
        invitedGuardians: { name: string | null }[];
        attendance: { kind: string; name: string | null }[];
      };
      expectFits('/meetings/{meetingId}', held);
      // The family's names are gone with the rest: null, not an empty string.
      expect(held.invitedGuardians.length).toBeGreaterThan(0);
      expect(
        [...held.invitedGuardians, ...held.attendance.filter((a) => a.kind !== 'staff')].map(
          (person) => person.name,
        ),
      ).toEqual(expect.arrayContaining([null]));
      expect(
        [...held.invitedGuardians, ...held.attendance.filter((a) => a.kind !== 'staff')].filter(
          (person) => person.name !== null,
        ),
      ).toEqual([]);
      const minutes = (await readAs(chair, `/meetings/${meetingId}/minutes`)) as {
        decisions: { what: string }[];
        present: string[];
        absent: string[];
      };
      expectFits('/meetings/{meetingId}/minutes', minutes);
      // Minutes are read as words: they say what was erased rather than leave it out.
      expect(minutes.decisions.length).toBeGreaterThan(0);
      expect(minutes.decisions.map((decision) => decision.what)).toEqual(
        minutes.decisions.map(() => '(slettet)'),
      );
      expect(
        [...minutes.present, ...minutes.absent].filter(
          (person) => person.trim() === '' || person.startsWith(','),
        ),
      ).toEqual([]);
      await expectArchiveFits(closed);
    }, 120_000);

    it('finds an answer that leaves the description out, or adds to it', () => {
      const validate = ajv.compile(declaredSchema('/me/children'));
      expect(validate({ children: [] })).toBe(true);
      expect(validate({})).toBe(false);
      expect(validate({ children: [], internalNote: 'not in the description' })).toBe(false);
    });

    it('says a field Nest describes as nullable takes null, or what it names (OpenAPI 3.1)', () => {
      const oidc = ajv.compile({
        $ref: 'https://bti.invalid/openapi#/components/schemas/WebConfigDto/properties/oidc',
      });
      expect(oidc(null)).toBe(true);
      expect(oidc('a string')).toBe(false);
    });
  });
});
