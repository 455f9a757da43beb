import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { QUERY_ROLES } from '@bti/access';
import { PROJECTION_RUNNER, type ProjectionRunner } from '@bti/read-models';
import { arenaRoutes } from '@bti/arenas';
import { concernRoutes } from '@bti/concerns';
import { consentRoutes } from '@bti/consent';
import { discussionRoutes } from '@bti/discussions';
import type { Role } from '@bti/domain';
import { familyRoutes } from '@bti/families';
import type { CommandRouteTable } from '@bti/http';
import { meetingRoutes } from '@bti/meetings';
import { municipalityRoutes } from '@bti/municipality';
import { programmeRoutes } from '@bti/programme';
import { stafettloggRoutes } from '@bti/stafettlogg';
import { ApiClient, expectStatus } from '../support/api-client';
import { logWithBarnehage, meetingWithDecisions } from '../support/meeting-scenario';
import {
  enrolledFamily,
  registeredFamily,
  registeredStaff,
  type Scenario,
} from '../support/scenario';
import { OPERATOR, startTestApp, type TestApp } from '../support/test-app';

/**
 * The whole policy, cell by cell, from outside: every read endpoint × every kind of caller × the
 * caller's own and another's family (log, meeting, municipality), and every command endpoint × every
 * role. Each cell's answer is written down from the rule in docs/access.md; a route the app serves
 * that the matrix does not cover fails the test.
 */

const VT = 'vestre-toten';
const SILJAN = 'siljan';

type Who =
  | 'kari'
  | 'koord'
  | 'per'
  | 'nils'
  | 'siljan'
  | 'mother'
  | 'father'
  | 'stranger'
  | 'analyst'
  | 'admin'
  | 'adminSiljan'
  | 'operator'
  | 'archivist';

const ROLE_OF: Record<Who, Role> = {
  kari: 'staff',
  koord: 'coordinator',
  per: 'staff',
  nils: 'staff',
  siljan: 'staff',
  mother: 'guardian',
  father: 'guardian',
  stranger: 'guardian',
  analyst: 'analyst',
  admin: 'admin',
  adminSiljan: 'admin',
  operator: 'operator',
  archivist: 'archivist',
};
const EVERYONE = Object.keys(ROLE_OF) as Who[];

/** The world: family F1 (own) and F2 (other), each with a log; a meeting about F1's log. */
interface World {
  F1: string;
  F2: string;
  L1: string;
  L2: string;
  C1: string;
  C2: string;
  M1: string;
  /** The consents of L1 and L2. */
  K1: string;
  K2: string;
}

type Target = 'own' | 'other';
/** An answer: a status, or for lists `200:n` with the number of items the caller sees. */
type Expect = (who: Who, target: Target) => string;

interface ReadEndpoint {
  readonly route: string;
  readonly path: (w: World, target: Target) => string;
  readonly roles: readonly Role[];
  /** The answer for a caller whose role may make the query. */
  readonly expect: Expect;
  /** Count the items of a list answer. */
  readonly items?: (body: Record<string, unknown>) => number;
}

const pick =
  (
    own: Partial<Record<Who, string>>,
    other: Partial<Record<Who, string>>,
    fallback: string,
  ): Expect =>
  (who, target) =>
    (target === 'own' ? own : other)[who] ?? fallback;

const staffOfVt: Who[] = ['kari', 'koord', 'per', 'nils'];
const each = (whos: Who[], answer: string) => Object.fromEntries(whos.map((w) => [w, answer]));
const listItems = (body: Record<string, unknown>) => (body.items as unknown[]).length;

