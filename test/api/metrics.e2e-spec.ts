import request from 'supertest';
import { ApiClient, expectStatus } from '../support/api-client';
import { enrolledFamily, openedLog, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

type Cell = {
  period: string;
  areaId: string;
  category: string;
  value: number | null;
  suppressed: boolean;
};

describe('programme metrics over HTTP', () => {
  let t: TestApp;
  let s: Scenario;
  let analyst: ApiClient;
  let position: string;
  const now = new Date('2026-10-20T08:00:00.000Z');

  beforeAll(async () => {
    // Batches on the projection thread, as the built API applies them.
    t = await startTestApp({ METRICS_MIN_CHILDREN: '3', PROJECTION_THREAD: 'true' }, () => now);
    s = await enrolledFamily(t);
    const { logId } = await openedLog(s, {
      validFrom: '2026-10-01',
      validUntil: '2027-09-30',
      level: 2,
    });
    const last = expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/entries`, {
        entryId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
        kind: 'observation',
        category: 'health',
        sharedWithGuardians: true,
        text: 'Sover bedre',
      }),
      201,
    );
    position = last.body.position as string;
    analyst = await ApiClient.as(t, { subject: 'evaluator', role: 'analyst' });
  });
  afterAll(() => t.close());

  const get = (client: ApiClient, path: string) => client.get(path);

  it('lists every metric with its formula, sources and the definitions version', async () => {
    const res = expectStatus(await get(analyst, `/metrics?minPosition=${position}`), 200);
    const metrics = res.body.metrics as { id: string; formula: string; sources: string[] }[];
    expect(metrics.length).toBeGreaterThanOrEqual(40);
    expect(metrics.every((m) => m.formula.length > 10 && m.sources.length > 0)).toBe(true);
    expect(res.body).toMatchObject({ minChildren: 3, definitionsVersion: expect.any(String) });
    // The tables name areas by id; the catalogue gives each municipality's name and county.
    expect(res.body.municipalities).toContainEqual({
      id: s.municipalityId,
      name: expect.any(String),
      county: expect.any(String),
    });
    expectStatus(await get(analyst, '/metrics?minPosition=soon'), 400, 'VALIDATION_FAILED');
  });

  it('publishes one child’s log as suppressed — no number anywhere says it exists', async () => {
    const res = expectStatus(
      await get(
        analyst,
        `/metrics/logs_opened?area=municipality&areaId=${s.municipalityId}&period=month&by=level&minPosition=${position}`,
      ),
      200,
    );
    const cells = res.body.cells as Cell[];
    const october = cells.filter((c) => c.period === '2026-10');
    expect(october.find((c) => c.category === '2')).toMatchObject({
      value: null,
      suppressed: true,
    });
    expect(october.find((c) => c.category === 'total')).toMatchObject({
      value: null,
      suppressed: true,
    });
    expect(cells.every((c) => c.value === null || c.value === 0)).toBe(true);
    const all = expectStatus(await get(analyst, '/metrics/logs_opened?period=year'), 200);
    expect((all.body.cells as Cell[]).every((c) => c.value === null || c.value === 0)).toBe(true);
  });

  it('exports a metric and all metrics as CSV with the suppression marker', async () => {
    const one = await request(t.app.getHttpServer())
      .get('/metrics/logs_opened?period=quarter&format=csv')
      .set('Authorization', `Bearer ${await t.token({ subject: 'evaluator', role: 'analyst' })}`);
    expect(one.status).toBe(200);
    expect(one.headers['content-type']).toMatch(/^text\/csv/);
    expect(one.headers['content-disposition']).toContain('logs_opened.csv');
    const lines = one.text.trim().split('\n');
    expect(lines[0]).toBe(
      'metric,definitions_version,area_level,area_id,period,category,value,suppressed,baseline_value,change_from_baseline',
    );
    expect(lines.some((line) => line.includes(',2026-Q4,total,,true'))).toBe(true);
    const everything = await request(t.app.getHttpServer())
      .get('/metrics/export?period=year&format=csv')
      .set('Authorization', `Bearer ${await t.token({ subject: 'evaluator', role: 'analyst' })}`);
    expect(everything.status).toBe(200);
    const metrics = new Set(
      everything.text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    );
    expect(metrics.size).toBeGreaterThanOrEqual(40);
    const json = expectStatus(await get(analyst, '/metrics/export?period=year'), 200);
    expect(Array.isArray(json.body)).toBe(true);
  });

  it('gives the programme’s initiatives with their funds', async () => {
    const res = expectStatus(
      await get(analyst, `/metrics/initiatives?municipalityId=${s.municipalityId}`),
      200,
    );
    expect(res.body).toMatchObject({ municipalityId: s.municipalityId, initiatives: [] });
  });

  it('is for analysts and leaders only: families and case workers get 403', async () => {
    expectStatus(await get(s.mother, '/metrics'), 403);
    expectStatus(await get(s.kari, '/metrics/logs_opened'), 403);
    expectStatus(await get(s.admin, '/metrics/logs_opened'), 200);
  });

  it('gives an admin or coordinator their own municipality’s tables only: their exact figures subtracted from a county’s would give another’s away', async () => {
    expectStatus(
      await s.admin.post(`/municipalities/${s.municipalityId}/staff`, {
        staffId: 'coordinator-tables',
        serviceId: 'helsestasjon',
        displayName: 'Koordinator for tabeller',
        role: 'coordinator',
      }),
      201,
    );
    const coordinator = await ApiClient.as(t, {
      subject: 'coordinator-tables',
      role: 'coordinator',
      municipalityId: s.municipalityId,
      serviceId: 'helsestasjon',
    });
    const own = `area=municipality&areaId=${s.municipalityId}&period=year`;
    for (const leader of [s.admin, coordinator]) {
      const asked = expectStatus(await get(leader, `/metrics/logs_opened?${own}`), 200);
      const byDefault = expectStatus(await get(leader, '/metrics/logs_opened?period=year'), 200);
      expect(byDefault.body).toEqual(asked.body);
      expect(asked.body).toMatchObject({ areaLevel: 'municipality' });
      const areas = (asked.body.cells as Cell[]).map((cell) => cell.areaId);
      expect(new Set(areas)).toEqual(new Set([s.municipalityId]));
      for (const other of [
        '/metrics/logs_opened?area=all',
        '/metrics/logs_opened?area=county&areaId=Innlandet',
        '/metrics/logs_opened?area=county',
        '/metrics/logs_opened?area=municipality&areaId=siljan',
        '/metrics/export?area=all&format=csv',
        '/metrics/export?area=county',
        '/metrics/initiatives?municipalityId=siljan',
      ])
        expectStatus(await get(leader, other), 403, 'NOT_YOUR_MUNICIPALITY');
      expectStatus(
        await get(leader, `/metrics/initiatives?municipalityId=${s.municipalityId}`),
        200,
      );
      expectStatus(await get(leader, `/metrics/export?${own}&format=csv`), 200);
    }
    expectStatus(await get(analyst, '/metrics/logs_opened?area=county&areaId=Innlandet'), 200);
  });

  it('refuses what cannot be a metric query, with the field and the reason', async () => {
    expectStatus(await get(analyst, '/metrics/no_such_metric'), 404, 'METRIC_NOT_FOUND');
    expectStatus(
      await get(analyst, '/metrics/logs_opened?area=municipality&areaId=atlantis'),
      404,
      'AREA_NOT_FOUND',
    );
    for (const query of [
      'area=municipality&areaId=<script>',
      'area=planet',
      'period=week',
      'from=2026-13',
      'from=0000-01',
      'to=2200-01',
      'to=26-01',
      'from=2026-05&to=2026-04',
      'by=colour',
      'format=xml',
      'limit=5',
    ]) {
      const res = expectStatus(
        await get(analyst, `/metrics/logs_opened?${query}`),
        400,
        'VALIDATION_FAILED',
      );
      expect(res.body.fields).toBeDefined();
    }
    expectStatus(await get(analyst, '/metrics/initiatives'), 400, 'VALIDATION_FAILED');
  });

  it('shows the municipality’s admin and coordinators the use of each unit, exact, and no one else', async () => {
    const registered = expectStatus(
      await s.admin.post(`/municipalities/${s.municipalityId}/staff`, {
        staffId: 'koordinator',
        serviceId: 'helsestasjon',
        displayName: 'Koordinator',
        role: 'coordinator',
      }),
      201,
    );
    const U = `/municipalities/${s.municipalityId}/use`;
    const fresh = `${U}?months=3&minPosition=${registered.body.position as string}`;
    const coordinator = await ApiClient.as(t, {
      subject: 'koordinator',
      role: 'coordinator',
      municipalityId: s.municipalityId,
      serviceId: 'helsestasjon',
    });
    // The admin runs the services: every count exact, the one open log included.
    const res = expectStatus(await s.admin.get(fresh), 200);
    expect(res.body).not.toHaveProperty('suppressedBelow');
    const services = res.body.services as (Record<string, unknown> & {
      activityByMonth: { events: unknown }[];
    })[];
    expect(services.find((u) => u.serviceId === 'helsestasjon')).toMatchObject({
      openLogs: 1,
      logsHeld: 1,
      activityByMonth: [
        { month: '2026-08', events: 0 },
        { month: '2026-09', events: 0 },
        { month: '2026-10', events: expect.any(Number) },
      ],
    });
    // Every count is a number, the small ones (1 and 2, under METRICS_MIN_CHILDREN=3 here) too.
    const counts = services.flatMap((service) => [
      ...[
        'openLogs',
        'logsHeld',
        'overdueEvaluations',
        'handoversWaiting',
        'concernsPastDeadline',
        'consentsToRenew',
      ].map((field) => service[field]),
      ...service.activityByMonth.map((month) => month.events),
    ]);
    expect(counts.every((n) => typeof n === 'number')).toBe(true);
    expect(counts.some((n) => typeof n === 'number' && n >= 1 && n < 3)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/Ola|Sover bedre|idp\|mor/);
    expect(expectStatus(await coordinator.get(fresh), 200).body).toEqual(res.body);
    expectStatus(await s.admin.get('/municipalities/siljan/use'), 404, 'MUNICIPALITY_NOT_FOUND');
    expectStatus(await s.kari.get(U), 403, 'ROLE_NOT_ALLOWED');
    expectStatus(await s.mother.get(U), 403, 'ROLE_NOT_ALLOWED');
    expectStatus(await s.admin.get(`${U}?months=0`), 400, 'VALIDATION_FAILED');
    expectStatus(await s.admin.get(`${U}?months=37`), 400, 'VALIDATION_FAILED');
  });

  it('refuses an analyst the use view (403): they read the tables instead', async () => {
    // Two publications with independent suppression let a hidden table cell be worked out, so an
    // analyst — even the municipality's own — reads only the tables, suppressed over one cube.
    const leader = await ApiClient.as(t, {
      subject: 'leder',
      role: 'analyst',
      municipalityId: s.municipalityId,
    });
    const U = `/municipalities/${s.municipalityId}/use`;
    expectStatus(await leader.get(U), 403, 'ROLE_NOT_ALLOWED');
    expectStatus(await analyst.get(U), 403, 'ROLE_NOT_ALLOWED');
    expectStatus(await leader.get('/municipalities/siljan/use'), 403, 'ROLE_NOT_ALLOWED');
    const table = expectStatus(
      await leader.get(
        `/metrics/logs_active?area=municipality&areaId=${s.municipalityId}&by=sector&minPosition=${position}`,
      ),
      200,
    );
    // The one open log is under the threshold (3 here): the table hides it.
    const cells = table.body.cells as Cell[];
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells)
      if (cell.suppressed) expect(cell.value).toBeNull();
      else expect(cell.value === 0 || cell.value === null).toBe(true);
  });
});
