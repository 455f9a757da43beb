import type { Browser } from 'playwright-core';
import { checkPage, launchChromium, onFreshPage } from './support/browser';
import { signInAs } from './support/sign-in';
import { eventually, startWebApp, type RunningWebApp } from './support/web-app';

/**
 * Each role signs in through the demo page and lands on its own persona's first screen; the app is
 * served by the API on one origin, with the API's own answers (JSON 404s) left alone.
 */
describe('the web app: sign-in to each persona', () => {
  let app: RunningWebApp;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    app = await startWebApp();
    await eventually(async () => {
      const people = (await (await fetch(`${app.url}/dev/people`)).json()) as {
        municipalities: { people: { subject: string }[] }[];
      };
      return people.municipalities.some((m) => m.people.some((p) => p.subject === 'coord-anne'))
        ? true
        : null;
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('serves the app at / and its sections, and leaves unknown paths to the API’s JSON 404', async () => {
    const page = await fetch(`${app.url}/ansatt/noe/dypt`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    for (const path of ['/nothing-here', '/families/not-a-uuid/copy', '/assets/missing.js']) {
      const answer = await fetch(`${app.url}${path}`);
      expect({ path, status: answer.status }).toEqual({
        path,
        status: path.startsWith('/families') ? 401 : 404,
      });
      expect(answer.headers.get('content-type')).toContain('application/json');
    }
  });

  it('shows the sign-in page, with the demo people, without an accessibility fault', async () => {
    await onFreshPage(browser, 'personas-1', async (checked) => {
      await checked.page.goto(app.url);
      await checked.page.waitForURL('**/logg-inn');
      await checked.page
        .getByRole('button', { name: 'Logg inn som Kari (helsesykepleier)' })
        .waitFor();
      await checkPage(checked, 'shared-sign-in');
    });
  });

  const roles: [string, string, string, string][] = [
    ['staff', 'Kari (helsesykepleier)', '/ansatt', 'Arbeidslisten din'],
    ['coordinator', 'Anne (BTI-koordinator)', '/koordinator', 'Samordningsmøter'],
    ['analyst', 'Analytiker, Vestre Toten kommune', '/analyse', 'Virker det?'],
  ];
  it.each(roles)('signs %s in to their landing page', async (persona, name, path, heading) => {
    await onFreshPage(browser, 'personas-2', async (checked) => {
      await signInAs(checked.page, app.url, name);
      await checked.page.waitForURL(`**${path}`);
      await checked.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      // Staff and analysts see their municipality by name; the coordinator's landing page still
      // shows its id. (The analyst's name arrives with the catalogue, replacing the id.)
      const place =
        persona === 'staff'
          ? 'Vestre Toten kommune'
          : persona === 'analyst'
            ? 'analytiker i Vestre Toten kommune'
            : 'vestre-toten';
      await checked.page.getByText(place).first().waitFor();
      await checkPage(checked, `${persona}-landing`);
      // Another persona's section sends them home to their own.
      await checked.page.goto(`${app.url}/foresatt`);
      await checked.page.waitForURL(`**${path}`);
    });
  });
});