const READS: ReadEndpoint[] = [
  {
    route: 'GET /me',
    path: () => '/me',
    roles: [...QUERY_ROLES.me, 'archivist'],
    expect: () => '200',
  },
  {
    route: 'GET /families/:familyId',
    path: (w, t) => `/families/${t === 'own' ? w.F1 : w.F2}`,
    roles: QUERY_ROLES.family,
    // Staff of the municipality know its families; the family knows itself.
    expect: pick(
      { ...each(staffOfVt, '200'), mother: '200', father: '200' },
      { ...each(staffOfVt, '200'), stranger: '200' },
      '404',
    ),
  },
  {
    route: 'GET /families/:familyId/timeline',
    path: (w, t) => `/families/${t === 'own' ? w.F1 : w.F2}/timeline`,
    roles: QUERY_ROLES.timeline,
    expect: pick(
      { ...each(staffOfVt, '200'), mother: '200', father: '200' },
      { ...each(staffOfVt, '200'), stranger: '200' },
      '404',
    ),
  },
  {
    route: 'GET /families/:familyId/access-log',
    path: (w, t) => `/families/${t === 'own' ? w.F1 : w.F2}/access-log`,
    roles: QUERY_ROLES.accessLog,
    // Guardians with parental responsibility only.
    expect: pick({ mother: '200' }, { stranger: '200' }, '404'),
  },
  {
    route: 'GET /families/:familyId/copy',
    path: (w, t) => `/families/${t === 'own' ? w.F1 : w.F2}/copy`,
    roles: QUERY_ROLES.familyCopy,
    expect: pick({ mother: '200' }, { stranger: '200' }, '404'),
  },
  {
    route: 'GET /stafettlogger/:logId',
    path: (w, t) => `/stafettlogger/${t === 'own' ? w.L1 : w.L2}`,
    roles: QUERY_ROLES.stafettlogg,
    // Services taking part under consent and the family with parental responsibility; the archive
    // knows only closed logs.
    expect: pick(
      { kari: '200', koord: '200', per: '200', mother: '200' },
      { per: '200', stranger: '200' },
      '404',
    ),
  },
  {
    route: 'GET /stafettlogger/:logId/consents/:consentId/form',
    path: (w, t) =>
      t === 'own'
        ? `/stafettlogger/${w.L1}/consents/${w.K1}/form`
        : `/stafettlogger/${w.L2}/consents/${w.K2}/form?format=pdf`,
    roles: QUERY_ROLES.consentForm,
    // As the log: a consent is read where the log is (a service sees those naming it).
    expect: pick(
      { kari: '200', koord: '200', per: '200', mother: '200' },
      { per: '200', stranger: '200' },
      '404',
    ),
  },
  {
    route: 'GET /stafettlogger/:logId/archive-package',
    path: (w, t) =>
      `/stafettlogger/${t === 'own' ? w.L1 : w.L2}/archive-package?reasonCode=archive_transfer`,
    roles: QUERY_ROLES.archivePackage,
    expect: () => '404',
  },
  {
    route: 'GET /stafettlogger',
    path: (w, t) => `/stafettlogger?familyId=${t === 'own' ? w.F1 : w.F2}`,
    roles: QUERY_ROLES.stafettloggList,
    expect: pick(
      { kari: '200:1', koord: '200:1', per: '200:1', mother: '200:1' },
      { per: '200:1', stranger: '200:1' },
      '200:0',
    ),
    items: listItems,
  },
  {
    route: 'GET /meetings',
    path: (w, t) => `/meetings?familyId=${t === 'own' ? w.F1 : w.F2}`,
    roles: QUERY_ROLES.meeting,
    expect: pick({ kari: '200:1', koord: '200:1', per: '200:1', mother: '200:1' }, {}, '200:0'),
    items: listItems,
  },
  ...(['', '/minutes', '/invitation.ics'] as const).map((suffix): ReadEndpoint => ({
    route: `GET /meetings/:meetingId${suffix}`,
    path: (w, t) => `/meetings/${t === 'own' ? w.M1 : randomUUID()}${suffix}`,
    roles: QUERY_ROLES.meeting,
    // The chair's and the invited services, and the family with parental responsibility.
    expect: pick({ kari: '200', koord: '200', per: '200', mother: '200' }, {}, '404'),
  })),
  {
    route: 'GET /meetings/follow-ups',
    path: () => '/meetings/follow-ups',
    roles: QUERY_ROLES.meetingFollowUps,
    expect: () => '200',
  },
  {
    route: 'GET /me/children',
    path: () => '/me/children',
    roles: QUERY_ROLES.myChildren,
    expect: () => '200',
  },
  {
    route: 'GET /me/worklist',
    path: () => '/me/worklist',
    roles: QUERY_ROLES.worklist,
    expect: () => '200',
  },
  {
    route: 'GET /concerns',
    path: () => '/concerns',
    roles: QUERY_ROLES.concerns,
    expect: () => '200',
  },
  {
    route: 'GET /concerns/:concernId',
    path: (w, t) => `/concerns/${t === 'own' ? w.C1 : w.C2}`,
    roles: QUERY_ROLES.concerns,
    // A concern is its noting service's alone.
    expect: pick({ kari: '200', koord: '200' }, { per: '200' }, '404'),
  },
  {
    route: 'GET /municipalities/:municipalityId',
    path: (_, t) => `/municipalities/${t === 'own' ? VT : SILJAN}`,
    roles: QUERY_ROLES.municipality,
    expect: pick(
      { ...each(staffOfVt, '200'), admin: '200' },
      { siljan: '200', adminSiljan: '200' },
      '404',
    ),
  },
  {
    route: 'GET /municipalities/:municipalityId/use',
    path: (_, t) => `/municipalities/${t === 'own' ? VT : SILJAN}/use`,
    roles: QUERY_ROLES.municipalityUse,
    // Those who run the services; an analyst's role is refused (403): the metric tables only.
    expect: pick({ koord: '200', admin: '200' }, { adminSiljan: '200' }, '404'),
  },
  {
    route: 'GET /municipalities/:municipalityId/access-anomalies',
    path: (_, t) => `/municipalities/${t === 'own' ? VT : SILJAN}/access-anomalies`,
    roles: QUERY_ROLES.accessAnomalies,
    expect: pick({ koord: '200', admin: '200' }, { adminSiljan: '200' }, '404'),
  },
  ...(['', '/initiatives', '/export', '/logs_opened'] as const).map((suffix): ReadEndpoint => ({
    route: `GET /metrics${suffix === '/logs_opened' ? '/:metricId' : suffix}`,
    path: () => `/metrics${suffix}${suffix === '/initiatives' ? `?municipalityId=${VT}` : ''}`,
    roles: QUERY_ROLES.metrics,
    // An admin reads their own municipality's initiatives only, as its tables.
    expect: (who) => (suffix === '/initiatives' && who === 'adminSiljan' ? '403' : '200'),
  })),
  {
    route: 'GET /programme/:municipalityId',
    path: (_, t) => `/programme/${t === 'own' ? VT : SILJAN}`,
    roles: QUERY_ROLES.programme,
    // The own municipality's register; analysts any; a municipality without one is not found.
    expect: pick({}, {}, '404'),
  },
  {
    route: 'GET /arenas',
    path: () => '/arenas',
    roles: QUERY_ROLES.arenas,
    expect: () => '200',
  },
  ...(['', '/referrals'] as const).map((suffix): ReadEndpoint => ({
    route: `GET /arenas/:arenaId${suffix}`,
    path: () => `/arenas/${randomUUID()}${suffix}`,
    roles: suffix ? QUERY_ROLES.arenaReferrals : QUERY_ROLES.arenas,
    expect: () => '404',
  })),
  {
    route: 'GET /discussions',
    path: () => `/discussions?arenaId=${randomUUID()}`,
    roles: QUERY_ROLES.discussions,
    expect: () => '200',
  },
  {
    route: 'GET /discussions/:discussionId',
    path: () => `/discussions/${randomUUID()}`,
    roles: QUERY_ROLES.discussions,
    expect: () => '404',
  },
  {
    route: 'GET /admin/event-types',
    path: () => '/admin/event-types',
    roles: QUERY_ROLES.installation,
    expect: () => '200',
  },
];

