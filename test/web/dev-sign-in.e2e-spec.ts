import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ConfigError, loadConfig } from '@bti/config';
import { createApp } from '../../apps/api/src/create-app';
import { loadWebSettings } from '../../apps/api/src/web/web-settings';
import { startTestApp, type TestApp } from '../support/test-app';
import { TEST_CLIENT_ID, TestOidcProvider } from './support/oidc-provider';

describe('signing in to the web app: the demo people (development and tests only)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_SEED: 'true', DEMO_CHILDREN: '0' });
  });
  afterAll(() => t.close());

  const http = () => request(t.app.getHttpServer());

  it('says how to sign in: no provider, the demo people', async () => {
    const res = await http().get('/web-config').expect(200);
    expect(res.body).toEqual({ oidc: null, devSignIn: true });
  });

  it('lists the seeded municipality’s people: families first, then staff, then leaders', async () => {
    const res = await http().get('/dev/people').expect(200);
    const [vestreToten] = res.body.municipalities;
    expect(vestreToten.municipalityId).toBe('vestre-toten');
    const subjects = vestreToten.people.map(
      (p: { subject: string; role: string }) => `${p.role} ${p.subject}`,
    );
    expect(subjects).toEqual(
      expect.arrayContaining([
        'guardian idp|demo-mor',
        'guardian idp|demo-far',
        'staff staff-kari',
        'staff staff-per',
        'staff staff-lise',
        'coordinator coord-anne',
        'admin admin-vestre-toten',
        'analyst analyst-vestre-toten',
      ]),
    );
    expect(subjects[0]).toBe('guardian idp|demo-mor');
    const mother = vestreToten.people.find(
      (p: { subject: string }) => p.subject === 'idp|demo-mor',
    );
    expect(mother.children).toEqual(['Ola Nordmann']);
  });

  it('signs a demo person in with a token the API accepts in the role they have', async () => {
    const res = await http()
      .post('/dev/sign-in')
      .send({ subject: 'idp|demo-mor', role: 'guardian' })
      .expect(201);
    expect(res.body.person).toMatchObject({ name: 'Kari Nordmann', role: 'guardian' });
    const children = await http()
      .get('/me/children')
      .set('Authorization', `Bearer ${res.body.token}`)
      .expect(200);
    expect(children.body.children.map((c: { name: string }) => c.name)).toEqual(['Ola Nordmann']);

    const kari = await http()
      .post('/dev/sign-in')
      .send({ subject: 'staff-kari', role: 'staff' })
      .expect(201);
    const me = await http()
      .get('/me')
      .set('Authorization', `Bearer ${kari.body.token}`)
      .expect(200);
    expect(me.body).toEqual({
      subject: 'staff-kari',
      role: 'staff',
      municipalityId: 'vestre-toten',
      serviceId: 'helsestasjon-raufoss',
    });
  });

  it('refuses an unknown person (404) and a role the person does not have (422), saying which', async () => {
    const unknown = await http()
      .post('/dev/sign-in')
      .send({ subject: 'idp|nobody', role: 'guardian' })
      .expect(404);
    expect(unknown.body.code).toBe('DEMO_PERSON_NOT_FOUND');
    const wrongRole = await http()
      .post('/dev/sign-in')
      .send({ subject: 'idp|demo-mor', role: 'staff' })
      .expect(422);
    expect(wrongRole.body).toMatchObject({ code: 'DEMO_ROLE_MISMATCH', roles: ['guardian'] });
    const promoted = await http()
      .post('/dev/sign-in')
      .send({ subject: 'staff-kari', role: 'coordinator' })
      .expect(422);
    expect(promoted.body.code).toBe('DEMO_ROLE_MISMATCH');
    const notARole = await http()
      .post('/dev/sign-in')
      .send({ subject: 'staff-kari', role: 'king' })
      .expect(400);
    expect(notARole.body.code).toBe('VALIDATION_FAILED');
  });
});

