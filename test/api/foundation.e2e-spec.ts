import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { importJWK, SignJWT, type JWK } from 'jose';
import request from 'supertest';
import { ACCESS_POLICY, DEV_AUDIENCE, DEV_ISSUER, DevIssuer } from '@bti/access';
import { loadConfig } from '@bti/config';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { testEvent } from '@bti/event-store/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { ALL_PROJECTIONS, eventTypeStatisticsProjection } from '@bti/projections';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { APP_OPTIONS, configureApp, createHttpAdapter } from '../../apps/api/src/create-app';
import { createRootLogger } from '../../apps/api/src/platform/pino-logger';
import { registeredStaff } from '../support/scenario';
import { OPERATOR, startTestApp, type TestApp } from '../support/test-app';

const staff = {
  subject: 'staff-1',
  role: 'staff',
  municipalityId: 'vestre-toten',
  serviceId: 'helsestasjon',
} as const;
const admin = { subject: 'admin-1', role: 'admin', municipalityId: 'vestre-toten' } as const;
const operator = { subject: OPERATOR, role: 'operator' } as const;

async function signRaw(
  keyPath: string,
  payload: Record<string, unknown>,
  build: (jwt: SignJWT) => SignJWT,
) {
  const stored = JSON.parse(readFileSync(keyPath, 'utf8')) as { kid: string; privateJwk: JWK };
  const key = await importJWK(stored.privateJwk, 'ES256');
  return build(new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: stored.kid })).sign(
    key,
  );
}

