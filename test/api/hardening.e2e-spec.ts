import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import { expectStatus } from '../support/api-client';
import { enrolledFamily, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

const concern = (s: Scenario) => ({
  concernId: randomUUID(),
  familyId: s.familyId,
  subjectId: s.childId,
  kind: 'undring',
  summary: 'Stille i det siste',
});

describe('security headers and CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: 'https://bti.kommune.no' });
  });
  afterAll(() => t.close());

  it('sends helmet headers on every answer, signed in or not', async () => {
    const token = await t.token({ subject: 'a', role: 'analyst' });
    for (const res of [
      await request(t.app.getHttpServer()).get('/health'),
      await request(t.app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`),
      await request(t.app.getHttpServer()).get('/me'),
    ]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
      });
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('lets nothing keep a copy of what a signed-in person is answered, whatever the answer', async () => {
    const token = await t.token({ subject: 'a', role: 'analyst' });
    const server = t.app.getHttpServer();
    for (const res of [
      await request(server).get('/me').set('Authorization', `Bearer ${token}`),
      await request(server)
        .get(`/stafettlogger/${randomUUID()}`)
        .set('Authorization', `Bearer ${token}`),
      await request(server).get('/me').set('Authorization', 'Bearer not-a-token'),
    ])
      expect(res.headers['cache-control']).toBe('no-store');
    expect((await request(server).get('/health')).headers['cache-control']).toBeUndefined();
  });

  it('refuses a query parameter /me does not take, as every other read does', async () => {
    const token = await t.token({ subject: 'a', role: 'analyst' });
    const res = await request(t.app.getHttpServer())
      .get('/me?foo=1')
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'foo', reasons: ['property foo should not exist'] }],
    });
    expect(
      (await request(t.app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`))
        .status,
    ).toBe(200);
  });

  it('lets a configured origin call the API from a browser, and no other', async () => {
    const preflight = (origin: string) =>
      request(t.app.getHttpServer())
        .options('/me')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization');
    const allowed = await preflight('https://bti.kommune.no');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://bti.kommune.no');
    expect(allowed.headers['access-control-allow-headers']).toContain('Authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows no other origin at all when none is configured', async () => {
    const plain = await startTestApp();
    try {
      const res = await request(plain.app.getHttpServer())
        .options('/me')
        .set('Origin', 'https://bti.kommune.no')
        .set('Access-Control-Request-Method', 'GET');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});

describe('rate limits', () => {
  let t: TestApp;
  let s: Scenario;
  let store: EventStore;
  const WRITES = 40;
  const FAILED_SIGN_INS = 5;
  beforeAll(async () => {
    t = await startTestApp({
      RATE_LIMIT_WRITES_PER_MINUTE: String(WRITES),
      RATE_LIMIT_FAILED_SIGN_INS_PER_MINUTE: String(FAILED_SIGN_INS),
    });
    s = await enrolledFamily(t);
    store = t.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(() => t.close());

  it('limits the changes one person sends per minute, by person, not by address', async () => {
    let refused: Awaited<ReturnType<typeof s.kari.post>> | undefined;
    for (let i = 0; i <= WRITES && !refused; i++) {
      const res = await s.kari.post('/concerns', concern(s));
      if (res.status === 429) refused = res;
      else expectStatus(res, 201);
    }
    expect(refused?.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused?.headers['retry-after'])).toBeLessThanOrEqual(60);

    const before = await store.headPosition();
    expectStatus(await s.kari.post('/concerns', concern(s)), 429, 'RATE_LIMITED');
    expect(await store.headPosition()).toBe(before);
    // Reading goes on, and a colleague at the same address is not held back.
    expectStatus(await s.kari.get('/concerns'), 200);
    expectStatus(await s.per.post('/concerns', concern(s)), 201);
  });

  it('answers an address that keeps failing to sign in with 429, while a valid token still works', async () => {
    const http = () => request(t.app.getHttpServer());
    const statuses: number[] = [];
    for (let i = 0; i < FAILED_SIGN_INS + 2; i++) {
      const res = await http().get('/me').set('Authorization', 'Bearer not.a.token');
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.code).toBe('RATE_LIMITED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      } else expect(res.body.code).toBe('INVALID_TOKEN');
    }
    expect(statuses.slice(0, FAILED_SIGN_INS)).toEqual(Array(FAILED_SIGN_INS).fill(401));
    expect(statuses.slice(FAILED_SIGN_INS)).toEqual([429, 429]);
    expect((await http().get('/me')).status).toBe(429);
    expectStatus(await s.kari.get('/me'), 200);
  });
});

describe('the failed-sign-in limit behind a proxy', () => {
  it('counts per client address when the proxy is trusted, not per the proxy’s', async () => {
    const t = await startTestApp({
      TRUST_PROXY: '127.0.0.1',
      RATE_LIMIT_FAILED_SIGN_INS_PER_MINUTE: '2',
    });
    try {
      const from = (address: string) =>
        request(t.app.getHttpServer())
          .get('/me')
          .set('X-Forwarded-For', address)
          .set('Authorization', 'Bearer not.a.token');
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await from('203.0.113.7')).status);
      expect(statuses).toEqual([401, 401, 429]);
      expect((await from('203.0.113.8')).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
