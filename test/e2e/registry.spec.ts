// Hub registry in Chromium: import (a bad pasted file is refused with its file and line, then the folder), edit a
// contact, scope an incident to a cluster, and watch the health strip follow the hub simulator's flips.
import { expect, test } from '@playwright/test';
import { serve, type Served } from './serve';
import { startHubSimulator, type HubSimulator } from '../simulators/hubs';

let app: Served;
let hubs: HubSimulator;

test.beforeAll(async () => {
  hubs = await startHubSimulator();
  app = await serve({ CONN_HUB_PROBE_URL: hubs.probeBase });
  await app.call('health.saveSettings', { referenceUrl: hubs.referenceUrl });
});
test.afterAll(async () => {
  await app.stop();
  await hubs.close();
});

test('import the registry, scope an incident to a cluster, and follow hub health', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Hubs' }).click();
  const registry = page.getByRole('region', { name: 'Hub registry' });

  await registry.getByLabel('Path of the pasted file').fill('config/clusters/broken/cluster.yaml');
  await registry
    .getByLabel('cluster.yaml')
    .fill(
      'name: broken\nprovider: gcp\nhubs:\n  - name: a\n    domain: a.example.cloud\n   bad: [unclosed\n  - name: b\n',
    );
  await registry.getByRole('button', { name: 'Import pasted file' }).click();
  await expect(registry.getByRole('alert')).toContainText(
    'Nothing was imported. config/clusters/broken/cluster.yaml:6: not valid YAML',
  );
  await expect(registry.getByText('0 clusters, 0 hubs')).toBeVisible();

  await registry.getByLabel('Repository folder on this computer').fill(hubs.registryDir);
  await registry.getByRole('button', { name: 'Import folder' }).click();
  await expect(registry.getByRole('status')).toHaveText(
    'Imported 2 clusters (seaweed, tundra): 7 hubs added, 0 updated, 0 removed.',
  );
  await expect(registry.getByRole('row')).toHaveCount(8);
  await registry.getByLabel('Requester e-mail of seaweed/ocean-data').fill('help@ocean-data.example.org');
  await registry.getByRole('row', { name: 'seaweed/ocean-data' }).getByRole('button', { name: 'Save' }).click();
  await expect(
    registry.getByRole('row', { name: 'seaweed/ocean-data' }).getByRole('button', { name: 'Save' }),
  ).toBeDisabled();
  const saved = await app.call<{ hubs: Array<{ id: string; requesterEmail: string | null }> }>('registry.list', {});
  expect(saved.hubs.find((h) => h.id === 'seaweed/ocean-data')?.requesterEmail).toBe('help@ocean-data.example.org');
  await page.screenshot({ path: 'out/screenshots/registry.png', fullPage: true });

  // Declared with a scope (the region of tundra), then widened later to the seaweed cluster.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Incidents' }).click();
  await page.keyboard.press('n');
  await page.getByLabel('Title').fill('Seaweed cluster: servers do not start');
  await page.getByLabel(/Scope \(blast radius\)/).selectOption('region:aws/ca-central-1');
  await page.keyboard.press('Enter');
  const blast = page.getByRole('region', { name: 'Blast radius' });
  await expect(blast).toContainText('provider/region aws/ca-central-1 · 3 hubs · 2 communities');
  const inc = (await app.call<Array<{ id: string }>>('incidents.list', {}))[0]!;
  await blast.getByRole('button', { name: 'Change scope' }).click();
  await blast.getByLabel('Scope kind').selectOption('cluster');
  await blast.getByLabel('Scope value').selectOption('seaweed');
  await blast.getByRole('button', { name: 'Apply scope' }).click();
  await expect(blast).toContainText('cluster seaweed · 4 hubs · 3 communities');
  const strip = blast.getByRole('list', { name: 'Hub health' });
  await expect(strip.getByRole('listitem')).toHaveCount(4);
  // The blast radius spans the incident's head: four hubs fit on one row and leave the Work view its room (in the
  // title's narrow column they stacked one per line and pushed the note box's Save button off the screen).
  const tops = await strip
    .getByRole('listitem')
    .evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  await expect(page.getByRole('button', { name: /^Save/ }).last()).toBeInViewport();
  // At 800 px the current step's title stays in view too: the lists of communities and the hub picker wait behind
  // Details.
  await expect(page.getByRole('article', { name: 'Current step' }).getByRole('heading')).toBeInViewport();
  await expect(blast.getByLabel('Affected communities')).toHaveCount(0);
  await blast.getByRole('button', { name: 'Details' }).click();
  await expect(blast.getByLabel('Affected communities')).toHaveText(
    'Communities: Kelp Lab, Coastal University · Ocean Data Collective · Tidepool Community College',
  );

  await blast.getByRole('button', { name: 'Probe now' }).click();
  await expect(strip.getByRole('listitem', { name: 'seaweed/ocean-data up' })).toBeVisible();
  hubs.set({ hubIds: ['seaweed/ocean-data', 'seaweed/tidepool'] }, 'down');
  await blast.getByRole('button', { name: 'Probe now' }).click();
  await expect(strip.getByRole('listitem', { name: 'seaweed/ocean-data down' })).toBeVisible();
  await expect(strip.getByRole('listitem', { name: 'seaweed/tidepool down' })).toBeVisible();
  await expect(strip.getByRole('listitem', { name: 'seaweed/kelp-lab up' })).toBeVisible();
  await expect(blast.getByLabel('Impact from evidence')).toContainText(
    'First failing probe: seaweed/ocean-data (answered 503)',
  );

  // The commander narrows the blast radius: staging serves no community.
  await strip.getByRole('button', { name: 'Remove seaweed/staging from the incident' }).click();
  await expect(strip.getByRole('listitem')).toHaveCount(3);
  await page.screenshot({ path: 'out/screenshots/blast-radius.png' });

  hubs.set({ cluster: 'seaweed' }, 'up');
  await blast.getByRole('button', { name: 'Probe now' }).click();
  await expect(strip.getByRole('listitem', { name: 'seaweed/ocean-data up' })).toBeVisible();
  await expect(blast.getByLabel('Impact from evidence')).toContainText('30-minute exit window ends in about 30 min');

  const bodies = (
    await app.call<{ items: Array<{ kind: string; body: string }> }>('timeline.list', { incidentId: inc.id })
  ).items;
  expect(bodies.filter((e) => e.kind === 'hub_health').map((e) => e.body.replace(/: .*/, ''))).toEqual([
    'Hub seaweed/ocean-data (Ocean Data Collective) is down (was up)',
    'Hub seaweed/tidepool (Tidepool Community College) is down (was up)',
    'Hub seaweed/ocean-data (Ocean Data Collective) is up (was down)',
    'Hub seaweed/tidepool (Tidepool Community College) is up (was down)',
  ]);
  expect(bodies.filter((e) => e.kind === 'scope_changed').map((e) => e.body)).toEqual([
    'Scope: provider/region aws/ca-central-1 — 3 hubs, 2 communities affected',
    'Scope: cluster seaweed — 4 hubs, 3 communities affected',
    'Removed affected hub seaweed/staging',
  ]);
  expect(errors).toEqual([]);
});
