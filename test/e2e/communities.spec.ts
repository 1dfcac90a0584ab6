// One incident, many communities, in Chromium: a cluster-wide incident over 6 hubs of 3 communities (one with the
// incident's ticket, two without). First response and an update reach each community exactly once (a lost answer to
// a ticket creation included), the health strip follows the hub simulator's flips, impact start/end are proposed, and
// "Verify the fix" is done by check after a short exit window.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tempDir';
import { SIM_TICKET_ID, startSimulators, type Simulators } from '../simulators';
import { startHubSimulator, type HubSimulator } from '../simulators/hubs';
import { serve, type Served } from './serve';

const COMMUNITIES = [
  { name: 'Anchovy Institute', hubs: ['anchovy', 'anchovy-dask'], email: null },
  { name: 'Barnacle Lab', hubs: ['barnacle', 'barnacle-teach'], email: 'it@barnacle.example.org' },
  { name: 'Cuttlefish College', hubs: ['cuttlefish', 'cuttlefish-research'], email: 'help@cuttlefish.example.edu' },
];
const hubsYaml = COMMUNITIES.flatMap((c) => c.hubs)
  .map(
    (h) =>
      `  - name: ${h}\n    display_name: '${h}'\n    domain: ${h}.coral.example.cloud\n    helm_chart: basehub\n` +
      `    helm_chart_values_files:\n      - ${h}.values.yaml\n`,
  )
  .join('');

const registry = tempDir('conn-coral-');
let sim: Simulators;
let hubs: HubSimulator;
let app: Served;

test.beforeAll(async () => {
  const dir = join(registry.path, 'config', 'clusters', 'coral');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'cluster.yaml'),
    'name: coral\nprovider: gcp\ngcp:\n  project: coral-1\n  cluster: coral-cluster\n  zone: europe-west1-b\n' +
      `hubs:\n${hubsYaml}`,
  );
  sim = await startSimulators();
  hubs = await startHubSimulator({ registryDir: registry.path });
  app = await serve({
    CONN_HUB_PROBE_URL: hubs.probeBase,
    CONN_FRESHDESK_URL: sim.urls.freshdesk,
    CONN_PAGERDUTY_URL: sim.urls.pagerduty,
    CONN_SLACK_URL: sim.urls.slack,
  });
  await app.call('integrations.save', {
    vendor: 'freshdesk',
    config: { domain: 'conn-sim.freshdesk.com' },
    token: sim.tokens.freshdesk,
  });
  await app.call('health.saveSettings', { referenceUrl: hubs.referenceUrl });
  await app.call('registry.import', { folder: registry.path });
  for (const c of COMMUNITIES)
    for (const h of c.hubs)
      await app.call('registry.updateHub', { hubId: `coral/${h}`, community: c.name, requesterEmail: c.email });
});
test.afterAll(async () => {
  await app.stop();
  await hubs.close();
  await sim.stop();
  registry.cleanup();
});

