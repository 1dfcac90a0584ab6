// The walk after the merge of issues 14–20: during an outage of two vendors the top bar's outbox headline grew so long
// that the bar overflowed the 1280-pixel window ("Me: Alice Jansen" wrapped onto three lines, and opening the outbox
// scrolled the whole page sideways). The bar must keep to one row and the window must not scroll sideways.
import { expect, test } from '@playwright/test';
import { serveForFile } from './serveFile';

// serve() points every vendor at a closed loopback port: each request fails at once as a network error.
const app = serveForFile();

test('two vendors unreachable: the top bar stays on one row and the page does not scroll sideways', async ({
  page,
}) => {
  await app.call('integrations.save', { vendor: 'slack', config: {}, token: 'xoxb-1111-2222-outagetoken' });
  await app.call('integrations.save', {
    vendor: 'pagerduty',
    config: { fromEmail: 'ic@example.org', defaultServiceId: 'PSVC002' },
    token: 'u+pdOutageToken00001',
  });
  await app.call('integrations.save', {
    vendor: 'freshdesk',
    config: { domain: 'conn-sim.freshdesk.com' },
    token: 'fdOutageToken0001abc',
  });
  const me = await app.call<{ id: string }>('people.save', { name: 'Alice Jansen', timezone: 'Europe/Amsterdam' });
  await app.call('people.setMe', { personId: me.id });
  const inc = await app.call<{ id: string }>('incidents.declare', { title: 'Two vendors are down', hub: 'staging' });
  await app.call('checklist.runAction', { incidentId: inc.id, stepId: 'trigger_pagerduty' }); // PagerDuty and Slack

  await page.goto(app.url);
  const top = page.getByRole('button', { name: /^Outbox/ });
  await expect(top).toContainText(/Slack.*PagerDuty|PagerDuty.*Slack/, { timeout: 20_000 });
  await expect(top).toContainText('unreachable');

  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  expect(await fits()).toBe(true);
  // One row: "Me: Alice Jansen" does not wrap.
  const meBox = await page.getByText('Me: Alice Jansen').boundingBox();
  expect(meBox!.height).toBeLessThan(30);
  // The full headline stays available to the pointer when it is cut short.
  await expect(top).toHaveAttribute('title', /unreachable/);

  await top.click();
  await expect(page.getByRole('region', { name: 'Outbox' })).toBeVisible();
  expect(await fits()).toBe(true);
  expect(await page.evaluate(() => window.scrollX)).toBe(0);

  // The checklist's count stays on one line beside a long "Next: Work the problem in the incident channel".
  for (const stepId of ['acknowledge', 'trigger_pagerduty'])
    await app.call('checklist.complete', { incidentId: inc.id, stepId });
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Incidents' }).click();
  await page.getByText('Two vendors are down').first().click();
  const checklist = page.getByRole('region', { name: 'Checklist' });
  await expect(checklist.getByRole('button', { name: /^Next: Work the problem/ })).toBeVisible();
  const count = await checklist.getByText(/\d+ of \d+ done/).boundingBox();
  expect(count!.height).toBeLessThan(30);
});
