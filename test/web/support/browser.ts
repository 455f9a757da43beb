import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
  type Request,
} from 'playwright-core';

/** Debian's Chromium; the tests never let a tool download a browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const ARTIFACTS_DIR = join(process.cwd(), 'test-artifacts', 'web');

/** A phone's screen, as the guardian's journey is checked at. */
export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1280, height: 900 } as const;

/** The WCAG 2.1 A and AA rules, as Norwegian law asks of public-sector web. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Chromium as the browser tests need it: headless, no sandbox (root), nothing fetched from outside.
 * Without it the suite fails at once with one line naming the package — it never passes silently.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's package with \`apt-get install -y chromium\``,
    );
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface CheckedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, page errors and Content-Security-Policy refusals seen so far. */
  readonly problems: string[];
  /** The page's latest API answers, newest last: `GET /path → 200 (12 ms)`. */
  readonly traffic: string[];
  close(): Promise<void>;
}

/** A fresh context (no cookies, no storage) and page that records every browser-side problem. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<CheckedPage> {
  const context = await browser.newContext({
    viewport,
    locale: 'nb-NO',
    timezoneId: 'Europe/Oslo',
    // Designsystemet's Details grows open over 0.4 s unless motion is reduced: a click in that time
    // pressed a button and let go over the form around it (seen as a submit that never came).
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // What the person did, as the page saw it: a failure's explanation lists the latest clicks and
  // submits with what they landed on.
  await page.addInitScript(() => {
    const trail: string[] = [];
    (globalThis as unknown as { __trail: string[] }).__trail = trail;
    const describe = (target: unknown): string => {
      const element = target as {
        tagName?: string;
        textContent?: string | null;
        getAttribute?: (name: string) => string | null;
      } | null;
      if (!element?.tagName) return String(target);
      const text = (element.textContent ?? '').trim().slice(0, 40);
      return `${element.tagName.toLowerCase()}${element.getAttribute?.('type') ? `[type=${element.getAttribute('type')}]` : ''} «${text}»`;
    };
    for (const type of ['pointerdown', 'click', 'submit'])
      (
        globalThis as unknown as {
          addEventListener: (
            t: string,
            f: (e: { target: unknown; defaultPrevented: boolean }) => void,
            c: boolean,
          ) => void;
        }
      ).addEventListener(
        type,
        (event) => {
          trail.push(`${Math.round(performance.now())} ${type} ${describe(event.target)}`);
          if (trail.length > 20) trail.shift();
        },
        true,
      );
  });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  const traffic: string[] = [];
  const inFlight: InFlight = { requests: new Set(), since: Date.now() };
  inFlightByPage.set(page, inFlight);
  const isApiCall = (request: Request) => ['fetch', 'xhr'].includes(request.resourceType());
  page.on('request', (request) => {
    if (isApiCall(request)) inFlight.requests.add(request);
  });
  /** Marks an API request answered; false for anything else the page loads. */
  const settle = (request: Request): boolean => {
    if (!inFlight.requests.delete(request)) return false;
    inFlight.since = Date.now();
    return true;
  };
  page.on('requestfailed', settle);
  page.on('requestfinished', (request) => {
    if (!settle(request)) return;
    void request
      .response()
      .then((response) => {
        const { responseEnd } = request.timing();
        traffic.push(
          `${request.method()} ${new URL(request.url()).pathname} → ${response?.status() ?? '?'} (${Math.round(responseEnd)} ms)`,
        );
        if (traffic.length > 30) traffic.shift();
      })
      // A journey's page closes as soon as it is done; an answer it was still reading is not traffic
      // to explain, and an unhandled rejection then fails the whole suite after its tests passed.
      .catch(() => undefined);
  });
  return { context, page, problems, traffic, close: () => context.close() };
}

/** The page's API requests not yet answered, and when the last one was. */
interface InFlight {
  readonly requests: Set<Request>;
  since: number;
}
const inFlightByPage = new WeakMap<Page, InFlight>();

