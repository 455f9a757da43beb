import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems, close: () => context.close() };
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
