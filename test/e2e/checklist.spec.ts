// Declare by keyboard, work three checklist steps by keyboard, reload: everything is as it was.
import { expect, test } from '@playwright/test';
import { serveForFile } from './serveFile';

const app = serveForFile();

test('declare through the dialog, work three steps by keyboard, reload, all kept', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Incidents' })).toBeVisible();

  // The roster: me by keyboard, a colleague through the scripting API.
  await page.keyboard.press('p');
  const people = page.getByRole('dialog', { name: 'People' });
  await expect(people.getByLabel('Name')).toBeFocused();
  await page.keyboard.type('Ada Lovelace');
  await people.getByLabel('Timezone').fill('Europe/London');
  await people.getByLabel('Works from').fill('09:00');
  await people.getByLabel('until').fill('17:00');
  await people.getByLabel('Name').press('Enter');
  await expect(people.getByRole('list', { name: 'Roster' })).toContainText('Ada Lovelace');
  await expect(page.getByText('Me: Ada Lovelace')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(people).toBeHidden();
  await app.call('people.save', { name: 'Bo Chen', timezone: 'America/Los_Angeles' });

  // Declare, keyboard only.
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Users cannot start servers on the staging hub');
  await page.keyboard.press('Tab');
  await page.keyboard.type('staging');
  await page.keyboard.press('Tab');
  await page.keyboard.type('https://example.freshdesk.com/a/tickets/1234');
  await page.keyboard.press('Tab'); // first criterion: cannot log in
  await page.keyboard.press('Tab'); // second: cannot start servers
  await page.keyboard.press('Space');
  await expect(dialog.getByText('Meets the incident criteria.')).toBeVisible();
  await expect(dialog.getByLabel('Commander')).toHaveValue(/.+/); // defaults to me
  await page.screenshot({ path: 'out/screenshots/declare-dialog.png' });
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users cannot start servers on the staging hub');
  const roles = page.getByLabel('Roles', { exact: true });
  await expect(roles).toContainText('Ada Lovelace');

  // Work three steps: complete, run the action (queued, not connected) then complete, skip with a reason.
  const card = page.getByRole('article', { name: 'Current step' });
  await expect(card.getByRole('heading')).toHaveText('Tell the community we are on it');
  await page.keyboard.press('c');
  await expect(card.getByRole('heading')).toHaveText('Open the PagerDuty incident');
  await page.keyboard.press('a');
  await expect(card.getByRole('list', { name: 'Requests for this step' })).toContainText(
    'Open the PagerDuty incident · queued: not connected',
  );
  await page.keyboard.press('c');
  await expect(card.getByRole('heading')).toHaveText('Work the problem in the incident channel');
  await page.keyboard.press('j');
  await expect(card.getByRole('heading')).toHaveText('Bring in subject matter experts');
  await page.keyboard.press('s');
  await expect(card.getByLabel('Why skip this step?')).toBeFocused();
  await page.keyboard.type('A one-person fix');
  await page.keyboard.press('Enter');
  await expect(card.getByRole('heading')).toHaveText('Send a status update');
  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await expect(card.getByRole('heading')).toHaveText('Work the problem in the incident channel');

  const steps = page.getByRole('list', { name: 'Steps' }).getByRole('button');
  const expectWorked = async () => {
    await expect(steps.nth(0)).toHaveClass(/state-done/);
    await expect(steps.nth(1)).toHaveClass(/state-done/);
    await expect(steps.nth(2)).toHaveClass(/state-todo/);
    await expect(steps.nth(3)).toHaveClass(/state-skipped/);
    await expect(steps.nth(3)).toContainText('A one-person fix');
    await expect(page.getByText('3 of 12 done')).toBeVisible();
  };
  await expectWorked();
  await expect(page.getByRole('list', { name: 'Incidents' })).toContainText(
    'Next: Work the problem in the incident channel',
  );
  await page.screenshot({ path: 'out/screenshots/checklist.png' });

  await page.reload();
  await expect(page.getByRole('list', { name: 'Incidents' })).toContainText('staging');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users cannot start servers on the staging hub');
  await expectWorked();
  await expect(card.getByRole('heading')).toHaveText('Work the problem in the incident channel');
  await expect(page.getByLabel('Roles', { exact: true })).toContainText('Ada Lovelace');
  await steps.nth(1).click();
  await expect(card).toContainText('Done by Ada Lovelace');
  await expect(card).toContainText('queued: not connected');
});
