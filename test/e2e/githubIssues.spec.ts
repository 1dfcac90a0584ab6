// Action items become GitHub issues in a real Chromium against the simulators: two items, "Create issue" pressed
// twice on each (and "Create all" after), the first answers lost after GitHub made the issue; two issues exist, each
// exactly once, and the report links them with their state.
import { expect, test } from '@playwright/test';
import { startSimulators, type Simulators } from '../simulators';
import { serve, type Served } from './serve';

let sim: Simulators;
let app: Served;

test.beforeAll(async () => {
  sim = await startSimulators();
  app = await serve({ CONN_GITHUB_URL: sim.urls.github });
  await app.call('integrations.save', {
    vendor: 'github',
    config: { labels: ['incident-follow-up'] },
    token: sim.tokens.github,
  });
});
test.afterAll(async () => {
  await app?.stop();
  await sim?.stop();
});

const issues = () => sim.state.github.repos.find((r) => r.name === 'infrastructure')!.issues;

test('two action items, Create issue pressed twice on each: two issues, each once, linked on the report', async ({
  page,
}) => {
  const title = 'Users cannot start servers on the Ocean Data hub';
  await app.call('incidents.declare', { title, hub: 'ocean-data' });
  await page.goto(app.url);
  await page.getByText(title).first().click();
  await page.getByRole('tab', { name: 'Report' }).click();

  const items = ['Alert at 80% of the node pool', 'Write a runbook for quota errors'];
  for (const what of items) {
    await page.getByLabel('New item: what needs to happen').fill(what);
    await page.getByLabel('New item: what needs to happen').press('Enter');
    await expect(page.getByRole('button', { name: `Create issue for ${what}` })).toBeVisible();
  }
  // GitHub makes both issues but the answers are lost: Conn must find them, not open them again.
  sim.fault({ vendor: 'github', method: 'POST', count: 2, action: { type: 'apply_then_drop' } });
  for (const what of items) {
    const button = page.getByRole('button', { name: `Create issue for ${what}` });
    await button.click();
    // The second press finds the request on its way (or the button already gone): nothing more is queued.
    await button.click({ timeout: 1000 }).catch(() => undefined);
  }
  const create = page.getByRole('button', { name: /Create all issues/ });
  if (await create.isVisible()) await create.click();

  for (const [n, what] of items.entries()) {
    const row = page.getByRole('row', { name: new RegExp(`^${what}`) });
    await expect(row.getByRole('link', { name: `2i2c-org/infrastructure#${n + 1}` })).toBeVisible({ timeout: 30_000 });
    await expect(row.getByText('Open', { exact: true })).toBeVisible();
  }
  expect(issues().map((i) => i.title)).toEqual(items.map((w) => `Incident action item: ${w}`));
  expect(sim.requests({ vendor: 'github', method: 'POST' }).map((r) => r.fault)).toEqual([
    'apply_then_drop',
    'apply_then_drop',
  ]);

  // Someone closes the first issue; "Check issue states" shows it.
  await fetch(`${sim.urls.control}/github/issues`, {
    method: 'POST',
    body: JSON.stringify({ repo: '2i2c-org/infrastructure', number: 1, state: 'closed' }),
  });
  await page.getByRole('button', { name: 'Check issue states' }).click();
  await expect(
    page.getByRole('row', { name: new RegExp(`^${items[0]!}`) }).getByText('Closed', { exact: true }),
  ).toBeVisible();
  expect(issues()).toHaveLength(2);
});
