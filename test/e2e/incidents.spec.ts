import { expect, test } from '@playwright/test';
import { serveForFile } from './serveFile';

const app = serveForFile();

test('declare an incident, see it listed, reload, still there', async ({ page }) => {
  await page.goto(app.url);
  await expect(page).toHaveURL(`${app.origin}/`); // the token left the address bar for this tab’s sessionStorage
  await expect(page.getByText('No incidents yet')).toBeVisible();
  await page.keyboard.press('n');
  await page.getByLabel('Title').fill('Users cannot start servers on the staging hub');
  await page.getByLabel(/Hub or community/).fill('staging');
  await page.getByLabel(/Freshdesk ticket URL/).fill('https://example.freshdesk.com/a/tickets/1234');
  await page.keyboard.press('Enter');
  const list = page.getByRole('list', { name: 'Incidents' });
  await expect(list).toContainText('Users cannot start servers on the staging hub');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users cannot start servers on the staging hub');
  await page.screenshot({ path: 'out/screenshots/incidents.png' });

  await page.reload();
  await expect(page.getByRole('list', { name: 'Incidents' })).toContainText('staging');
});

test('the page runs under the CSP with no console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  expect(errors).toEqual([]);
});
