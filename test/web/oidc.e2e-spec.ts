import type { Browser } from 'playwright-core';
import { checkPage, launchChromium, onFreshPage, PHONE } from './support/browser';
import { TEST_CLIENT_ID, TestOidcProvider } from './support/oidc-provider';
import { eventually, startWebApp, type RunningWebApp } from './support/web-app';

/**
 * Sign-in through an OpenID Connect provider (one on localhost, see support/oidc-provider.ts): the
 * authorization-code flow with PKCE, from the sign-in page to the family's start page. The provider
 * refuses a token request whose verifier does not match the challenge.
 */
describe('the web app: sign-in through OIDC with PKCE', () => {
  let provider: TestOidcProvider;
  let app: RunningWebApp;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    provider = new TestOidcProvider('bti-api');
    await provider.start();
    app = await startWebApp({
      OIDC_ISSUER: provider.url,
      OIDC_AUDIENCE: 'bti-api',
      OIDC_CLIENT_ID: TEST_CLIENT_ID,
      DEMO_CHILDREN: '0',
    });
    await eventually(async () => {
      const res = await fetch(`${app.url}/web-config`);
      return res.ok ? true : null;
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await provider?.stop();
  });

  it('signs the guardian in at the provider and brings her back to her children', async () => {
    await onFreshPage(
      browser,
      'oidc-1',
      async (checked) => {
        const { page } = checked;
        await page.goto(`${app.url}/foresatt`);
        await page.waitForURL('**/logg-inn?neste=%2Fforesatt');
        // With a provider there is no demo sign-in.
        expect(await page.getByText('Logg inn som en demoperson').count()).toBe(0);
        await checkPage(checked, 'shared-sign-in-oidc');
        await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
        await page.waitForURL('**/foresatt');
        await page.getByRole('heading', { level: 1, name: 'Barna dine' }).waitFor();
        await page.getByRole('heading', { level: 2, name: 'Ola Nordmann' }).waitFor();
        expect(provider.tokenRequests).toEqual([
          { grantType: 'authorization_code', verifierMatched: true },
        ]);
        // Signing out ends the session here and at the provider, which sends the person back.
        await page.getByRole('button', { name: 'Logg ut' }).click();
        await page.waitForURL('**/logg-inn');
        await page.getByRole('button', { name: 'Logg inn', exact: true }).waitFor();
        expect(provider.signOuts).toBe(1);
      },
      PHONE,
    );
  });
});
