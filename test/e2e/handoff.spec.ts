// Handoff and take-over in a real Chromium: two web shells (Conn A and Conn B, each its own data folder) against
// the vendor simulators started by this test; checks what each simulator received.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SIM_FROM_EMAIL, SIM_TICKET_ID, startSimulators, type Simulators } from '../simulators';
import { serve, type Served } from './serve';

let sim: Simulators;
let a: Served;
let b: Served;
const TICKET = `https://conn-sim.freshdesk.com/a/tickets/${SIM_TICKET_ID}`;

const call = <T>(app: Served, op: string, input: unknown): Promise<T> => app.call<T>(op, input);

async function setUp(app: Served, me: 'alice' | 'bob') {
  await call(app, 'integrations.save', {
    vendor: 'pagerduty',
    config: { fromEmail: SIM_FROM_EMAIL, defaultServiceId: 'PSVC001' },
    token: sim.tokens.pagerduty,
  });
  await call(app, 'integrations.save', {
    vendor: 'freshdesk',
    config: { domain: 'conn-sim.freshdesk.com' },
    token: sim.tokens.freshdesk,
  });
  await call(app, 'integrations.save', { vendor: 'slack', config: {}, token: sim.tokens.slack });
  const alice = await call<{ id: string }>(app, 'people.save', {
    name: 'Alice Jansen',
    timezone: 'Europe/Amsterdam',
    pagerdutyUserId: 'PALICE1',
    slackUserId: 'U0ALICE01',
    freshdeskAgentId: '770001',
  });
  const bob = await call<{ id: string }>(app, 'people.save', {
    name: 'Bob Okafor',
    timezone: 'America/New_York',
    pagerdutyUserId: 'PBOB001',
    slackUserId: 'U0BOB0001',
    freshdeskAgentId: '770002',
  });
  await call(app, 'people.save', { name: 'Chen Wei', timezone: 'Asia/Shanghai' });
  await call(app, 'people.setMe', { personId: me === 'alice' ? alice.id : bob.id });
  return { alice, bob };
}

test.beforeAll(async () => {
  sim = await startSimulators();
  const env = {
    CONN_PAGERDUTY_URL: sim.urls.pagerduty,
    CONN_FRESHDESK_URL: sim.urls.freshdesk,
    CONN_SLACK_URL: sim.urls.slack,
  };
  a = await serve(env);
  b = await serve(env);
});
test.afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await sim?.stop();
});

