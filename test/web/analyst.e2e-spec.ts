import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { MetricTable, MunicipalityUse } from '../../apps/web/src/personas/analyst/reads';
import {
  type CheckedPage,
  checkPage,
  explainedJourney,
  launchChromium,
  onFreshPage,
  openPage,
  screenshot,
} from './support/browser';
import { signInAs } from './support/sign-in';
import { eventually, startWebApp, type RunningWebApp } from './support/web-app';

const ANALYST = 'Analytiker, Vestre Toten kommune';
const ADMIN = 'Administrator, Vestre Toten kommune';
const CSV_HEADER =
  'metric,definitions_version,area_level,area_id,period,category,value,suppressed,baseline_value,change_from_baseline';
/** A value no real cell has: put into suppressed cells to prove the page never shows one. */
const SENTINEL = 987654;

/** The little of the DOM the page-side functions use (the tests' TypeScript has no DOM types). */
interface DomNode {
  readonly textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<DomNode>;
}
interface PageGlobals {
  readonly document: DomNode & { readonly body: { readonly innerText: string } };
  readonly sessionStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
}

/** The signed-in person's token, as the app keeps it (this tab's sessionStorage). */
const tokenOf = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const raw = (globalThis as unknown as PageGlobals).sessionStorage.getItem('bti.session');
    return raw ? (JSON.parse(raw) as { token: string }).token : '';
  });

/** Everything on the page a person could read: the text, and every SVG text, title and desc. */
const allText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const { document } = globalThis as unknown as PageGlobals;
    return [
      document.body.innerText,
      ...Array.from(
        document.querySelectorAll('svg text, svg title, svg desc'),
        (node) => node.textContent ?? '',
      ),
    ].join('\n');
  });

/** A number as the page writes it in bokmål: "4,5" → 4.5, "88,9 %" → 88.9, "1 234" → 1234. */
const parseShown = (text: string): number =>
  Number(
    text
      .replace(/[\s\u00a0\u202f%]/g, '')
      .replace('−', '-')
      .replace(',', '.'),
  );

/** A choice in a Designsystemet ToggleGroup: a radio inside its label, as a person clicks it. */
async function choose(page: Page, name: string): Promise<void> {
  const radio = page.getByRole('radio', { name, exact: true });
  await radio.locator('..').click();
  await page.getByRole('radio', { name, exact: true, checked: true }).waitFor();
}

/** Console lines the browser writes for an answer the test itself arranged to fail. */
function expectOnlyRefusals(checked: CheckedPage, status: number) {
  expect(
    checked.problems.filter(
      (problem) => !problem.includes(`status of ${status}`) && !problem.includes(`${status} (`),
    ),
  ).toEqual([]);
  checked.problems.length = 0;
}

