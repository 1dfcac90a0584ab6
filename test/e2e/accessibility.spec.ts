// Accessibility in a real Chromium: axe-core over every screen and dialog (no serious or critical violation), and
// dialogs that keep focus inside while open and give it back when they close.
import { expect, test, type Page } from '@playwright/test';
import { violations } from './axe';
import { serveForFile } from './serveFile';

const app = serveForFile();

async function expectAccessible(page: Page, what: string) {
  // Soft: one run lists every screen's violations, not only the first screen's.
  expect.soft(await violations(page), what).toEqual([]);
}

test('every screen and dialog passes axe with no serious or critical violation', async ({ page }) => {
  test.setTimeout(240_000); // axe takes a few seconds per screen on a shared 2-core machine
  await page.goto(app.url);
  await expect(page.getByText('No incidents yet')).toBeVisible();
  await expectAccessible(page, 'incidents (empty)');

  await page.keyboard.press('n');
  const declare = page.getByRole('dialog', { name: 'Declare an incident' });
  await expect(declare).toBeVisible();
  await expectAccessible(page, 'declare');
  await page.getByLabel('Title').fill('Users cannot start servers on the staging hub');
  await page.getByLabel(/Hub or community/).fill('staging');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users cannot start servers on the staging hub');
  await page.getByRole('textbox', { name: /note/i }).first().fill('Spawns time out after 300 s');
  await page.getByRole('textbox', { name: /note/i }).first().press('Enter');
  await expect(page.getByText('Spawns time out after 300 s').first()).toBeVisible();
  await page.getByRole('textbox', { name: /note/i }).first().blur();
  await expectAccessible(page, 'work');

  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByText('Spawns time out after 300 s').first()).toBeVisible();
  await expectAccessible(page, 'timeline');

  await page.getByRole('tab', { name: 'Report' }).click();
  await expect(page.getByRole('textbox', { name: 'Where we got lucky' })).toBeVisible();
  await expectAccessible(page, 'report');
  await page.getByRole('tab', { name: 'Work' }).click();

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('u');
  await expect(page.getByRole('dialog', { name: 'Status update' })).toBeVisible();
  await expectAccessible(page, 'status update');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Status update' })).toHaveCount(0);

  await page.keyboard.press('Control+Shift+H');
  await expect(page.getByRole('dialog', { name: 'Hand off command' })).toBeVisible();
  await expectAccessible(page, 'handoff');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Hand off command' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Take over' }).click();
  await expect(page.getByRole('dialog', { name: 'Take over an incident' })).toBeVisible();
  await expectAccessible(page, 'take-over');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Take over an incident' })).toHaveCount(0);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('p');
  await expect(page.getByRole('dialog', { name: 'People' })).toBeVisible();
  await expectAccessible(page, 'people');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'People' })).toHaveCount(0);

  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Search' })).toBeVisible();
  await page.getByLabel('Search notes and timelines').fill('spawns');
  await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('option').first()).toBeVisible();
  await expectAccessible(page, 'search');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Connections' }).click();
  await expect(page.getByRole('button', { name: /Test connection/ }).first()).toBeVisible();
  await expectAccessible(page, 'connections');

  await page.getByRole('button', { name: 'Incidents' }).click();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Shift+O');
  await expect(page.getByRole('heading', { name: /Outbox/ })).toBeVisible();
  await expectAccessible(page, 'outbox');
});

test('dialogs keep Tab inside while open and give focus back when they close', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();
  const opener = page.getByRole('button', { name: 'Take over' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const take = page.getByRole('dialog', { name: 'Take over an incident' });
  await expect(take).toBeVisible();
  const inside = () => take.evaluate((el) => el.contains(document.activeElement));
  expect(await inside()).toBe(true);
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await inside(), `after Tab ${i + 1}`).toBe(true);
  }
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Shift+Tab');
    expect(await inside(), `after Shift+Tab ${i + 1}`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(take).toHaveCount(0);
  await expect(opener).toBeFocused();

  // The shared Modal (Declare) the same way.
  await opener.focus();
  await page.keyboard.press('Tab'); // to the outbox indicator or the next control in the top bar
  const back = await page.evaluate(() => document.activeElement?.textContent ?? '');
  await page.keyboard.press('n');
  const declare = page.getByRole('dialog', { name: 'Declare an incident' });
  await expect(declare).toBeVisible();
  for (let i = 0; i < 30; i++) await page.keyboard.press('Tab');
  expect(await declare.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(declare).toHaveCount(0);
  expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toBe(back);
});