describe('signing in to the web app through an OIDC provider', () => {
  let provider: TestOidcProvider;

  beforeAll(async () => {
    provider = new TestOidcProvider('bti-api');
    await provider.start();
  });
  afterAll(() => provider.stop());

  async function appWith(env: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'bti-web-oidc-'));
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...env });
    // The web settings are read from the process's environment at start, as `npm start` does.
    if (env.OIDC_CLIENT_ID) process.env.OIDC_CLIENT_ID = env.OIDC_CLIENT_ID;
    const app = await createApp(config).finally(() => delete process.env.OIDC_CLIENT_ID);
    await app.getHttpAdapter().getInstance().ready();
    return {
      http: () => request(app.getHttpServer()),
      close: async () => {
        await app.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  it('gives the web app the provider’s endpoints and its client id, and no demo sign-in', async () => {
    const app = await appWith({
      NODE_ENV: 'test',
      OIDC_ISSUER: provider.url,
      OIDC_AUDIENCE: 'bti-api',
      OIDC_CLIENT_ID: TEST_CLIENT_ID,
    });
    try {
      const res = await app.http().get('/web-config').expect(200);
      expect(res.body).toEqual({
        oidc: {
          issuer: provider.url,
          clientId: TEST_CLIENT_ID,
          audience: 'bti-api',
          scope: 'openid',
          authorizationEndpoint: `${provider.url}/authorize`,
          tokenEndpoint: `${provider.url}/token`,
          endSessionEndpoint: `${provider.url}/logout`,
        },
        devSignIn: false,
      });
      // The development issuer is not trusted next to a provider: its page and endpoints are gone.
      await app.http().get('/dev/people').expect(404);
      await app
        .http()
        .post('/dev/sign-in')
        .send({ subject: 'staff-kari', role: 'staff' })
        .expect(404);
    } finally {
      await app.close();
    }
  });

  it('answers 503 SIGN_IN_UNAVAILABLE while the provider cannot be reached', async () => {
    const app = await appWith({
      NODE_ENV: 'test',
      OIDC_ISSUER: 'http://127.0.0.1:9',
      OIDC_AUDIENCE: 'bti-api',
      OIDC_JWKS_URL: 'http://127.0.0.1:9/keys',
      OIDC_CLIENT_ID: TEST_CLIENT_ID,
    });
    try {
      const res = await app.http().get('/web-config').expect(503);
      expect(res.body.code).toBe('SIGN_IN_UNAVAILABLE');
    } finally {
      await app.close();
    }
  });

  it('refuses the demo sign-in in production: 404 on both endpoints', async () => {
    const app = await appWith({
      NODE_ENV: 'production',
      OIDC_ISSUER: 'https://idp.kommune.example',
      OIDC_AUDIENCE: 'bti-api',
      OIDC_JWKS_URL: 'https://idp.kommune.example/keys',
    });
    try {
      const people = await app.http().get('/dev/people').expect(404);
      expect(people.headers['content-type']).toContain('application/json');
      await app
        .http()
        .post('/dev/sign-in')
        .send({ subject: 'idp|demo-mor', role: 'guardian' })
        .expect(404);
      expect((await app.http().get('/web-config').expect(200)).body).toEqual({
        oidc: null,
        devSignIn: false,
      });
    } finally {
      await app.close();
    }
  });

  it('checks the web settings at start: a client id needs a provider', () => {
    expect(() =>
      loadWebSettings({ nodeEnv: 'development', oidc: null }, { OIDC_CLIENT_ID: 'web' }),
    ).toThrow(ConfigError);
    expect(
      loadWebSettings(
        { nodeEnv: 'production', oidc: { issuer: 'https://idp', audience: 'a', jwksUrl: null } },
        { OIDC_CLIENT_ID: 'web', OIDC_SCOPE: 'profile openid' },
      ),
    ).toMatchObject({ oidcClientId: 'web', oidcScope: 'openid profile', devSignIn: false });
  });
});
