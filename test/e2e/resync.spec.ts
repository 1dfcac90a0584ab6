// The page loses its event stream (the connection to the server is cut under it), things change meanwhile, the
// stream comes back: the page says it is reconnecting, then shows what changed without any further event.
import { expect, test } from '@playwright/test';
import { dropProxy, type DropProxy } from './dropProxy';
import { serveForFile } from './serveFile';

const app = serveForFile();
let proxy: DropProxy;
test.beforeAll(async () => {
  proxy = await dropProxy(app.origin);
});
test.afterAll(async () => {
  await proxy?.close();
});

test('after the event stream drops and comes back, the page shows what changed meanwhile', async ({ page }) => {
  const inc = await app.call<{ id: string }>('incidents.declare', { title: 'Spawns fail on the Ocean hub' });
  await page.goto(`${proxy.origin}/#token=${app.token}`);
  await page.getByRole('list', { name: 'Incidents' }).getByText('Spawns fail on the Ocean hub').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Spawns fail on the Ocean hub');
  const notes = page.getByRole('feed');
  const lost = page.getByRole('status').filter({ hasText: 'Reconnecting to Conn' });
  await expect(lost).toHaveCount(0);

  proxy.drop(); // the open stream breaks, and reconnecting fails too, for now
  await expect(lost).toBeVisible();
  // In place of the outbox and vendor indicator, which cannot know how sends stand while the page hears nothing.
  await expect(page.locator('.outbox-indicator')).toHaveCount(0);
  await page.screenshot({ path: 'out/screenshots/stream-lost.png' });
  // Changes made elsewhere while the page hears nothing.
  await app.call('notes.append', { incidentId: inc.id, kind: 'finding', body: 'Image pulls time out on node pool b' });
  await app.call('incidents.declare', { title: 'Registry mirror slow' });
  await app.call('incidents.setStatus', { incidentId: inc.id, status: 'mitigated' });

  proxy.restore();
  // No event announces these any more: the page reads them again when the stream is back.
  await expect(lost).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('.outbox-indicator')).toBeVisible();
  await expect(notes.getByText('Image pulls time out on node pool b')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Incidents' }).getByText('Registry mirror slow')).toBeVisible();
  await expect(
    page
      .getByRole('list', { name: 'Incidents' })
      .getByText(/mitigated/i)
      .first(),
  ).toBeVisible();
});
