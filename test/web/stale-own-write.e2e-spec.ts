import type { AddressInfo } from 'node:net';
import {
  ownWrites,
  readAgainWithoutStaleOwnWrite,
} from '../../apps/web/src/shared/api/use-command';
import { startTestApp, type TestApp } from '../support/test-app';

/** The web app's answer to a position its installation no longer opens, against the real API. */
describe('a read whose own-write position no longer opens', () => {
  let t: TestApp;
  let base: string;
  let auth: string;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    auth = `Bearer ${await t.token({ subject: 'idp|mor', role: 'guardian' })}`;
  });
  afterAll(() => t.close());

  const read = async (path: string) => {
    const request = new Request(`${base}${path}`, { headers: { Authorization: auth } });
    return readAgainWithoutStaleOwnWrite(request, await fetch(request.clone()), fetch);
  };

  it('is read again without it, as the page the person asked for', async () => {
    // A number, as a tab loaded before positions were sealed holds one.
    const answer = await read('/me/children?minPosition=1042');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ children: [] });
    expect(ownWrites()).toEqual({});
  });

  it('leaves any other refusal as it was, and a read with a good position alone', async () => {
    const head = await t.sealedHead();
    const refused = await read(`/me/children?minPosition=${head}&children=all`);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'children' }],
    });
    const good = await read(`/me/children?minPosition=${head}`);
    expect(good.status).toBe(200);
  });
});