describe('API foundation (real app, real SQLite file)', () => {
  let t: TestApp;
  let http: ReturnType<typeof request>;
  beforeAll(async () => {
    t = await startTestApp();
    http = request(t.app.getHttpServer());
    await registeredStaff(t, 'vestre-toten', [{ subject: 'staff-1', serviceId: 'helsestasjon' }]);
  });
  afterAll(() => t.close());

  describe('GET /health', () => {
    /** The operator's figures: positions and counts are theirs alone. */
    const details = async () =>
      http.get('/health/details').set('Authorization', `Bearer ${await t.token(operator)}`);

    it('is public and says only whether it serves; the operator gets every figure', async () => {
      const open = await http.get('/health').expect(200);
      // No position, lag or count: the head read around two of a guardian's commands would count
      // the services' entries between them.
      expect(open.body).toEqual({
        status: 'ok',
        eventStore: { reachable: true },
        readModels: { reachable: true },
      });
      await http.get('/health/details').expect(401);
      await http
        .get('/health/details')
        .set('Authorization', `Bearer ${await t.token(staff)}`)
        .expect(403);
      await http
        .get('/health/details')
        .set(
          'Authorization',
          `Bearer ${await t.token({ subject: 'admin-vt', role: 'admin', municipalityId: 'vestre-toten' })}`,
        )
        .expect(403);
      const res = await details();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'ok',
        eventStore: { adapter: 'sqlite', reachable: true },
        readModels: {
          reachable: true,
          transactions: expect.any(Number),
          transactionSeconds: expect.any(Number),
          rebuildBeside: null,
          lastRebuildBeside: null,
        },
      });
      expect(res.body.projections.map((p: { name: string }) => p.name)).toEqual(
        ALL_PROJECTIONS.map((p) => p.name),
      );
      expect(res.body.projections.every((p: { running: boolean }) => p.running)).toBe(true);
    });

    it('shows projection lag that falls to 0 once the projection caught up', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const written = await store.append(
        'health-1',
        [testEvent('HealthChecked'), testEvent('HealthChecked')],
        'no_stream',
      );
      let body: {
        projections: { name: string; checkpoint: string; lag: string; eventsHandled: number }[];
        sagas?: { name: string; running: boolean; consecutiveFailures: number }[];
      } = { projections: [] };
      for (let i = 0; i < 50; i++) {
        body = (await details()).body;
        if (body.projections.every((p) => p.lag === '0')) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const statistics = body.projections.find(
        (p: { name: string }) => p.name === 'event-type-statistics',
      );
      expect(statistics).toMatchObject({
        lag: '0',
        lagUnit: 'events',
        feed: 'shared',
        checkpoint: String(written.position),
        applySeconds: expect.any(Number),
      });
      // Every event of the log reaches the statistics projection, these two included.
      expect(
        (statistics as unknown as { eventsHandled: number }).eventsHandled,
      ).toBeGreaterThanOrEqual(2);
      expect(body.sagas).toEqual([
        expect.objectContaining({
          name: 'saga:meeting-decisions',
          running: true,
          consecutiveFailures: 0,
        }),
      ]);
    });
  });

  it('serves the OpenAPI description without sign-in', async () => {
    const res = await http.get('/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/me', '/admin/projections/rebuild']),
    );
    expect(res.body.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    // Every field of every request body carries an example, so each command has one in /docs.
    const schemas = res.body.components.schemas as Record<
      string,
      { properties?: Record<string, Record<string, unknown>> }
    >;
    const withoutExample = Object.entries(schemas)
      .filter(([name]) => name.endsWith('Dto'))
      .flatMap(([name, schema]) =>
        Object.entries(schema.properties ?? {})
          .filter(
            ([, property]) =>
              !('example' in property) &&
              !('$ref' in property) &&
              !('allOf' in property) &&
              !('anyOf' in property),
          )
          .map(([field]) => `${name}.${field}`),
      );
    expect(withoutExample).toEqual([]);
  });

  describe('sign-in', () => {
    it('knows the actor from a valid token', async () => {
      const res = await http
        .get('/me')
        .set('Authorization', `Bearer ${await t.token(staff)}`)
        .expect(200);
      expect(res.body).toEqual({
        subject: 'staff-1',
        role: 'staff',
        municipalityId: 'vestre-toten',
        serviceId: 'helsestasjon',
      });
    });

    it('takes a staff member’s service and role from the staff register, not from the token', async () => {
      const claimingAnother = await t.token({
        ...staff,
        serviceId: 'barnevern',
        role: 'coordinator',
      });
      const res = await http
        .get('/me')
        .set('Authorization', `Bearer ${claimingAnother}`)
        .expect(200);
      expect(res.body).toMatchObject({ role: 'staff', serviceId: 'helsestasjon' });
    });

    it('refuses a staff token for someone the register does not know, or has deactivated, with 403', async () => {
      const stranger = await t.token({ ...staff, subject: 'staff-unknown' });
      for (const path of [
        '/me',
        '/concerns',
        `/families/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
      ]) {
        const res = await http.get(path).set('Authorization', `Bearer ${stranger}`).expect(403);
        expect(res.body.code).toBe('STAFF_NOT_REGISTERED');
      }
      const [leaving] = await registeredStaff(t, 'vestre-toten', [
        { subject: 'staff-leaving', serviceId: 'helsestasjon' },
      ]);
      expect((await leaving.get('/concerns')).status).toBe(200);
      const adminToken = `Bearer ${await t.token(admin)}`;
      await http
        .post('/municipalities/vestre-toten/staff/deactivate')
        .set('Authorization', adminToken)
        .send({ commandId: randomUUID(), staffId: 'staff-leaving' })
        .expect(201);
      const refused = await leaving.get('/concerns');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('STAFF_NOT_REGISTERED');
      await http
        .post('/municipalities/vestre-toten/staff/reactivate')
        .set('Authorization', adminToken)
        .send({ commandId: randomUUID(), staffId: 'staff-leaving' })
        .expect(201);
      expect((await leaving.get('/concerns')).status).toBe(200);
    });

    it('refuses the operator role to a subject the installation did not configure', async () => {
      const claimed = await t.token({ subject: 'admin-1', role: 'operator' });
      const res = await http.get('/me').set('Authorization', `Bearer ${claimed}`).expect(403);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
    });

    it.each([
      ['no Authorization header', undefined, 'UNAUTHENTICATED'],
      ['a Basic header', 'Basic dXNlcjpwYXNz', 'UNAUTHENTICATED'],
      ['a token that is not a JWT', 'Bearer not-a-token', 'INVALID_TOKEN'],
    ])('refuses %s with 401', async (_, header, code) => {
      const req = http.get('/me');
      if (header) req.set('Authorization', header);
      const res = await req.expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, code });
    });

    it('refuses a request that says twice who it is, whoever each says (Node would keep the first)', async () => {
      const token = await t.token(admin);
      const res = await http
        .get('/me')
        // Two header lines (an array is sent as one line each).
        .set('Authorization', [`Bearer ${token}`, `Bearer ${token}`] as unknown as string)
        .expect(401);
      expect(res.body).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'Send one Authorization header',
      });
    });

    it('takes the scheme in any case, as HTTP has it (RFC 9110 § 11.1)', async () => {
      const token = await t.token(admin);
      for (const scheme of ['bearer', 'BEARER'])
        await http.get('/me').set('Authorization', `${scheme} ${token}`).expect(200);
    });

    it('refuses a token signed with another key', async () => {
      const otherDir = mkdtempSync(join(tmpdir(), 'bti-other-'));
      try {
        const other = await DevIssuer.open(join(otherDir, 'key.json'), 'test');
        const res = await http
          .get('/me')
          .set('Authorization', `Bearer ${await other.issue(staff)}`)
          .expect(401);
        expect(res.body.code).toBe('INVALID_TOKEN');
      } finally {
        rmSync(otherDir, { recursive: true, force: true });
      }
    });

    it.each([
      [
        'expired',
        { role: 'staff' },
        (j: SignJWT) =>
          j
            .setIssuer(DEV_ISSUER)
            .setAudience(DEV_AUDIENCE)
            .setSubject('s')
            .setExpirationTime(Math.floor(Date.now() / 1000) - 120),
        /expired/,
      ],
      [
        'for another audience',
        { role: 'staff' },
        (j: SignJWT) =>
          j.setIssuer(DEV_ISSUER).setAudience('other-api').setSubject('s').setExpirationTime('1h'),
        /for another audience/,
      ],
      [
        'from another issuer',
        { role: 'staff' },
        (j: SignJWT) =>
          j.setIssuer('urn:evil').setAudience(DEV_AUDIENCE).setSubject('s').setExpirationTime('1h'),
        /from another issuer/,
      ],
      [
        'with an unknown role',
        { role: 'superuser' },
        (j: SignJWT) =>
          j.setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE).setSubject('s').setExpirationTime('1h'),
        /no known role/,
      ],
      [
        'without a subject',
        { role: 'staff' },
        (j: SignJWT) => j.setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE).setExpirationTime('1h'),
        /no sub claim/,
      ],
    ])('refuses a token %s', async (_, payload, build, reason) => {
      const jwt = await signRaw(t.config.devIssuerKeyPath, payload, build);
      const res = await http.get('/me').set('Authorization', `Bearer ${jwt}`).expect(401);
      expect(res.body.code).toBe('INVALID_TOKEN');
      expect(res.body.message).toMatch(reason);
    });
  });

  describe('operations routes', () => {
    it.each([
      ['staff', staff],
      ['a municipality admin', admin],
    ])('refuses a rebuild to %s with 403: it is the operator’s', async (_, claims) => {
      const res = await http
        .post('/admin/projections/rebuild')
        .set('Authorization', `Bearer ${await t.token(claims)}`)
        .send({ projection: 'event-type-statistics' })
        .expect(403);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
    });

    it.each([
      [{}, 'projection', /projection must be one of/],
      [{ projection: 'no-such' }, 'projection', /event-type-statistics/],
      [{ projection: 42 }, 'projection', /string/],
      [{ projection: 'event-type-statistics', extra: true }, 'extra', /should not exist/],
    ])('answers 400 for the body %j, naming the field', async (body, field, reason) => {
      const res = await http
        .post('/admin/projections/rebuild')
        .set('Authorization', `Bearer ${await t.token(operator)}`)
        .send(body)
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const problem = res.body.fields.find((f: { field: string }) => f.field === field);
      expect(problem.reasons.join(' ')).toMatch(reason);
    });

    it('rebuilds a projection to the head of the log, and records who asked for it', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      await store.append('rebuild-1', [testEvent('RebuildProbe')], 'no_stream');
      const head = await store.headPosition();
      const res = await http
        .post('/admin/projections/rebuild')
        .set('Authorization', `Bearer ${await t.token(operator)}`)
        .send({ projection: 'event-type-statistics' })
        .expect(200);
      // The rebuild's own record is the one event after the head it was asked at.
      expect(res.body).toEqual({
        projection: 'event-type-statistics',
        checkpoint: String(head + 1n),
      });
      const [recorded] = (await store.readStream('installation')).slice(-1);
      expect(recorded.type).toBe('ReadModelRebuildRequested');
      expect(recorded.data).toMatchObject({ projection: 'event-type-statistics' });
      expect(recorded.metadata.actor).toMatchObject({ subject: OPERATOR, role: 'operator' });
    });

    it('refuses a query whose read model is being rebuilt (503 READ_MODELS_REBUILDING, Retry-After) and answers once it has caught up; /health/details says which', async () => {
      const auth = `Bearer ${await t.token(operator)}`;
      const store = t.app.get<EventStore>(EVENT_STORE);
      const runner = t.app.get<ProjectionRunner>(PROJECTION_RUNNER);
      const readModels = t.app.get<SqliteReadModelStore>(READ_MODEL_STORE);
      await store.append('rebuilding-1', [testEvent('RebuildingProbe')], 'no_stream');
      await runner.waitForPosition(await store.headPosition(), 5000);
      await runner.stop();
      try {
        // Where a rebuild begins: the counts emptied, the log still whole.
        readModels.reset(eventTypeStatisticsProjection);
        const refused = await http.get('/admin/event-types').set('Authorization', auth).expect(503);
        expect(refused.headers['retry-after']).toBe('5');
        expect(refused.body).toMatchObject({ code: 'READ_MODELS_REBUILDING' });
        // Also when the caller waits for their own write: part of the log is no answer to it.
        await http
          .get(`/admin/event-types?minPosition=${t.seal(1n)}`)
          .set('Authorization', auth)
          .expect(503);
        // A query over read models that are whole still answers.
        await http
          .get('/municipalities/vestre-toten')
          .set('Authorization', `Bearer ${await t.token(staff)}`)
          .expect(200);
        const health = (await http.get('/health/details').set('Authorization', auth).expect(200))
          .body as { projections: { name: string; rebuilding: boolean }[] };
        expect(health.projections.filter((p) => p.rebuilding).map((p) => p.name)).toEqual([
          eventTypeStatisticsProjection.name,
        ]);
      } finally {
        runner.start();
      }
      await runner.waitForPosition(await store.headPosition(), 5000);
      const answered = await http
        .get('/admin/event-types?limit=500')
        .set('Authorization', auth)
        .expect(200);
      expect(answered.body.items.map((i: { id: string }) => i.id)).toContain(
        'm-test/RebuildingProbe',
      );
      const health = (await http.get('/health/details').set('Authorization', auth).expect(200))
        .body as { projections: { rebuilding: boolean }[] };
      expect(health.projections.some((p) => p.rebuilding)).toBe(false);
    });

    it('pages through event-type counts and validates the page query', async () => {
      const auth = `Bearer ${await t.token(operator)}`;
      const store = t.app.get<EventStore>(EVENT_STORE);
      const written = await store.append(
        'types-1',
        [testEvent('TypeA'), testEvent('TypeB'), testEvent('TypeB')],
        'no_stream',
      );
      await http
        .post('/admin/projections/rebuild')
        .set('Authorization', auth)
        .send({ projection: 'event-type-statistics' })
        .expect(200);
      const first = await http
        .get('/admin/event-types?limit=2')
        .set('Authorization', auth)
        .expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(first.body.items[1].id);
      const all = await http
        .get('/admin/event-types?limit=500')
        .set('Authorization', auth)
        .expect(200);
      const typeB = all.body.items.find((i: { id: string }) => i.id === 'm-test/TypeB');
      // A municipality that is not enrolled has no name to show.
      expect(typeB.document).toMatchObject({
        municipalityId: 'm-test',
        municipalityName: null,
        type: 'TypeB',
        count: 2,
      });
      // The last one's position, sealed as every position a reader gets.
      expect(t.positionOf(typeB.document.lastPosition)).toBe(written.position);
      // An enrolled one is named as a person knows it, not by its id.
      const enrolled = await http
        .post('/municipalities')
        .set('Authorization', `Bearer ${await t.token({ ...admin, municipalityId: 'm-named' })}`)
        .send({
          commandId: randomUUID(),
          municipalityId: 'm-named',
          name: 'Navnås kommune',
          county: 'Innlandet',
        })
        .expect(201);
      const named = await http
        .get(`/admin/event-types?limit=500&minPosition=${enrolled.body.position}`)
        .set('Authorization', auth)
        .expect(200);
      expect(
        named.body.items.find((i: { id: string }) => i.id === 'm-named/MunicipalityEnrolled')
          ?.document,
      ).toMatchObject({ municipalityId: 'm-named', municipalityName: 'Navnås kommune', count: 1 });
      // A municipality admin sees its own municipality's counts only.
      const own = await http
        .get('/admin/event-types?limit=500')
        .set('Authorization', `Bearer ${await t.token(admin)}`)
        .expect(200);
      expect(own.body.items.length).toBeGreaterThan(0);
      expect(
        own.body.items.every(
          (i: { document: { municipalityId: string } }) =>
            i.document.municipalityId === 'vestre-toten',
        ),
      ).toBe(true);
      const bad = await http
        .get('/admin/event-types?limit=0')
        .set('Authorization', auth)
        .expect(400);
      expect(bad.body.fields[0].field).toBe('limit');
      await http.get('/admin/event-types?page=2').set('Authorization', auth).expect(400);
    });
  });
});

@Controller('forgotten')
class ForgottenController {
  @Get()
  secret() {
    return { leaked: true };
  }
}

describe('deny by default', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bti-deny-'));
  const config = loadConfig({ DATA_DIR: dir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  let app: NestFastifyApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(config)],
      controllers: [ForgottenController],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(), {
      ...APP_OPTIONS,
      logger: false,
    });
    await configureApp(app, createRootLogger('silent'), config);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('denies a route that declared no access policy, even to an admin', async () => {
    const issuer = await DevIssuer.open(config.devIssuerKeyPath, 'test');
    const res = await request(app.getHttpServer())
      .get('/forgotten')
      .set('Authorization', `Bearer ${await issuer.issue(admin)}`)
      .expect(403);
    expect(res.body.code).toBe('NO_ACCESS_POLICY');
    expect(res.body.leaked).toBeUndefined();
  });

  it('every route of the app declares who may call it', () => {
    const undeclared: string[] = [];
    for (const module of app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        if (!metatype || metatype === ForgottenController) continue;
        const proto = (metatype as { prototype: Record<string, unknown> }).prototype;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const handler = proto[name];
          if (name === 'constructor' || typeof handler !== 'function') continue;
          if (
            Reflect.getMetadata(PATH_METADATA, handler) === undefined ||
            Reflect.getMetadata(METHOD_METADATA, handler) === undefined
          )
            continue;
          const policy =
            Reflect.getMetadata(ACCESS_POLICY, handler) ??
            Reflect.getMetadata(ACCESS_POLICY, metatype);
          if (!policy) undeclared.push(`${metatype.name}.${name}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });
});

describe('start-up configuration', () => {
  it('refuses to start with a clear message for each bad value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
      env: { ...process.env, PORT: 'eighty', EVENT_STORE: 'mysql', NODE_ENV: 'test' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT must be an integer from 0 to 65535 (got "eighty")');
    expect(result.stderr).toContain('EVENT_STORE must be one of sqlite, esdb (got "mysql")');
  });
});