describe('the analyst and leader persona', () => {
  let app: RunningWebApp;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    // An operator is one of the configured subjects (OPERATOR_SUBJECTS).
    app = await startWebApp({ OPERATOR_SUBJECTS: 'drift-1' });
    await eventually(async () => {
      const people = (await (await fetch(`${app.url}/dev/people`)).json()) as {
        municipalities: { people: { subject: string }[] }[];
      };
      return people.municipalities.some((m) =>
        m.people.some((p) => p.subject === 'analyst-vestre-toten'),
      )
        ? true
        : null;
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const api = async <T>(page: Page, path: string): Promise<T> => {
    const answer = await fetch(`${app.url}${path}`, {
      headers: { Authorization: `Bearer ${await tokenOf(page)}` },
    });
    expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    return (await answer.json()) as T;
  };

  /** A table on the page as rows of cell texts, header first. */
  const shownTable = (page: Page, selector = 'table.metric-table') =>
    page
      .locator(selector)
      .evaluate((table: unknown): string[][] =>
        Array.from((table as DomNode).querySelectorAll('tr'), (row) =>
          Array.from(row.querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').trim()),
        ),
      );

  it('shows an analyst the programme metrics as charts, with "<5" for every small cell and the files to download', async () => {
    await onFreshPage(browser, 'analyst-1', async (checked) => {
      const { page } = checked;
      await signInAs(page, app.url, ANALYST);
      await page.waitForURL('**/analyse');
      await page.getByRole('heading', { level: 1, name: 'Virker det?' }).waitFor();

      // First: the own municipality's trend against its own baseline, per quarter.
      await page.getByRole('heading', { level: 2, name: 'Stafettlogger åpnet' }).waitFor();
      await page
        .getByRole('img', { name: 'Stafettlogger åpnet – Vestre Toten kommune, per kvartal' })
        .waitFor();
      // Municipalities by the names people know them by, not by their ids.
      await expect(
        page.getByLabel('Hvilken kommune?').locator('option').allInnerTexts(),
      ).resolves.toEqual(expect.arrayContaining(['Vestre Toten kommune', 'Trondheim kommune']));
      await page.getByText(/Utgangspunktet \(nullpunktet\) kommunen har satt er/).waitFor();
      await checkPage(checked, 'analyst-metrics');

      // The definition is one click away.
      await page.getByText('Hva betyr tallet?').click();
      await page
        .getByText(/Logger som ble åpnet \(samtykke gitt og stafettholder utpekt\)/)
        .waitFor();
      await page.getByText('StafettloggOpened', { exact: true }).waitFor();

      // Another metric, the whole programme, per year, by age band.
      await page.getByLabel('Hva vil du måle?').selectOption('logs_active');
      await choose(page, 'Hele programmet');
      await choose(page, 'År');
      await choose(page, 'Alder');
      await page
        .getByRole('img', {
          name: 'Aktive stafettlogger ved utgangen av måneden – Hele programmet, per år',
        })
        .waitFor();
      await page.getByRole('heading', { level: 3, name: 'Fordelt på alder' }).waitFor();
      expect(page.url()).toContain('maal=logs_active');
      expect(page.url()).toContain('omrade=all');
      expect(page.url()).toContain('periode=year');
      expect(page.url()).toContain('fordeling=ageBand');

      // A county, per quarter: the view to check the small cells in.
      await choose(page, 'Fylke');
      await page.getByLabel('Hvilket fylke?').selectOption('Innlandet');
      await choose(page, 'Kvartal');
      await page
        .getByRole('img', {
          name: 'Aktive stafettlogger ved utgangen av måneden – Innlandet, per kvartal',
        })
        .waitFor();
      await page.waitForLoadState('networkidle');
      await page.getByText('Se tallene i en tabell').click();
      await page.locator('table.metric-table').waitFor();
      await checkPage(checked, 'analyst-metrics-table');

      const answer = await api<MetricTable>(
        page,
        '/metrics/logs_active?area=county&areaId=Innlandet&period=quarter&by=ageBand',
      );
      const suppressed = answer.cells.filter((cell) => cell.suppressed);
      expect(suppressed.length).toBeGreaterThan(0);
      expect(suppressed.every((cell) => cell.value === null)).toBe(true);

      // The table: every cell as the API has it — a number where published, "<5" where suppressed.
      const rows = await shownTable(page);
      const header = rows[0];
      const periods = [...new Set(answer.cells.map((cell) => cell.period))];
      expect(rows.length - 1).toBe(periods.length);
      const categoryNames: Record<string, string> = {
        pregnancy: 'Graviditet',
        '0-5': '0–5 år',
        '6-12': '6–12 år',
        '13-18': '13–18 år',
        '19-24': '19–24 år',
        total: 'I alt',
      };
      for (const cell of answer.cells) {
        const row = rows[1 + periods.indexOf(cell.period)];
        const text = row[header.indexOf(categoryNames[cell.category])];
        if (cell.suppressed) expect({ cell, text }).toEqual({ cell, text: '<5' });
        else expect({ cell, value: parseShown(text) }).toEqual({ cell, value: cell.value });
      }

      // The charts: a hatched "<5" mark where each suppressed cell is, and a point only where a
      // value is published; the hover titles say "<5" too.
      expect(await page.locator('rect.chart__suppressed-mark').count()).toBe(suppressed.length);
      const categoriesCharted = await page.locator('svg.chart').count();
      expect(categoriesCharted).toBeGreaterThan(1);
      const titles = await page
        .locator('g.chart__period > title')
        .evaluateAll((nodes: unknown[]): string[] =>
          nodes.map((node) => (node as DomNode).textContent ?? ''),
        );
      expect(titles.filter((title) => title.endsWith(': <5')).length).toBe(suppressed.length);
      const text = await allText(page);
      expect(text).not.toMatch(/\bnull\b|\bNaN\b|\bundefined\b/);

      // Even an answer that carried a number in a suppressed cell shows "<5" and never the number.
      await page.route('**/metrics/logs_active?**', async (route) => {
        const response = await route.fetch();
        const table = (await response.json()) as MetricTable;
        await route.fulfill({
          response,
          json: {
            ...table,
            cells: table.cells.map((cell) =>
              cell.suppressed ? { ...cell, value: SENTINEL } : cell,
            ),
          },
        });
      });
      await choose(page, 'Måned');
      await page
        .getByRole('img', {
          name: 'Aktive stafettlogger ved utgangen av måneden – Innlandet, per måned',
        })
        .waitFor();
      await page.waitForLoadState('networkidle');
      const monthly = await api<MetricTable>(
        page,
        '/metrics/logs_active?area=county&areaId=Innlandet&period=month&by=ageBand',
      );
      const hiddenMonths = monthly.cells.filter((cell) => cell.suppressed).length;
      expect(hiddenMonths).toBeGreaterThan(0);
      expect(await page.locator('rect.chart__suppressed-mark').count()).toBe(hiddenMonths);
      const monthlyText = await allText(page);
      expect(monthlyText).not.toMatch(/987\D{0,2}654/);
      const monthlyRows = await shownTable(page);
      expect(monthlyRows.flat().filter((cell) => cell === '<5').length).toBe(hiddenMonths);
      await page.unroute('**/metrics/logs_active?**');

      // Downloads of what is shown: the table and every metric, as CSV and JSON, from the API.
      const download = async (button: string, path: string) => {
        const [file, response] = await Promise.all([
          page.waitForEvent('download'),
          page.waitForResponse((r) => r.url().includes(path)),
          page.getByRole('button', { name: button }).click(),
        ]);
        return {
          name: file.suggestedFilename(),
          type: response.headers()['content-type'] ?? '',
          body: readFileSync(await file.path(), 'utf8'),
        };
      };
      const csv = await download('Tabellen som CSV', '/metrics/logs_active?');
      expect(csv.type).toContain('text/csv');
      expect(csv.name).toBe('bti_logs_active_innlandet_month_ageBand.csv');
      const csvRows = csv.body.trim().split('\n');
      expect(csvRows[0]).toBe(CSV_HEADER);
      expect(csvRows.length - 1).toBe(monthly.cells.length);
      const suppressedRows = csvRows.slice(1).filter((row) => row.split(',')[7] === 'true');
      expect(suppressedRows.length).toBe(hiddenMonths);
      expect(suppressedRows.every((row) => row.split(',')[6] === '')).toBe(true);
      await page.getByText('CSV-filen er lastet ned.').waitFor();

      const json = await download('Tabellen som JSON', '/metrics/logs_active?');
      expect(json.type).toContain('application/json');
      expect(json.name).toBe('bti_logs_active_innlandet_month_ageBand.json');
      const downloaded = JSON.parse(json.body) as MetricTable;
      expect(downloaded.cells).toEqual(monthly.cells);

      const allCsv = await download('Alle målene som CSV', '/metrics/export?');
      expect(allCsv.type).toContain('text/csv');
      expect(allCsv.body.split('\n')[0]).toBe(CSV_HEADER);
      expect(allCsv.body).toContain('\nmeetings_held,');
      const allJson = await download('Alle målene som JSON', '/metrics/export?');
      expect(allJson.type).toContain('application/json');
      expect((JSON.parse(allJson.body) as MetricTable[]).length).toBeGreaterThan(40);

      // The last 12 months only: the API's own `from`, a row per month.
      const [spanRequest] = await Promise.all([
        page.waitForRequest(
          (r) => r.url().includes('/metrics/logs_active?') && r.url().includes('from='),
        ),
        page.getByLabel('Tidsrom').selectOption('12'),
      ]);
      expect(new URL(spanRequest.url()).searchParams.get('from')).toMatch(/^\d{4}-\d{2}$/);
      await page.waitForLoadState('networkidle');
      expect((await shownTable(page)).length - 1).toBe(12);
      expect(page.url()).toContain('tidsrom=12');

      // The same page in nynorsk and English, then back.
      await page.getByLabel('Språk').selectOption('nn');
      await page.getByRole('heading', { level: 1, name: 'Verkar det?' }).waitFor();
      await page
        .getByRole('heading', { level: 2, name: 'Aktive stafettloggar ved utgangen av månaden' })
        .waitFor();
      await page.getByLabel('Språk').selectOption('en');
      await page.getByRole('heading', { level: 1, name: 'Is it working?' }).waitFor();
      await checkPage(checked, 'analyst-metrics-en');
      await page.getByLabel('Language').selectOption('nb');
      await page.getByRole('heading', { level: 1, name: 'Virker det?' }).waitFor();

      // The definitions of every metric, and the initiatives with their small numbers hidden.
      await page.getByRole('link', { name: 'Hva tallene betyr' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hva tallene betyr' }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Samordningsmøter holdt' }).waitFor();
      await checkPage(checked, 'analyst-definitions');

      await page.getByRole('link', { name: 'Satsinger og midler' }).click();
      await page.getByRole('heading', { level: 1, name: 'Satsinger og midler' }).waitFor();
      await page
        .getByRole('heading', { level: 2, name: 'Satsinger i Vestre Toten kommune' })
        .waitFor();
      const initiatives = await api<{
        initiatives: { name: string; suppressed: boolean; childrenReached: number | null }[];
      }>(page, '/metrics/initiatives?municipalityId=vestre-toten');
      expect(initiatives.initiatives.length).toBeGreaterThan(0);
      const initiativeRows = await shownTable(page, 'table.initiatives-table');
      for (const initiative of initiatives.initiatives) {
        const row = initiativeRows.find((cells) => cells[0] === initiative.name);
        expect({ name: initiative.name, children: row?.[2] }).toEqual({
          name: initiative.name,
          children: initiative.suppressed ? '<5' : String(initiative.childrenReached),
        });
      }
      await checkPage(checked, 'analyst-initiatives');
    });
  }, 180_000);

  it('shows the whole programme by level at desktop width (the README’s screenshot)', async () => {
    await onFreshPage(browser, 'analyst-2', async (checked) => {
      const { page } = checked;
      await signInAs(page, app.url, ANALYST);
      await page.waitForURL('**/analyse');
      await page.goto(
        `${app.url}/analyse?maal=logs_active&omrade=all&periode=quarter&fordeling=level`,
      );
      await page
        .getByRole('img', {
          name: 'Aktive stafettlogger ved utgangen av måneden – Hele programmet, per kvartal',
        })
        .waitFor();
      await checkPage(checked, 'analyst-metrics-by-level');
      // test-artifacts/web/analyst.png on every run; docs/screenshots/analyst.png (committed, for the
      // README) when asked: `UPDATE_SCREENSHOTS=1 npx jest test/web/analyst.e2e-spec.ts`.
      const saved = await screenshot(page, 'analyst');
      if (process.env.UPDATE_SCREENSHOTS) {
        mkdirSync(join(process.cwd(), 'docs', 'screenshots'), { recursive: true });
        copyFileSync(saved, join(process.cwd(), 'docs', 'screenshots', 'analyst.png'));
      }
    });
  }, 180_000);

  it('shows a leader (the admin) the use per service, and waits gently while the figures catch up', async () => {
    await onFreshPage(browser, 'analyst-3', async (checked) => {
      const { page } = checked;
      await signInAs(page, app.url, ADMIN);
      await page.waitForURL('**/analyse');
      await page.getByRole('heading', { level: 1, name: 'Virker det?' }).waitFor();
      // Their own municipality's tables only: no county, no whole programme to choose (the API
      // refuses them, 403) — their exact counts less a county's would give a neighbour's away.
      await page.locator('#metric-view-heading').waitFor();
      await page.getByRole('radio', { name: 'Kvartal', exact: true }).waitFor();
      for (const level of ['Hele programmet', 'Fylke'])
        expect(await page.getByRole('radio', { name: level, exact: true }).count()).toBe(0);

      // The first answer says the figures are catching up (503 READ_MODEL_BEHIND, Retry-After: 1).
      let refusals = 0;
      await page.route('**/municipalities/vestre-toten/use?**', async (route) => {
        if (refusals++ > 0) return route.continue();
        return route.fulfill({
          status: 503,
          headers: { 'Retry-After': '1' },
          json: {
            statusCode: 503,
            code: 'READ_MODEL_BEHIND',
            message: 'The read model has not caught up',
          },
        });
      });
      await page.getByRole('link', { name: 'Bruk per tjeneste' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bruk per tjeneste' }).waitFor();
      await page.getByText('Tallene oppdateres').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Per tjeneste nå' }).waitFor();
      expect(refusals).toBe(2);
      await page.unroute('**/municipalities/vestre-toten/use?**');
      expectOnlyRefusals(checked, 503);

      const use = await api<MunicipalityUse>(page, '/municipalities/vestre-toten/use?months=12');
      expect(use.services.length).toBeGreaterThan(0);
      // The admin runs the services: every count exact, the small ones too — never "<5".
      const useRows = await shownTable(page, 'table.use-table');
      expect(useRows.length - 1).toBe(use.services.length);
      for (const service of use.services) {
        const row = useRows.find((cells) => cells[0].startsWith(service.name)) ?? [];
        const counts = [
          service.openLogs,
          service.logsHeld,
          service.overdueEvaluations,
          service.handoversWaiting,
          service.concernsPastDeadline,
          service.consentsToRenew,
        ];
        expect({ service: service.name, row: row.slice(2, 8).map(parseShown) }).toEqual({
          service: service.name,
          row: counts,
        });
      }
      const silent = use.services.filter((s) =>
        s.activityByMonth.every((month) => month.events === 0),
      );
      if (silent.length > 0)
        await page
          .getByRole('heading', { level: 2, name: /har ingen aktivitet i loggen/ })
          .waitFor();
      await page.getByRole('img', { name: 'Aktivitet per tjeneste, siste 12 måneder' }).waitFor();
      await page
        .getByRole('img', { name: 'Bruk over tid, alle tjenester, siste 12 måneder' })
        .waitFor();
      await page.getByText('Se aktiviteten per måned i en tabell').click();
      const activity = await shownTable(page, 'table.use-activity-table');
      for (const service of use.services) {
        const row = activity.find((cells) => cells[0] === service.name) ?? [];
        expect({ service: service.name, row: row.slice(1).map(parseShown) }).toEqual({
          service: service.name,
          row: service.activityByMonth.map((m) => m.events),
        });
      }
      expect(await allText(page)).not.toMatch(/<5|minst \d/);
      await checkPage(checked, 'analyst-use');

      const [request] = await Promise.all([
        page.waitForRequest((r) => r.url().includes('/use?months=24')),
        page.getByLabel('Periode').selectOption('24'),
      ]);
      expect(request.url()).toContain('months=24');
      await page.getByRole('img', { name: 'Aktivitet per tjeneste, siste 24 måneder' }).waitFor();

      // The admin's own municipality's events in the log, per type: counts only.
      await page.getByRole('link', { name: 'Hendelser i loggen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hendelser i loggen' }).waitFor();
      const events = await shownTable(page, 'table.events-table');
      // Named as a person knows the municipality, not by its id.
      expect(events.slice(1).map((row) => row[0])).toEqual(['Vestre Toten kommune']);
      await page.getByText(/for Vestre Toten kommune\. Bare antall/).waitFor();
      expect(parseShown(events[1][1])).toBeGreaterThan(0);
      await checkPage(checked, 'analyst-events-admin');
    });
  }, 180_000);

  it('does not offer an analyst the use per service: the tables are theirs, and a visit says so in plain words', async () => {
    await onFreshPage(browser, 'analyst-4', async (checked) => {
      const { page } = checked;
      // Two publications with independent suppression let a hidden cell be worked out: an analyst
      // reads the metric tables only, and the API refuses them the use view (403).
      const asked: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/municipalities/vestre-toten/use')) asked.push(r.url());
      });
      await signInAs(page, app.url, ANALYST);
      await page.waitForURL('**/analyse');
      await page.getByRole('heading', { level: 1, name: 'Virker det?' }).waitFor();
      await page.getByRole('link', { name: 'Hva tallene betyr' }).waitFor();
      expect(await page.getByRole('link', { name: 'Bruk per tjeneste' }).count()).toBe(0);
      await page.getByText(/^Du er logget inn som analytiker i Vestre Toten kommune\./).waitFor();
      expect(await allText(page)).not.toContain('bruken per tjeneste');

      await page.goto(`${app.url}/analyse/bruk`);
      await page.getByRole('heading', { level: 1, name: 'Bruk per tjeneste' }).waitFor();
      await page
        .getByText('Bruk per tjeneste er for dem som driver tjenestene: kommunens administrator')
        .waitFor();
      expect(await page.locator('table.use-table').count()).toBe(0);
      expect(asked).toEqual([]);
      const refused = await fetch(`${app.url}/municipalities/vestre-toten/use?months=12`, {
        headers: { Authorization: `Bearer ${await tokenOf(page)}` },
      });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { code: string }).code).toBe('ROLE_NOT_ALLOWED');
      await checkPage(checked, 'analyst-use-refused');
    });
  }, 180_000);

  /** A page signed in with a token of the API's development issuer (roles the demo page lacks). */
  async function signedInAs(claims: { subject: string; role: 'archivist' | 'operator' }) {
    const checked = await openPage(browser);
    const token = await app.api.token({ ...claims, municipalityId: 'vestre-toten' });
    const session = {
      token,
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      via: 'dev',
      role: claims.role,
      name: null,
      idToken: null,
    };
    await checked.page.addInitScript((value: string) => {
      (globalThis as unknown as PageGlobals).sessionStorage.setItem('bti.session', value);
    }, JSON.stringify(session));
    return checked;
  }

  it('tells the archive and the operator what their roles are for, and a refusal (403) in plain words', async () => {
    await explainedJourney(
      await signedInAs({ subject: 'arkiv-vestre-toten', role: 'archivist' }),
      'analyst-archivist',
      async (archive) => {
        const { page } = archive;
        await page.goto(`${app.url}/analyse`);
        await page.getByRole('heading', { level: 1, name: 'Oversikt' }).waitFor();
        await page.getByText('Tallene for programmet er ikke for rollen din').waitFor();
        await page.getByText(/Som arkiv tar du imot lukkede stafettlogger/).waitFor();
        await checkPage(archive, 'analyst-archivist');

        await page.goto(`${app.url}/analyse/definisjoner`);
        await page.getByRole('heading', { level: 1, name: 'Hva tallene betyr' }).waitFor();
        await page.getByText('Dette kan ikke rollen din se').waitFor();
        await page
          .getByText('Du er logget inn som arkiv, og den rollen har ikke tilgang')
          .waitFor();
        await page.getByText('Kode: ROLE_NOT_ALLOWED').waitFor();
        expectOnlyRefusals(archive, 403);
        await checkPage(archive, 'analyst-archivist-refused');
      },
    );

    await explainedJourney(
      await signedInAs({ subject: 'drift-1', role: 'operator' }),
      'analyst-operator',
      async (operator) => {
        const { page } = operator;
        await page.goto(`${app.url}/analyse/bruk`);
        await page.getByRole('heading', { level: 1, name: 'Oversikt' }).waitFor();
        await page.getByText(/Som drift har du ansvar for selve tjenesten/).waitFor();
        await checkPage(operator, 'analyst-operator');
        // What the operator may see: the events of the whole installation, per municipality.
        await page.getByRole('link', { name: 'Se hendelsene i loggen' }).click();
        await page.getByRole('heading', { level: 1, name: 'Hendelser i loggen' }).waitFor();
        const events = await shownTable(page, 'table.events-table');
        expect(events.slice(1).map((row) => row[0])).toEqual(
          expect.arrayContaining(['Vestre Toten kommune', 'Trondheim kommune', 'Siljan kommune']),
        );
        await page.getByText(/^Vestre Toten kommune: \d+ typer hendelser$/).click();
        await page
          .getByRole('rowheader', { name: 'StafettloggOpened', exact: true })
          .first()
          .waitFor();
        await checkPage(operator, 'analyst-events-operator');
      },
    );
  }, 180_000);
});
