// The web shell restarts under an open tab and chooses a new access token: the tab says so plainly (not an endless
// "Reconnecting…"), keeps what was typed in it, and reconnects in place once the new address is pasted.
import { expect, test } from '@playwright/test';
import { tempDir } from '../helpers/tempDir';
import { violations } from './axe';
import { dropProxy } from './dropProxy';
import { serve } from './serve';

test('after a restart with a new token, pasting the new address reconnects the tab and nothing typed is lost', async ({
  page,
}) => {
  const data = tempDir('conn-e2e-restart-');
  const first = await serve({}, data.path);
  const proxy = await dropProxy(first.origin);
  let second: Awaited<ReturnType<typeof serve>> | null = null;
  try {
    const inc = await first.call<{ id: string }>('incidents.declare', { title: 'Hub login loops' });
    await page.goto(`${proxy.origin}/#token=${first.token}`);
    await page.getByRole('list', { name: 'Incidents' }).getByText('Hub login loops').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hub login loops');
    const box = page.getByRole('textbox', { name: 'Note' });
    await box.fill('OAuth callback returns 500 for new users');

    await first.stop(); // the tab's stream drops; the server comes back with a new token
    second = await serve({}, data.path);
    expect(second.token).not.toBe(first.token);
    proxy.retarget(second.origin);

    const banner = page.getByRole('alert').filter({ hasText: 'no longer accepts this tab' });
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Not connected to Conn' })).toBeVisible();
    await expect(box).toHaveValue('OAuth callback returns 500 for new users');
    // Its draft could not be saved meanwhile, and the box says so.
    const draftLost = page.getByText('Your draft could not be kept for after a restart');
    await expect(draftLost).toBeVisible();
    await page.screenshot({ path: 'out/screenshots/token-refused.png' });
    expect(await violations(page)).toEqual([]);

    const address = banner.getByRole('textbox');
    await address.fill('not an address');
    await banner.getByRole('button', { name: 'Reconnect this tab' }).click();
    await expect(banner).toContainText('That is not an address Conn printed');

    await address.fill(second.url);
    await banner.getByRole('button', { name: 'Reconnect this tab' }).click();
    await expect(banner).toHaveCount(0, { timeout: 15_000 });
    await expect(page.locator('.outbox-indicator')).toBeVisible();
    // Back in touch, the draft is saved at once, without waiting for another keystroke.
    await expect(draftLost).toHaveCount(0);
    await expect
      .poll(
        async () =>
          (await second!.call<{ draft: { body: string } | null }>('notes.getDraft', { incidentId: inc.id })).draft
            ?.body,
      )
      .toBe('OAuth callback returns 500 for new users');

    // The box kept its text, and it saves to the restarted server.
    await box.press('Enter');
    await expect(page.getByRole('feed').getByText('OAuth callback returns 500 for new users')).toBeVisible();
    const saved = await second.call<{ items: Array<{ body: string }> }>('notes.list', { incidentId: inc.id });
    expect(saved.items.map((n) => n.body)).toContain('OAuth callback returns 500 for new users');

    // A reload keeps working: the tab kept the new token.
    await page.reload();
    await expect(page.getByRole('list', { name: 'Incidents' }).getByText('Hub login loops')).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'no longer accepts this tab' })).toHaveCount(0);
  } finally {
    await proxy.close();
    await second?.stop();
    await first.stop();
    data.cleanup();
  }
});