/**
 * Clicks a button once the page has had no API request in flight for a moment. A click while the
 * page is still refreshing what a previous step changed can land where the button was before the
 * new content moved it (a person would look again; the test would miss the form and wait in vain).
 */
export async function press(button: Locator): Promise<void> {
  const inFlight = inFlightByPage.get(button.page());
  const deadline = Date.now() + 10_000;
  while (inFlight && Date.now() < deadline) {
    if (inFlight.requests.size === 0 && Date.now() - inFlight.since >= 150) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await button.click();
}

/**
 * A failed journey explained: a screenshot of where it stopped (test-artifacts/web/FAILED-<name>.png),
 * the alerts the page shows and its latest API answers, added to the error so CI's log says why.
 */
export async function explainFailure(
  checked: CheckedPage,
  name: string,
  error: unknown,
): Promise<unknown> {
  if (!(error instanceof Error)) return error;
  const shot = await screenshot(checked.page, `FAILED-${name}`).catch(() => 'none');
  const alerts = await checked.page
    .locator('[role="alert"], .ds-alert')
    .allInnerTexts()
    .catch(() => []);
  const trail = await checked.page
    .evaluate(() => (globalThis as unknown as { __trail?: string[] }).__trail ?? [])
    .catch(() => [] as string[]);
  const explanation = [
    '',
    `page: ${checked.page.url()} (screenshot: ${shot})`,
    `alerts: ${alerts.length ? alerts.map((a) => a.replace(/\s+/g, ' ')).join(' | ') : 'none'}`,
    'latest clicks and submits:',
    ...trail.map((line) => `  ${line}`),
    'latest API answers:',
    ...checked.traffic.map((line) => `  ${line}`),
    'unanswered:',
    ...[...(inFlightByPage.get(checked.page)?.requests ?? [])].map(
      (request) => `  ${request.method()} ${new URL(request.url()).pathname}`,
    ),
    'problems:',
    ...checked.problems.map((line) => `  ${line}`),
  ].join('\n');
  // Jest prints the stack, which holds the message as it was when the error was made.
  error.message += explanation;
  if (error.stack) error.stack = error.stack.replace(/\n\s+at /, `${explanation}$&`);
  return error;
}

/**
 * A journey on a fresh page: a failure is explained under `name` (explainFailure: screenshot, alerts,
 * the last clicks and API answers), and the page is closed either way.
 */
export async function onFreshPage<T>(
  browser: Browser,
  name: string,
  journey: (checked: CheckedPage) => Promise<T>,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<T> {
  return explainedJourney(await openPage(browser, viewport), name, journey);
}

/** A journey on a page already opened (and prepared): explained if it fails, closed either way. */
export async function explainedJourney<T>(
  checked: CheckedPage,
  name: string,
  journey: (checked: CheckedPage) => Promise<T>,
): Promise<T> {
  try {
    return await journey(checked);
  } catch (error) {
    throw await explainFailure(checked, name, error);
  } finally {
    await checked.close();
  }
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core on the page as it is now, at the WCAG 2.1 A/AA rules; the violations, each as one line
 * naming the rule and where. (Injected through the DevTools protocol, so the page's own strict CSP
 * stays as it is served.)
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    // Runs in the page (the test's TypeScript has no DOM types): axe and the document, as found there.
    const page = globalThis as unknown as {
      axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, WCAG_TAGS);
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
  );
}

/** A screenshot of the whole page as a test artifact: test-artifacts/web/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The checks every page visited gets: no axe violation at WCAG 2.1 A/AA, no console or CSP error, and
 * a screenshot as an artifact.
 */
export async function checkPage(checked: CheckedPage, name: string): Promise<void> {
  await checked.page.waitForLoadState('networkidle');
  await screenshot(checked.page, name);
  expect({ page: name, violations: await axeViolations(checked.page) }).toEqual({
    page: name,
    violations: [],
  });
  expect({ page: name, problems: checked.problems }).toEqual({ page: name, problems: [] });
}
