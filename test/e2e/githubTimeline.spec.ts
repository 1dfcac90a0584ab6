// GitHub in the timeline, in Chromium against the GitHub simulator: a note links a pull request, the timeline shows
// it with its title and state; the PR is merged on GitHub, "Check GitHub now" reads it again and a "merged" entry with
// the merge time appears, once however often Conn checks.
import { expect, test } from '@playwright/test';
import { startSimulators, type Simulators } from '../simulators';
import { openPull } from '../simulators/github';
import { serve, type Served } from './serve';

let sim: Simulators;
let app: Served;

test.beforeAll(async () => {
  sim = await startSimulators();
  app = await serve({ CONN_GITHUB_URL: sim.urls.github });
  await app.call('integrations.save', { vendor: 'github', config: {}, token: sim.tokens.github });
});
test.afterAll(async () => {
  await app.stop();
  await sim.stop();
});

test('a PR linked in a note shows its title and state, and its merge appears once with the merge time', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Someone opened a pull request on GitHub an hour ago.
  const repo = sim.state.github.repos.find((r) => r.name === 'infrastructure')!;
  const opened = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { number } = openPull(repo, {
    id: 880_001,
    title: 'Raise the registry storage quota',
    user: 'bob-okafor',
    head: 'raise-quota',
    at: opened,
  });
  const prUrl = `https://github.com/2i2c-org/infrastructure/pull/${number}`;

  await app.call('incidents.declare', { title: 'Image registry is full', hub: 'ocean-data' });
  await page.goto(app.url);
  await page.getByRole('list', { name: 'Incidents' }).getByText('Image registry is full').click();
  const box = page.getByRole('textbox', { name: 'Note', exact: true });
  await box.click();
  await box.fill(`The fix is ${prUrl}.`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('feed').getByText('The fix is')).toBeVisible();

  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const note = timeline.locator('article.tl-entry', { hasText: 'The fix is' });
  const chip = note.getByRole('link', { name: new RegExp(`Pull request 2i2c-org/infrastructure#${number}`) });
  await expect(chip).toContainText('Raise the registry storage quota');
  await expect(chip).toContainText('open');
  await expect(chip).toHaveAttribute('href', prUrl);
  await expect(chip).toHaveAttribute('target', '_blank');
  await expect(timeline.locator('article.tl-entry', { hasText: 'Pull request opened' })).toHaveCount(1);

  // Merged on GitHub; Conn checks now.
  const res = await fetch(`${sim.urls.control}/github/merge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ repo: '2i2c-org/infrastructure', number }),
  });
  const merged = (await res.json()) as { merged_at: string };
  const check = timeline.getByRole('button', { name: /Check GitHub now/ });
  await check.click();
  await expect(chip).toContainText('merged');
  const mergedEntry = timeline.locator('article.tl-entry', { hasText: 'Pull request merged' });
  await expect(mergedEntry).toHaveCount(1);
  await expect(mergedEntry.locator('time')).toHaveAttribute('datetime', new Date(merged.merged_at).toISOString());
  await expect(mergedEntry.locator('.tl-source')).toHaveText('GitHub');

  // Checked again: a 304, nothing new.
  await check.click();
  await expect(check).toBeEnabled();
  await expect(mergedEntry).toHaveCount(1);
  const reads = sim.requests({
    vendor: 'github',
    method: 'GET',
    path: `/repos/2i2c-org/infrastructure/pulls/${number}`,
  });
  expect(reads.map((r) => r.status)).toEqual([200, 200, 304]);

  // The GitHub entries are filterable by their source like any other.
  await timeline.getByRole('group', { name: 'Filter by source' }).getByRole('button', { name: 'GitHub' }).click();
  await expect(timeline.locator('article.tl-entry')).toHaveCount(2);
  await page.screenshot({ path: 'out/screenshots/github-timeline.png' });
  expect(errors).toEqual([]);
});
