import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import {
  checkPage,
  explainFailure,
  launchChromium,
  openPage,
  PHONE,
  type CheckedPage,
} from './support/browser';
import { signInAs } from './support/sign-in';
import { eventually, startWebApp, type RunningWebApp } from './support/web-app';

interface Child {
  familyId: string;
  name: string;
  logs: { logId: string }[];
  nextMeeting: { meetingId: string } | null;
}

/**
 * The guardian's main journey on a phone (390×844), against the built app on the demo data: the
 * start page, a consent asked for (given, and another refused), the family's own words (through a
 * lost connection, sent once), a held meeting evaluated, a point on the next meeting's agenda, a
 * consent withdrawn, who has looked, download everything, and the other languages. Every page is
 * checked with axe and screenshotted.
 */
describe('the guardian in the browser, on a phone', () => {
  let app: RunningWebApp;
  let browser: Browser;
  let checked: CheckedPage;
  let kari: string;
  let mother: string;
  let ola: Child;
  const pprConsent = randomUUID();
  const leisureConsent = randomUUID();
  let heldMeeting: string;

  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json as Record<string, unknown>;
  };
  const devToken = async (subject: string, role: string) => {
    const res = await fetch(`${app.url}/dev/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ subject, role }),
    });
    return ((await res.json()) as { token: string }).token;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    app = await startWebApp();
    await eventually(async () => {
      const res = await fetch(`${app.url}/dev/people`);
      const body = (await res.json()) as { municipalities: { people: { subject: string }[] }[] };
      return body.municipalities.some((m) => m.people.some((p) => p.subject === 'idp|demo-mor'))
        ? true
        : null;
    });
    kari = await devToken('staff-kari', 'staff');
    mother = await devToken('idp|demo-mor', 'guardian');
    ola = await eventually(async () => {
      const { children } = (await call(mother, 'GET', '/me/children')) as unknown as {
        children: Child[];
      };
      return children.find((c) => c.nextMeeting && c.logs.length > 0) ?? null;
    });
    const logId = ola.logs[0].logId;
    // The services ask for two more consents: one the mother gives, one she refuses.
    for (const [consentId, categories, purpose] of [
      [pprConsent, ['development_and_learning'], 'PPT vurderer språket'],
      [leisureConsent, ['leisure'], 'Fritidskontakt'],
    ] as const)
      await call(kari, 'POST', `/stafettlogger/${logId}/consents`, {
        commandId: randomUUID(),
        consentId,
        scope: {
          services: ['helsestasjon-raufoss', 'barnehage-solsikken'],
          categories,
          purpose,
        },
      });
    // A samordningsmøte held today, with the mother present: hers to evaluate.
    const family = (await call(kari, 'GET', `/families/${ola.familyId}`)) as {
      guardians: Record<string, { guardianId: string; identitySubject: string }>;
    };
    const guardians = Object.values(family.guardians);
    heldMeeting = randomUUID();
    await call(kari, 'POST', '/meetings', {
      commandId: randomUUID(),
      meetingId: heldMeeting,
      logIds: [logId],
      startsAt: new Date(Date.now() + 60_000).toISOString(),
      durationMinutes: 60,
      location: { kind: 'place', place: 'Raufoss helsestasjon' },
      invitedServices: ['barnehage-solsikken'],
      invitedGuardians: guardians.map((g) => g.guardianId),
      invitedYouth: [],
      agenda: [],
    });
    await call(kari, 'POST', `/meetings/${heldMeeting}/start`, {
      commandId: randomUUID(),
      attendance: [
        {
          kind: 'staff',
          staffId: 'staff-kari',
          serviceId: 'helsestasjon-raufoss',
          mode: 'present',
          decisionAuthority: true,
        },
        ...guardians.map((g) => ({
          kind: 'guardian',
          guardianId: g.guardianId,
          mode: g.identitySubject === 'idp|demo-mor' ? 'present' : 'absent',
        })),
      ],
    });
    checked = await openPage(browser, PHONE);
  }, 240_000);

  afterAll(async () => {
    await checked?.close();
    await browser?.close();
    await app?.stop();
  });

  const page = () => checked.page;
  let steps = 0;
  /** One step of the journey; a failure says where it stopped (screenshot, alerts, the last requests). */
  const step = (name: string, body: () => Promise<void>, timeoutMs?: number) => {
    const index = ++steps;
    it(
      name,
      async () => {
        try {
          await body();
        } catch (error) {
          throw await explainFailure(checked, `guardian-${index}`, error);
        }
      },
      timeoutMs,
    );
  };

  step('signs in and shows the children, with the one thing asked of her first', async () => {
    await signInAs(page(), app.url, 'Kari Nordmann');
    await page().waitForURL('**/foresatt');
    await page().getByRole('heading', { level: 1, name: 'Barna dine' }).waitFor();
    const card = page().getByRole('listitem').filter({ hasText: ola.name });
    await card.getByText('har hovedansvaret nå').waitFor();
    await card.getByText('Flere ord i lek og samlingsstund').waitFor();
    await card.getByRole('link', { name: 'Svar på samtykke' }).waitFor();
    await checkPage(checked, 'guardian-start');
  });

  step(
    'gives a consent with its period after reading what it means, once even when clicked twice',
    async () => {
      await page().getByRole('link', { name: 'Svar på samtykke' }).click();
      await page().waitForURL('**/foresatt/logg/**');
      await page().getByRole('heading', { name: 'Du blir bedt om samtykke' }).waitFor();
      await checkPage(checked, 'guardian-log');
      const card = page().locator('.ds-card').filter({ hasText: 'PPT vurderer språket' });
      await card.getByText('Sier du ja, kan disse tjenestene dele').waitFor();
      await card.getByLabel(/^6 måneder/).check();
      await card.getByRole('button', { name: 'Ja, jeg samtykker' }).dblclick();
      await page().getByText('Svaret ditt er lagret.').waitFor();
      const log = (await call(kari, 'GET', `/stafettlogger/${ola.logs[0].logId}`)) as {
        consents: { consentId: string; status: string }[];
        history: { type: string; consentId: string | null }[];
      };
      expect(log.consents.find((c) => c.consentId === pprConsent)?.status).toBe('given');
      expect(
        log.history.filter((h) => h.type === 'ConsentGiven' && h.consentId === pprConsent),
      ).toHaveLength(1);
    },
  );

  step('refuses the other consent, with a reason', async () => {
    const card = page().locator('.ds-card').filter({ hasText: 'Fritidskontakt' });
    await card.getByRole('button', { name: 'Nei, jeg vil ikke' }).click();
    await card.getByLabel('Vil du si hvorfor? (valgfritt)').fill('Vi tar det opp på møtet først');
    await card.getByRole('button', { name: 'Send nei' }).click();
    await card.getByText('Sagt nei til').waitFor();
  });

  step('adds the family’s own words through a lost connection, sent once', async () => {
    const words = 'Ola sover bedre nå, og vi leser hver kveld.';
    await page().getByLabel('Skriv det dere vil at tjenestene skal vite').fill(words);
    await checked.context.setOffline(true);
    await page().getByRole('button', { name: 'Legg til i loggen' }).click();
    await page().getByText('Vi fikk ikke kontakt med tjenesten.').waitFor();
    // Nothing typed is lost, and sending again is safe.
    expect(await page().getByLabel('Skriv det dere vil at tjenestene skal vite').inputValue()).toBe(
      words,
    );
    await checked.context.setOffline(false);
    checked.problems.length = 0; // the browser's own report of the failed request
    await page().getByRole('button', { name: 'Legg til i loggen' }).click();
    await page().getByText('Takk! Det du skrev, er lagt til i loggen.').waitFor();
    await page().getByRole('listitem').filter({ hasText: words }).waitFor();
    const log = (await call(mother, 'GET', `/stafettlogger/${ola.logs[0].logId}`)) as {
      entries: { text: string }[];
    };
    expect(log.entries.filter((e) => e.text === words)).toHaveLength(1);
    await checkPage(checked, 'guardian-log-after');
  });

  step('evaluates the meeting that was held today', async () => {
    await page().getByRole('link', { name: 'Tilbake til barna' }).first().click();
    await page().getByRole('link', { name: 'Si hva du synes om møtet' }).click();
    await page().waitForURL(`**/foresatt/mote/${heldMeeting}**`);
    await page().getByRole('heading', { name: 'Hva synes du om møtet?' }).waitFor();
    await page().getByRole('button', { name: 'Send svaret' }).click();
    await page().getByText('Svar på disse spørsmålene før du sender:').waitFor();
    await checkPage(checked, 'guardian-meeting-evaluation');
    for (const legend of [
      'Opplevde du at tjenestene jobbet sammen?',
      'Ble du hørt?',
      'Var møtet nyttig for dere?',
    ])
      await page().getByRole('group', { name: legend }).getByLabel('4 – Ganske mye').check();
    await page().getByLabel('Vil du si noe mer? (valgfritt)').fill('Godt å bli hørt først');
    await page().getByRole('button', { name: 'Send svaret' }).click();
    await page().getByText('Du har gitt din vurdering av dette møtet. Takk!').waitFor();
  });

  step('adds a point to the next meeting’s agenda', async () => {
    await page().getByRole('link', { name: 'Tilbake til barna' }).first().click();
    await page().getByRole('link', { name: 'Legg til noe å snakke om' }).click();
    await page().waitForURL(`**/foresatt/mote/${ola.nextMeeting?.meetingId}**`);
    await page().getByLabel('Noe du vil snakke om').fill('Hvordan kan vi øve på ord hjemme?');
    await page().getByRole('button', { name: 'Legg til på dagsorden' }).click();
    await page().getByText('Takk! Punktet er lagt til på dagsorden.').waitFor();
    await page()
      .getByRole('listitem')
      .filter({ hasText: 'Hvordan kan vi øve på ord hjemme?' })
      .waitFor();
    await checkPage(checked, 'guardian-meeting');
  });

  step('withdraws a consent after being told what happens', async () => {
    await page().goto(`${app.url}/foresatt/logg/${ola.logs[0].logId}`);
    const card = page().locator('.ds-card').filter({ hasText: 'PPT vurderer språket' });
    await card.getByRole('button', { name: 'Trekk tilbake samtykket' }).click();
    const dialog = page().getByRole('dialog');
    await dialog.getByText('Det som allerede er skrevet, blir ikke slettet').waitFor();
    await checkPage(checked, 'guardian-withdraw');
    await dialog.getByRole('button', { name: 'Ja, trekk tilbake' }).click();
    await card.getByText('Trukket tilbake').first().waitFor();
  });

  step('shows who has looked at the log, and downloads everything', async () => {
    await page().getByRole('link', { name: 'Hvem har sett loggen' }).first().click();
    await page().getByRole('heading', { level: 1, name: 'Hvem har sett loggen' }).waitFor();
    await page()
      .getByRole('cell', { name: /Kari \(helsesykepleier\), Helsestasjon Raufoss/ })
      .first()
      .waitFor();
    await checkPage(checked, 'guardian-access-log');
    const [download] = await Promise.all([
      page().waitForEvent('download'),
      page().getByRole('button', { name: 'Last ned alt (til å lese)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('alt-om-barnet.html');
    const path = await download.path();
    expect(readFileSync(path, 'utf8')).toContain(ola.name);
  });

  step('speaks nynorsk and English too', async () => {
    await page().goto(`${app.url}/foresatt`);
    await page().getByLabel('Språk').selectOption('nn');
    await page().getByRole('heading', { level: 1, name: 'Borna dine' }).waitFor();
    await page().getByLabel('Språk').selectOption('en');
    await page().getByRole('heading', { level: 1, name: 'Your children' }).waitFor();
    await page().getByText('has the main responsibility now').first().waitFor();
    await checkPage(checked, 'guardian-start-en');
    await page().getByLabel('Language').selectOption('nb');
  });

  // Last: it erases the family's personal data.
  step('says so where the family’s words were, once its personal data is erased', async () => {
    const admin = await devToken('admin-vestre-toten', 'admin');
    await call(admin, 'POST', `/families/${ola.familyId}/erasure`, {
      commandId: randomUUID(),
      reasonCode: 'gdpr_article_17',
    });
    await eventually(async () => {
      const { children } = (await call(mother, 'GET', '/me/children')) as unknown as {
        children: { subjectId: string; name: string | null }[];
      };
      return children.length > 0 && children.every((child) => child.name === null) ? true : null;
    });
    await page().goto(`${app.url}/foresatt`);
    await page().getByRole('heading', { level: 2, name: '(slettet)' }).first().waitFor();
    await page().goto(`${app.url}/foresatt/logg/${ola.logs[0].logId}`);
    await page().locator('.entry__text').first().waitFor();
    const texts = await page().locator('.entry__text').allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((text) => text === '(slettet)')).toBe(true);
    await checkPage(checked, 'guardian-log-erased');
  });
});
