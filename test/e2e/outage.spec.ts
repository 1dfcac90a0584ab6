// Issue 17, finding 4: during an outage the top bar names the unreachable vendor (not "Online"), says why in plain
// words with the raw error behind a disclosure, and every unfinished outbox row has Retry and Discard.
import { expect, test } from '@playwright/test';
import { serveForFile } from './serveFile';

// serve() points every vendor at a closed loopback port: each request fails at once as a network error.
const app = serveForFile();

const slackUnreachableTheTop =
  'Slack unreachable: the top bar says so, the reason is plain, the raw error is behind a disclosure, rows have ' +
  'Retry and Discard';
test(slackUnreachableTheTop, async ({ page }) => {
  await app.call('integrations.save', { vendor: 'slack', config: {}, token: 'xoxb-1111-2222-outagetoken' });
  const inc = await app.call<{ id: string }>('incidents.declare', { title: 'Slack is down for us', hub: 'staging' });
  await app.call('checklist.runAction', { incidentId: inc.id, stepId: 'trigger_pagerduty' }); // a Slack channel too

  await page.goto(app.url);
  const top = page.getByRole('button', { name: 'Outbox' });
  await expect(top).toContainText('Slack unreachable', { timeout: 20_000 });
  await expect(top).not.toContainText('Online');
  await expect(top).not.toContainText('all sent');

  await page.getByLabel('Vendor connections').click();
  const vendors = page.getByRole('list', { name: 'Vendors' });
  await expect(vendors).toContainText('Slack: unreachable');
  await expect(vendors).toContainText(
    'Slack cannot be reached (the connection failed). Conn keeps trying; nothing is lost.',
  );
  const detail = vendors.getByText('Technical detail');
  await expect(detail).toBeVisible();
  await detail.click();
  await expect(vendors.locator('.raw-error code')).not.toBeEmpty();

  await top.click();
  const row = page
    .getByRole('region', { name: 'Outbox' })
    .getByRole('listitem')
    .filter({ hasText: 'Create the Slack channel' }); // its plain label; the raw kind never shows
  await expect(page.getByRole('region', { name: 'Outbox' })).not.toContainText('slack.createChannel');
  // Plain words first (waiting to retry, or checking whether a lost answer arrived), the raw error only behind the
  // disclosure.
  await expect(row.locator('.job-reason')).toHaveText(/^(Slack cannot be reached|The answer from Slack was lost)/);
  await expect(row.locator('.job-reason')).not.toContainText('fetch failed');
  await expect(row.getByText('Technical detail')).toBeVisible();
  await expect(row.getByRole('button', { name: /^Retry/ })).toBeVisible();
  await expect(row.getByRole('button', { name: 'Discard' })).toBeVisible();
  await row.getByRole('button', { name: 'Discard' }).click();
  await expect
    .poll(
      async () =>
        (await app.call<Array<{ kind: string; state: string }>>('outbox.list', { incidentId: inc.id })).find(
          (j) => j.kind === 'slack.createChannel',
        )?.state,
    )
    .toBe('discarded');
});