const flip = async (state: 'up' | 'down') => {
  const res = await fetch(`${hubs.url}/_control/hubs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cluster: 'coral', state }),
  });
  expect((await res.json()) as { changed: number }).toEqual({ changed: 6 });
};

const fd = () => sim.state.freshdesk;
const emailOf = (requesterId: number) => fd().contacts.find((c) => c.id === requesterId)?.email;
const newTickets = () => fd().tickets.filter((t) => t.id !== SIM_TICKET_ID);
const said = (ticketId: number, text: string) =>
  fd().conversations.filter((c) => c.ticket_id === ticketId && c.body_text.includes(text)).length;

async function probeNow(page: Page) {
  await page.getByRole('region', { name: 'Blast radius' }).getByRole('button', { name: 'Probe now' }).click();
}

test('a cluster-wide incident tells each community once, follows the hubs and verifies the fix', async ({ page }) => {
  test.setTimeout(150_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const title = 'Coral cluster: servers do not start';
  const inc = await app.call<{ id: string }>('incidents.declare', {
    title,
    hub: 'anchovy',
    ticketUrl: `https://conn-sim.freshdesk.com/a/tickets/${SIM_TICKET_ID}`,
    scope: { kind: 'cluster', value: 'coral' },
  });
  await page.goto(app.url);
  await page.getByRole('list', { name: 'Incidents' }).getByText(title).click();
  const blast = page.getByRole('region', { name: 'Blast radius' });
  await expect(blast).toContainText('cluster coral · 6 hubs · 3 communities');

  // First response, with Freshdesk creating the first new ticket and the answer lost on the way back.
  sim.fault({ vendor: 'freshdesk', method: 'POST', path: '/api/v2/tickets', action: { type: 'apply_then_drop' } });
  const card = page.getByRole('article', { name: 'Current step' });
  await expect(card.getByRole('heading')).toHaveText('Tell the community we are on it');
  await page.keyboard.press('a');
  const told = blast.getByRole('status', { name: 'Communities told' });
  await expect(told).toHaveText('Told 3 of 3 communities', { timeout: 60_000 });
  expect(said(SIM_TICKET_ID, 'Thank you for reporting this')).toBe(1);
  expect(
    newTickets()
      .map((t) => emailOf(t.requester_id))
      .sort(),
  ).toEqual(['help@cuttlefish.example.edu', 'it@barnacle.example.org']);
  expect(
    sim.requests({ vendor: 'freshdesk', method: 'POST' }).filter((r) => r.fault === 'apply_then_drop'),
  ).toHaveLength(1);
  await blast.getByRole('button', { name: 'Details' }).click();
  await expect(blast.getByRole('listitem', { name: 'Anchovy Institute told' })).toContainText(
    "on the incident's ticket",
  );
  await expect(blast.getByRole('listitem', { name: 'Barnacle Lab told' })).toContainText('on its own ticket');

  // An update: a reply on each of the three tickets, and no new ticket.
  await app.call('updates.send', { incidentId: inc.id, text: 'Update: the coral cluster is recovering.' });
  await expect
    .poll(
      () => [SIM_TICKET_ID, ...newTickets().map((t) => t.id)].map((id) => said(id, 'coral cluster is recovering')),
      {
        timeout: 30_000,
      },
    )
    .toEqual([1, 1, 1]);
  expect(newTickets()).toHaveLength(2);
  await expect(told).toHaveText('Told 3 of 3 communities');
  for (const c of COMMUNITIES)
    await expect(blast.getByRole('listitem', { name: `${c.name} told` })).not.toContainText('never');

  // The hubs go down, then come back: the strip follows, impact start and end are proposed from the flips.
  const strip = blast.getByRole('list', { name: 'Hub health' });
  await flip('down');
  await probeNow(page);
  for (const c of COMMUNITIES)
    for (const h of c.hubs) await expect(strip.getByRole('listitem', { name: `coral/${h} down` })).toBeVisible();
  const impact = blast.getByLabel('Impact from evidence');
  await expect(impact).toContainText('First failing probe: coral/');

  await app.call('health.saveSettings', { exitWindow: { runbookId: 'default', minutes: 0.1 } });
  await flip('up');
  await probeNow(page);
  for (const c of COMMUNITIES)
    for (const h of c.hubs) await expect(strip.getByRole('listitem', { name: `coral/${h} up` })).toBeVisible();
  const verify = async () =>
    (await app.call<Array<{ stepId: string; state: string; doneVia: string | null }>>('checklist.list', {
      incidentId: inc.id,
    }))!.find((s) => s.stepId === 'verify_fix')!;
  // After the 6-second exit window a probe round finds the criterion met: the end is proposed, the step done by check.
  await expect
    .poll(
      async () => {
        await probeNow(page);
        return (await verify()).state;
      },
      { timeout: 30_000, intervals: [2000] },
    )
    .toBe('done');
  expect((await verify()).doneVia).toBe('check');
  await expect(impact).toContainText('6-second exit window');
  await expect(impact.getByRole('button', { name: 'Accept end' })).toBeVisible();
  await page.screenshot({ path: 'out/screenshots/communities.png', fullPage: true });
  expect(errors).toEqual([]);
});
