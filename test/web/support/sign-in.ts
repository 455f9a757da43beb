import type { Page } from 'playwright-core';

/** Through the demo sign-in page, as a person would: the municipality, then the person's button. */
export async function signInAs(
  page: Page,
  baseUrl: string,
  name: string,
  municipality = 'Vestre Toten kommune (Innlandet)',
): Promise<void> {
  await page.goto(baseUrl);
  await page.waitForURL('**/logg-inn**');
  await page.getByLabel('Kommune').selectOption({ label: municipality });
  await page
    .getByRole('button', { name: `Logg inn som ${name}` })
    .first()
    .click();
}