const COMMAND_TABLES: CommandRouteTable<{ type: string }>[] = [
  municipalityRoutes,
  familyRoutes,
  concernRoutes,
  stafettloggRoutes,
  consentRoutes,
  meetingRoutes,
  arenaRoutes,
  discussionRoutes,
  programmeRoutes,
] as unknown as CommandRouteTable<{ type: string }>[];

/** A value of the right format for each path parameter, so only the role gate and the body decide. */
function concretePath(table: CommandRouteTable<{ type: string }>, path: string): string {
  const full = `/${table.prefix}${path ? `/${path}` : ''}`;
  return full.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    table.params[name] === 'slug' ? VT : randomUUID(),
  );
}

/** The day these tests live on: their dates (consents, pregnancies …) are written for it. */
const NOW = new Date('2026-06-01T08:00:00.000Z');
describe('the policy matrix: every endpoint × every caller × own and other', () => {
  let t: TestApp;
  let s: Scenario;
  let world: World;
  const clients = {} as Record<Who, ApiClient>;
  const outcomes: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, () => NOW);
    s = await enrolledFamily(t, VT);
    const [koord, nils] = await registeredStaff(t, VT, [
      { subject: 'koord', serviceId: 'helsestasjon', role: 'coordinator' },
      { subject: 'staff-nils', serviceId: 'nav' },
    ]);
    const [siljan] = await registeredStaff(t, SILJAN, [
      { subject: 'staff-siljan', serviceId: 'helsestasjon' },
    ]);
    const L1 = await logWithBarnehage(s, '2026-01-01');
    const { meetingId: M1 } = await meetingWithDecisions(
      s,
      L1,
      new Date(NOW.getTime() + 60_000).toISOString(),
      [],
    );
    expectStatus(
      await s.kari.post(`/families/${s.familyId}/guardians`, {
        guardianId: randomUUID(),
        identitySubject: 'idp|far',
        parentalResponsibility: false,
        name: 'Far',
      }),
      201,
    );
    const l1 = expectStatus(await s.kari.get(`/stafettlogger/${L1}`), 200).body as {
      concernId: string;
      consents: { consentId: string }[];
    };
    const C1 = l1.concernId;
    const K1 = l1.consents[0].consentId;

    // F2: barnehage's family alone.
    const { familyId: F2, childId: child2 } = await registeredFamily(s.per, {
      childName: 'Barn To',
      birthDate: '2021-04-04',
      guardianName: 'Annen',
      guardianSubject: 'idp|annen',
    });
    const C2 = randomUUID();
    const L2 = randomUUID();
    const consent2 = randomUUID();
    const stranger = await ApiClient.as(t, { subject: 'idp|annen', role: 'guardian' });
    expectStatus(
      await s.per.post('/concerns', {
        concernId: C2,
        familyId: F2,
        subjectId: child2,
        kind: 'undring',
        summary: 'Uro',
      }),
      201,
    );
    expectStatus(
      await s.per.post(`/concerns/${C2}/decision`, {
        outcome: 'involve_others',
        reason: 'Trenger flere',
      }),
      201,
    );
    expectStatus(
      await s.per.post('/stafettlogger', {
        logId: L2,
        concernId: C2,
        consentId: consent2,
        scope: {
          services: ['barnehage'],
          categories: ['kindergarten_situation'],
          purpose: 'Samordne',
        },
      }),
      201,
    );
    expectStatus(
      await stranger.post(`/stafettlogger/${L2}/consents/${consent2}/give`, {
        validFrom: '2026-01-01',
        validUntil: '2027-12-31',
      }),
      201,
    );
    const opened = expectStatus(await s.per.post(`/stafettlogger/${L2}/open`, { level: 1 }), 201);
    world = { F1: s.familyId, F2, L1, L2, C1, C2, M1, K1, K2: consent2 };
    Object.assign(clients, {
      kari: s.kari,
      koord,
      per: s.per,
      nils,
      siljan,
      mother: s.mother,
      father: await ApiClient.as(t, { subject: 'idp|far', role: 'guardian' }),
      stranger,
      analyst: await ApiClient.as(t, { subject: 'evaluator', role: 'analyst', municipalityId: VT }),
      admin: s.admin,
      adminSiljan: await ApiClient.as(t, {
        subject: `admin-${SILJAN}`,
        role: 'admin',
        municipalityId: SILJAN,
      }),
      operator: await ApiClient.as(t, { subject: OPERATOR, role: 'operator' }),
      archivist: await ApiClient.as(t, { subject: 'arkiv', role: 'archivist', municipalityId: VT }),
    });
    // Every read model has caught up with the world before the cells are asked.
    await t.app
      .get<ProjectionRunner>(PROJECTION_RUNNER)
      .waitForPosition(t.positionOf(opened.body.position), 10_000);
  }, 60_000);
  afterAll(() => t.close());

  const readCells = READS.flatMap((endpoint) =>
    EVERYONE.flatMap((who) =>
      (['own', 'other'] as const).map((target) => ({ endpoint, who, target })),
    ),
  );

  it.each(
    readCells.map((cell) => [`${cell.endpoint.route} as ${cell.who} (${cell.target})`, cell]),
  )('%s', async (_, { endpoint, who, target }) => {
    const res = await clients[who].get(endpoint.path(world, target));
    const expected = endpoint.roles.includes(ROLE_OF[who]) ? endpoint.expect(who, target) : '403';
    const actual =
      res.status === 200 && endpoint.items && expected.includes(':')
        ? `200:${endpoint.items(res.body)}`
        : String(res.status);
    outcomes.push('read');
    expect(actual).toBe(expected);
  });

  const writeCells = COMMAND_TABLES.flatMap((table) =>
    table.routes.flatMap((route) =>
      EVERYONE.filter(
        (who) => !['per', 'nils', 'siljan', 'father', 'stranger', 'adminSiljan'].includes(who),
      ).map((who) => ({
        table,
        route,
        who,
      })),
    ),
  );

  it.each(
    writeCells.map((cell) => [
      `${cell.route.method ?? 'POST'} /${cell.table.prefix}/${cell.route.path} as ${ROLE_OF[cell.who]}`,
      cell,
    ]),
  )('%s', async (_, { table, route, who }) => {
    const allowed = (table.roles as Record<string, readonly Role[]>)[route.type].includes(
      ROLE_OF[who],
    );
    const path = concretePath(table, route.path);
    const http = request(t.app.getHttpServer());
    const token = await t.token({
      subject:
        who === 'kari'
          ? 'staff-kari'
          : who === 'koord'
            ? 'koord'
            : who === 'mother'
              ? 'idp|mor'
              : who === 'admin'
                ? `admin-${VT}`
                : who === 'operator'
                  ? OPERATOR
                  : who,
      role: ROLE_OF[who],
      municipalityId: ['kari', 'koord', 'admin', 'archivist', 'analyst'].includes(who)
        ? VT
        : undefined,
    });
    const res = await (route.method === 'PUT' ? http.put(path) : http.post(path))
      .set('Authorization', `Bearer ${token}`)
      .send({});
    outcomes.push('write');
    // A role the table does not name is refused before anything else; a named one reaches the body
    // check (an empty body is never a valid command).
    expect(`${res.status} ${res.body.code}`).toBe(
      allowed ? '400 VALIDATION_FAILED' : '403 ROLE_NOT_ALLOWED',
    );
  });

  it('covers every route the app serves, and asserts more than 1,000 cells', async () => {
    const openApi = (await request(t.app.getHttpServer()).get('/docs/openapi.json').expect(200))
      .body as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(openApi.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map(
        (method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
    const covered = new Set([
      ...READS.map((endpoint) => endpoint.route),
      ...COMMAND_TABLES.flatMap((table) =>
        table.routes.map(
          (route) =>
            `${route.method ?? 'POST'} /${table.prefix}${route.path ? `/${route.path}` : ''}`,
        ),
      ),
      // Public, and the operator's rebuild and figures (their role gates:
      // test/api/foundation.e2e-spec.ts).
      'GET /health',
      'GET /health/details',
      // The web app's sign-in (public; the demo sign-in only in development and tests:
      // test/web/dev-sign-in.e2e-spec.ts).
      'GET /web-config',
      'GET /dev/people',
      'POST /dev/sign-in',
      'POST /admin/projections/rebuild',
    ]);
    expect(served.filter((route) => !covered.has(route))).toEqual([]);
    expect(readCells.length + writeCells.length).toBeGreaterThan(1000);
    expect(outcomes.length).toBe(readCells.length + writeCells.length);
  });
});
