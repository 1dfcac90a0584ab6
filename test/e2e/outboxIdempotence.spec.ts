// Exactly once at the edges, in a real Chromium against the vendor simulators: pressing A twice sends one reply;
// after it was sent, A asks before sending again (and says what happens at the vendor); a request whose arrival
// is unknown shows in a banner with its three choices, each doing what it says at the vendor.
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SIM_FROM_EMAIL, SIM_TICKET_ID, startSimulators, type Simulators } from '../simulators';
import { serve, type Served } from './serve';

let sim: Simulators;
let app: Served;
const TICKET = `https://conn-sim.freshdesk.com/a/tickets/${SIM_TICKET_ID}`;
const replies = () =>
  sim.requests({ vendor: 'freshdesk', method: 'POST' }).filter((r) => r.path.endsWith('/reply')).length;

test.beforeAll(async () => {
  sim = await startSimulators();
  app = await serve({
    CONN_PAGERDUTY_URL: sim.urls.pagerduty,
    CONN_FRESHDESK_URL: sim.urls.freshdesk,
    CONN_SLACK_URL: sim.urls.slack,
  });
  await app.call('integrations.save', {
    vendor: 'pagerduty',
    config: { fromEmail: SIM_FROM_EMAIL, defaultServiceId: 'PSVC001' },
    token: sim.tokens.pagerduty,
  });
  await app.call('integrations.save', {
    vendor: 'freshdesk',
    config: { domain: 'conn-sim.freshdesk.com' },
    token: sim.tokens.freshdesk,
  });
  await app.call('integrations.save', { vendor: 'slack', config: {}, token: sim.tokens.slack });
  const alice = await app.call<{ id: string }>('people.save', {
    name: 'Alice Jansen',
    timezone: 'Europe/Amsterdam',
    pagerdutyUserId: 'PALICE1',
  });
  await app.call('people.setMe', { personId: alice.id });
});
test.afterAll(async () => {
  await app?.stop();
  await sim?.stop();
});
test.beforeEach(() => sim.clearRequests());

async function openIncident(page: Page, title: string) {
  const inc = await app.call<{ id: string }>('incidents.declare', { title, hub: 'ocean-data', ticketUrl: TICKET });
  await page.goto(app.url);
  await page.getByText(title).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  return inc.id;
}

test('pressing A twice sends the reply once; then A asks first, and Send again sends exactly one more', async ({
  page,
}) => {
  await openIncident(page, 'Users cannot start servers');
  const card = page.getByRole('article', { name: 'Current step' });
  await expect(card.getByRole('heading')).toHaveText('Tell the community we are on it');
  await page.keyboard.press('a');
  await page.keyboard.press('a');
  await expect(card.getByText('Send again…')).toBeVisible({ timeout: 20_000 });
  await expect(card).toContainText(/Sent [^·]*\d{2}:\d{2}[^·]* · Send again…/);
  expect(replies()).toBe(1);

  // A third press does not send: it asks, naming what would happen at the vendor.
  await page.keyboard.press('a');
  const confirm = page.getByRole('dialog', { name: 'Send again?' });
  await expect(confirm).toContainText('e-mail another public reply to the requester on the Freshdesk ticket');
  await page.keyboard.press('Enter'); // focus starts on Cancel: Enter never re-sends by accident
  await expect(confirm).toBeHidden();
  await page.waitForTimeout(300); // give a wrongly sent request the time to show up in the simulator's log
  expect(replies()).toBe(1);

  await card.getByRole('button', { name: 'Send again…' }).click();
  await confirm.getByRole('button', { name: 'Send again', exact: true }).click();
  await expect.poll(replies, { timeout: 20_000 }).toBe(2);
});

const aRequestThatNeeds =
  'a request that needs you: the top bar says so, the banner offers the three choices and each does what it says';
test(aRequestThatNeeds, async ({ page }) => {
  const title = 'Spawns time out on the staging hub';
  const inc = await app.call<{ id: string }>('incidents.declare', { title, hub: 'staging', ticketUrl: TICKET });
  // Three replies whose arrival Conn could not establish after its checks (as the dispatcher leaves them).
  const db = new Database(join(app.dataDir, 'conn.sqlite'));
  const now = Date.now();
  const insert = db.prepare(
    `INSERT INTO outbox_jobs (id, incident_id, vendor, kind, payload, order_key, state, attempts, checks,
      last_error, created_at, updated_at)
     VALUES (?, ?, 'freshdesk', 'freshdesk.reply', ?, ?, 'needs_you', 1, 5, 'Freshdesk may or may not have it: 5 ` +
      `checks could not tell.', ?, ?)`,
  );
  for (const [id, body] of [
    ['nyjob1', 'First reply'],
    ['nyjob2', 'Second reply'],
    ['nyjob3', 'Third reply'],
  ] as const) {
    insert.run(id, inc.id, JSON.stringify({ body }), `freshdesk:${id}`, now, now);
  }
  db.close();
  const stateOf = async (id: string) =>
    (await app.call<Array<{ id: string; state: string }>>('outbox.list', { incidentId: inc.id })).find(
      (j) => j.id === id,
    )?.state;

  await page.goto(app.url);
  const top = page.getByRole('button', { name: 'Outbox' });
  await expect(top).toContainText('3 need you');
  await expect(top).not.toContainText('Online');
  await expect(top).not.toContainText('all sent');
  const banner = page.getByRole('region', { name: 'Requests that need you' });
  await expect(banner.getByRole('listitem')).toHaveCount(3);

  // It arrived: settled, nothing sent.
  await banner
    .getByRole('listitem')
    .filter({ hasText: 'First reply' })
    .getByRole('button', { name: 'It arrived: mark sent' })
    .click();
  await expect.poll(() => stateOf('nyjob1')).toBe('sent');
  expect(replies()).toBe(0);

  // Send again: asks first, then exactly one more request.
  await banner
    .getByRole('listitem')
    .filter({ hasText: 'Second reply' })
    .getByRole('button', { name: 'Send again…' })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Send again?' });
  await expect(confirm).toContainText('e-mail another public reply to the requester on the Freshdesk ticket');
  await confirm.getByRole('button', { name: 'Send again', exact: true }).click();
  await expect.poll(() => stateOf('nyjob2'), { timeout: 20_000 }).toBe('sent');
  expect(replies()).toBe(1);

  // Discard: never sent.
  await banner
    .getByRole('listitem')
    .filter({ hasText: 'Third reply' })
    .getByRole('button', { name: 'Discard' })
    .click();
  await expect.poll(() => stateOf('nyjob3')).toBe('discarded');
  await expect(banner).toBeHidden();
  await expect(top).not.toContainText('need you');
  expect(replies()).toBe(1);
});
