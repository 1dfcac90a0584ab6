import { expect, test } from '@playwright/test';
import { createCore } from '../../src/main/core';
import { outboxRepo } from '../../src/main/core/db/repos/outbox';
import { outboxDispatchRepo } from '../../src/main/core/db/repos/outboxDispatch';
import { tempDir } from '../helpers/tempDir';
import { serve, type Served } from './serve';

let app: Served;
const dir = tempDir('conn-e2e-outbox-');

test.beforeAll(async () => {
  // Seed an incident with vendor work: one failed job, two waiting behind it, one for another vendor.
  const core = createCore({ dataDir: dir.path });
  const inc = core.services.incidents.declare({ title: 'Users cannot start servers', hub: 'uw' });
  const repo = outboxRepo(core.db);
  const now = Date.now();
  core.db.transaction(() => {
    repo.enqueue({
      id: 'job1',
      incidentId: inc.id,
      kind: 'slack.postMessage',
      payload: { text: 'Investigating: servers fail to start on the uw hub' },
      at: now,
    });
    repo.enqueue({
      id: 'job2',
      incidentId: inc.id,
      kind: 'slack.postMessage',
      payload: { text: 'Mitigated: spawner restarted' },
      at: now + 1,
    });
    repo.enqueue({
      id: 'job3',
      incidentId: inc.id,
      kind: 'pagerduty.addNote',
      payload: { content: 'Spawner restarted at 12:10' },
      at: now + 2,
    });
  })();
  const d = outboxDispatchRepo(core.db);
  d.claimSend('job1', 'seed', now);
  d.settle('job1', 'seed', now, {
    state: 'dead',
    nextAt: null,
    lastError: 'slack.postMessage: Refused: channel_not_found (the channel was archived)',
  });
  core.close();
  app = await serve({}, dir.path);
});
test.afterAll(async () => {
  await app.stop();
  dir.cleanup();
});

test('connections: fields are checked by name, tokens are write-only, the storage warning is shown', async ({
  page,
}) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Connections' }).click();
  await expect(page.getByRole('heading', { name: 'Connections' })).toBeVisible();
  await expect(page.getByRole('note')).toContainText('No OS keyring');
  const slack = page.getByRole('form', { name: 'Slack connection' });
  await slack.getByLabel('Bot token').fill('xoxp-not-a-bot-token');
  await slack.getByLabel('Channel name pattern').fill('Incident Room!');
  await slack.getByRole('button', { name: 'Save' }).click();
  await expect(slack.getByText(/may only use lowercase letters/)).toBeVisible();
  await expect(slack.getByLabel('Channel name pattern')).toHaveValue('Incident Room!'); // nothing typed is lost
  await slack.getByLabel('Channel name pattern').fill('inc-YYYYMMDD-<hub>');
  await slack.getByRole('button', { name: 'Save' }).click();
  await expect(slack.getByText(/expected a Slack bot token starting with xoxb-/)).toBeVisible();
  await slack.getByLabel('Bot token').fill('xoxb-1234-5678-abcdefghijkl');
  await slack.getByRole('button', { name: 'Save' }).click();
  await expect(slack.getByText('Saved.')).toBeVisible();
  await expect(slack.getByLabel('Bot token')).toHaveValue('');
  await expect(slack.getByLabel('Bot token')).toHaveAttribute('placeholder', /Kept until Conn quits/);
  await slack.getByRole('button', { name: 'Test connection' }).click();
  await expect(slack.getByRole('status')).toContainText(/Could not reach Slack/);
  const fd = page.getByRole('form', { name: 'Freshdesk connection' });
  await fd.getByLabel('Domain').fill('https://acme.example.com');
  await fd.getByRole('button', { name: 'Save' }).click();
  await expect(fd.getByText(/must be your Freshdesk domain/)).toBeVisible();
  await page.screenshot({ path: 'out/screenshots/connections.png', fullPage: true });
  await page.getByLabel(/Keep tokens on this computer anyway/).click();
  await expect(page.getByLabel(/Keep tokens on this computer anyway/)).toBeChecked();
  await expect(page.getByRole('note')).toContainText('tokens are stored in an encrypted file');
  await expect(slack.getByLabel('Bot token')).toHaveAttribute('placeholder', /Saved/);
});

test('outbox: the indicator counts pending work; the panel shows reasons and retry / edit / discard', async ({
  page,
}) => {
  await page.goto(app.url);
  const indicator = page.getByRole('button', { name: 'Outbox' });
  await expect(indicator).toContainText('Online');
  await expect(indicator).toContainText('2 pending');
  await expect(indicator).toContainText('1 failed');
  await page.keyboard.press('Shift+O');
  const panel = page.getByRole('region', { name: 'Outbox' });
  await expect(panel.getByText(/channel_not_found/)).toBeVisible();
  await expect(panel.getByText(/Blocked by a failed earlier job/)).toBeVisible();
  await expect(panel.getByText('PagerDuty is not connected yet.')).toBeVisible();
  await panel.getByRole('button', { name: 'Edit' }).click();
  await panel.getByLabel('Payload (JSON)').fill('{"txt": "oops"}');
  await panel.getByRole('button', { name: 'Save and send' }).click();
  await expect(panel.getByRole('alert')).toContainText('Invalid slack.postMessage payload');
  await page.screenshot({ path: 'out/screenshots/outbox.png', fullPage: true });
  await panel.getByRole('button', { name: 'Cancel' }).click();
  const firstDiscard = panel
    .getByRole('listitem')
    .filter({ hasText: 'channel_not_found' })
    .getByRole('button', { name: 'Discard' });
  await firstDiscard.click();
  await expect(panel.getByText(/channel_not_found/)).toHaveCount(0);
  // The job it blocked is released to the (real) Slack executor; it is no longer waiting behind anything.
  await expect(panel.getByText(/Blocked by/)).toHaveCount(0);
});
