// Publishing the report in a real Chromium against the GitHub simulator: pressing Publish twice opens one pull
// request; the report tab shows it with its link; merged in the simulator, the check shows it published.
import { expect, test } from '@playwright/test';
import { startSimulators, type Simulators } from '../simulators';
import { mergePull } from '../simulators/github';
import { declareAndOpen } from './declare';
import { serve, type Served } from './serve';

let sim: Simulators;
let app: Served;

test.beforeAll(async () => {
  sim = await startSimulators();
  app = await serve({ CONN_FRESHDESK_URL: sim.urls.freshdesk, CONN_GITHUB_URL: sim.urls.github });
  await app.call('integrations.save', { vendor: 'github', config: {}, token: sim.tokens.github });
});
test.afterAll(async () => {
  await app?.stop();
  await sim?.stop();
});

test('Publish pressed twice opens one pull request, shown with its link; merged, it reads published', async ({
  page,
}) => {
  const title = 'Users cannot start servers on the Ocean Data hub';
  const inc = await declareAndOpen(app, page, title, 'Report');
  const bar = page.getByRole('group', { name: 'Publish the report' });
  await expect(bar.getByTestId('publish-state')).toHaveText('Not published');

  await bar.getByRole('button', { name: /^Publish/ }).click();
  await page.keyboard.press('Shift+G'); // the shortcut, pressed while the first publish is on its way
  await expect(bar.getByTestId('publish-link')).toHaveText(/Pull request #\d+/, { timeout: 20_000 });
  const repo = sim.state.github.repos.find((r) => r.name === 'incident-reports')!;
  expect(repo.pulls).toHaveLength(1);
  expect(repo.pulls[0]!.head).toBe(`conn/${inc.id}`);
  await expect(bar.getByTestId('publish-link')).toHaveAttribute(
    'href',
    `https://github.com/2i2c-org/incident-reports/pull/${repo.pulls[0]!.number}`,
  );
  await expect(bar.getByRole('button', { name: /Publish again/ })).toBeVisible();

  mergePull(sim.state.github, repo, repo.pulls[0]!.number, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'));
  await app.call('checks.run', { incidentId: inc.id });
  await expect(bar.getByTestId('publish-state')).toHaveText('Published (merged)', { timeout: 10_000 });
  expect(repo.pulls).toHaveLength(1);
});