test('hand off from Conn A through the vendors, take over in Conn B', async ({ page }) => {
  const { alice } = await setUp(a, 'alice');
  const inc = await call<{ id: string }>(a, 'incidents.declare', {
    title: 'Users cannot start servers',
    hub: 'ocean-data',
    ticketUrl: TICKET,
    commander: alice.id,
  });
  // The PagerDuty incident and the channel, as the checklist's actions would queue them.
  const db = new Database(join(a.dataDir, 'conn.sqlite'));
  const now = Date.now();
  const insert = db.prepare(
    `INSERT INTO outbox_jobs (id, incident_id, vendor, kind, payload, order_key, state, next_at, created_at,
      updated_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
  );
  insert.run(
    'e2ejob1',
    inc.id,
    'pagerduty',
    'pagerduty.createIncident',
    JSON.stringify({
      title: 'Users cannot start servers',
      details: `Freshdesk ticket: ${TICKET}`,
      assigneeUserId: 'PALICE1',
    }),
    `pagerduty:${inc.id}`,
    now,
    now,
    now,
  );
  insert.run(
    'e2ejob2',
    inc.id,
    'slack',
    'slack.createChannel',
    JSON.stringify({ name: 'inc-e2e-ocean-data', inviteUserIds: [] }),
    `slack:${inc.id}`,
    now,
    now,
    now,
  );
  // The first reply to the community, with a paragraph break and a line break.
  insert.run(
    'e2ejob3',
    inc.id,
    'freshdesk',
    'freshdesk.reply',
    JSON.stringify({ body: 'Hello,\n\nWe are on it.\nNext update at 16:00.' }),
    `freshdesk:${inc.id}`,
    now,
    now,
    now,
  );
  db.close();
  await call(a, 'notes.append', {
    incidentId: inc.id,
    kind: 'status',
    body: 'Spawns succeed slowly; workshop users are getting in.',
  }); // wakes the dispatcher
  await expect
    .poll(async () => (await call<Array<{ state: string }>>(a, 'outbox.list', {})).map((j) => j.state).join(','), {
      timeout: 20_000,
    })
    .toBe('sent,sent,sent');
  // A finding shared to both Slack and PagerDuty.
  await call(a, 'notes.append', {
    incidentId: inc.id,
    kind: 'finding',
    body: 'Registry mirror throttles image pulls',
    share: { slack: true, pagerduty: true },
  });
  await expect
    .poll(
      async () => (await call<Array<{ state: string }>>(a, 'outbox.list', {})).filter((j) => j.state === 'sent').length,
      { timeout: 20_000 },
    )
    .toBe(5);
  const pdId = sim.state.pagerduty.incidents[0]!.id;

  await page.goto(a.url);
  await page.getByText('Users cannot start servers').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users cannot start servers');
  await page.keyboard.press('Control+Shift+H');
  const dialog = page.getByRole('dialog', { name: 'Hand off command' });
  await expect(dialog).toBeVisible();
  await dialog.getByText('Bob Okafor').click();
  const brief = dialog.getByRole('textbox');
  await expect(brief).toHaveValue(/Alice Jansen is handing command to Bob Okafor/);
  await expect(brief).toHaveValue(/Spawns succeed slowly/);
  await expect(brief).toHaveValue(new RegExp(`incidents/${pdId}`));
  await brief.fill(`${await brief.inputValue()}\nPing me on the phone if needed.`);
  await dialog.getByLabel(/Bob Okafor confirmed they can take command/).check();
  await page.screenshot({ path: 'out/screenshots/handoff-dialog.png' });
  // The answer to the send is held back until every part went out, so the parts' events reach the page before it
  // (as on a busy machine): the dialog must still end at "Everything went out.", not at every part "waiting".
  await page.route('**/api/handoff.send', async (route) => {
    const response = await route.fetch();
    await expect
      .poll(async () => (await call<Array<{ state: string }>>(a, 'outbox.list', {})).every((j) => j.state === 'sent'), {
        timeout: 20_000,
      })
      .toBe(true);
    await route.fulfill({ response });
  });
  await dialog.getByRole('button', { name: 'Hand off' }).click();
  await expect(dialog.getByText('Everything went out.')).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: 'out/screenshots/handoff-progress.png' });
  // The header promises "Close Esc": after the send the focus is on Done, so Escape closes (it was lost on the body).
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // What each simulator received.
  const reassign = sim.requests({ vendor: 'pagerduty', method: 'PUT', path: `/incidents/${pdId}` });
  expect(JSON.stringify(reassign.at(-1)!.body)).toContain('PBOB001');
  const note = sim
    .requests({ vendor: 'pagerduty', method: 'POST', path: `/incidents/${pdId}/notes` })
    .map((r) => JSON.stringify(r.body));
  expect(
    note.some((n) => n.includes('# Handoff: Users cannot start servers') && n.includes('Ping me on the phone')),
  ).toBe(true);
  const posts = sim
    .requests({ vendor: 'slack', path: '/api/chat.postMessage' })
    .map((r) => r.body as Record<string, unknown>);
  const briefPost = posts.find((p) => String(p.text).startsWith('# Handoff'));
  expect(briefPost).toBeTruthy();
  expect(briefPost!.thread_ts).toBeUndefined();
  const ticket = sim
    .requests({ vendor: 'freshdesk', method: 'PUT' })
    .filter((r) => r.path.endsWith(`/tickets/${SIM_TICKET_ID}`));
  expect(JSON.stringify(ticket.at(-1)!.body)).toContain('770002');

  // Conn B takes over by the PagerDuty incident id.
  const people = await setUp(b, 'bob');
  await page.goto(b.url);
  await page.getByRole('button', { name: 'Take over' }).click();
  const take = page.getByRole('dialog', { name: 'Take over an incident' });
  await take.getByRole('textbox').fill(pdId);
  await take.getByRole('button', { name: 'Import' }).click();
  await expect(take.getByRole('heading', { name: 'Users cannot start servers' })).toBeVisible({ timeout: 20_000 });
  await expect(take.locator('.takeover-brief')).toContainText('Alice Jansen is handing command to Bob Okafor');
  await expect(take.getByText(/#4711 Users cannot start servers on the Ocean Data hub/)).toBeVisible();
  await expect(take.getByText(/entries to import on Confirm/)).toBeVisible();
  // The preview wrote nothing: the incident is not in the list yet.
  expect(await call<unknown[]>(b, 'incidents.list', {})).toEqual([]);
  await expect(page.getByRole('button', { name: /Users cannot start servers/ })).toHaveCount(0);
  await take.getByLabel(/I am taking command/).check();
  await page.screenshot({ path: 'out/screenshots/takeover-preview.png' });
  await take.getByRole('button', { name: /Confirm/ }).click();
  await expect(take).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users cannot start servers');
  const incidents = await call<Array<{ id: string; commanderId: string | null }>>(b, 'incidents.list', {});
  expect(incidents).toHaveLength(1);
  expect(incidents[0]!.commanderId).toBe(people.bob.id);
  // The vendor checks ran on Confirm: the first reply and the PagerDuty incident are done, not offered again.
  const steps = await call<Array<{ stepId: string; state: string }>>(b, 'checklist.list', {
    incidentId: incidents[0]!.id,
  });
  expect(steps.find((st) => st.stepId === 'acknowledge')?.state).toBe('done');
  expect(steps.find((st) => st.stepId === 'trigger_pagerduty')?.state).toBe('done');
  await expect(page.getByRole('button', { name: 'Open the PagerDuty incident', exact: true })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByText(/Handoff: Users cannot start servers/).first()).toBeVisible();
  // The shared finding once (Slack and PagerDuty both hold it); the ticket reply with its line breaks.
  await expect(page.getByText(/^Finding: Registry mirror throttles image pulls$/)).toHaveCount(1);
  const entries = await call<{ items: Array<{ source: string; body: string }> }>(b, 'timeline.list', {
    incidentId: incidents[0]!.id,
    limit: 300,
  });
  expect(entries.items.filter((e) => e.body.startsWith('Finding: Registry mirror throttles image pulls'))).toHaveLength(
    1,
  );
  expect(entries.items.map((e) => e.body)).toContain('Hello,\n\nWe are on it.\nNext update at 16:00.');
  await page.screenshot({ path: 'out/screenshots/takeover-timeline.png' });
});
