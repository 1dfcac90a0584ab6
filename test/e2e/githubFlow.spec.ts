// The process's last miles on GitHub in one run, in Chromium against the simulators (Freshdesk and GitHub connected):
// a note links a pull request; two action items become two issues, each once although GitHub's answers to both
// creations are lost; the report is published (Shift+G pressed twice) onto one branch with its two files and one pull
// request, the branch's creation answer lost too; merged on GitHub, the Publish step is done by its check; the
// community gets one reply with the report's link however often the step is run; the linked PR's merge is on the
// timeline with its time.
import { expect, test } from '@playwright/test';
import { SIM_TICKET_ID, startSimulators, type Simulators } from '../simulators';
import { openPull } from '../simulators/github';
import { declareAndOpen } from './declare';
import { serve, type Served } from './serve';

let sim: Simulators;
let app: Served;

test.beforeAll(async () => {
  sim = await startSimulators();
  app = await serve({ CONN_FRESHDESK_URL: sim.urls.freshdesk, CONN_GITHUB_URL: sim.urls.github });
  await app.call('integrations.save', {
    vendor: 'freshdesk',
    config: { domain: 'conn-sim.freshdesk.com' },
    token: sim.tokens.freshdesk,
  });
  await app.call('integrations.save', { vendor: 'github', config: {}, token: sim.tokens.github });
});
test.afterAll(async () => {
  await app?.stop();
  await sim?.stop();
});

const repoNamed = (name: string) => sim.state.github.repos.find((r) => r.name === name)!;
const control = (path: string, body: unknown) =>
  fetch(`${sim.urls.control}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json() as Promise<Record<string, unknown>>);

test('issues, publish, merge, tell the community, and the linked PR on the timeline: each exactly once', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A fix someone opened on GitHub during the incident.
  const infra = repoNamed('infrastructure');
  const opened = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { number: fix } = openPull(infra, {
    id: 990_001,
    title: 'Raise the user node pool maximum',
    user: 'bob-okafor',
    head: 'raise-quota',
    at: opened,
  });

  const title = 'Users cannot start servers on the Ocean Data hub';
  const inc = await declareAndOpen(app, page, title);
  const box = page.getByRole('textbox', { name: 'Note', exact: true });
  await box.click();
  await box.fill(`Fix under review: https://github.com/2i2c-org/infrastructure/pull/${fix}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('feed').getByText('Fix under review')).toBeVisible();

  // Two action items, their issues created with both answers lost after GitHub made them.
  await page.getByRole('tab', { name: 'Report' }).click();
  const items = ['Alert at 80% of the node pool', 'Write a runbook for quota errors'];
  const what = page.getByLabel('New item: what needs to happen');
  for (const item of items) {
    await what.fill(item);
    await what.press('Enter');
    await expect(page.getByRole('button', { name: `Create issue for ${item}` })).toBeVisible();
  }
  sim.fault({
    vendor: 'github',
    method: 'POST',
    path: '/repos/2i2c-org/infrastructure/issues',
    count: 2,
    action: { type: 'apply_then_drop' },
  });
  const createAll = page.getByRole('button', { name: /Create all issues/ });
  await createAll.click();
  await createAll.click({ timeout: 1000 }).catch(() => undefined); // a second press: gone, or refused
  for (const [n, item] of items.entries()) {
    const row = page.getByRole('row', { name: new RegExp(`^${item}`) });
    await expect(row.getByRole('link', { name: `2i2c-org/infrastructure#${fix + n + 1}` })).toBeVisible({
      timeout: 30_000,
    });
  }
  expect(infra.issues.map((i) => i.title)).toEqual(items.map((w) => `Incident action item: ${w}`));

  // Publish, pressed twice, the branch's creation answer lost: one branch, its two files, one pull request.
  const reports = repoNamed('incident-reports');
  sim.fault({
    vendor: 'github',
    method: 'POST',
    path: '/repos/2i2c-org/incident-reports/git/refs',
    count: 1,
    action: { type: 'apply_then_drop' },
  });
  const bar = page.getByRole('group', { name: 'Publish the report' });
  await page.keyboard.press('Shift+G');
  await page.keyboard.press('Shift+G');
  await expect(bar.getByTestId('publish-link')).toHaveText(/Pull request #\d+/, { timeout: 30_000 });
  const branch = `conn/${inc.id}`;
  expect([...reports.branches.keys()].filter((b) => b.startsWith('conn/'))).toEqual([branch]);
  const filesOf = (ref: string) => new Set(reports.commits.get(reports.branches.get(ref)!)!.files.keys());
  const onMain = filesOf('main');
  const files = [...filesOf(branch)].filter((p) => !onMain.has(p));
  expect(files.map((p) => p.replace(/^reports\/\d{4}-\d{2}-\d{2}-/, ''))).toEqual(
    expect.arrayContaining([
      'ocean-data-users-cannot-start-servers-on-the-ocean-data-hub.pdf',
      'ocean-data-users-cannot-start-servers-on-the-ocean-data-hub.md',
    ]),
  );
  expect(files).toHaveLength(2);
  expect(reports.pulls).toHaveLength(1);

  // Merged on GitHub: the Publish step is done by its check, not by hand.
  await control('/github/merge', { repo: '2i2c-org/incident-reports', number: reports.pulls[0]!.number });
  await app.call('checks.run', { incidentId: inc.id });
  await expect(bar.getByTestId('publish-state')).toHaveText('Published (merged)', { timeout: 10_000 });
  const steps = await app.call<Array<{ stepId: string; state: string; doneVia: string | null }>>('checklist.list', {
    incidentId: inc.id,
  });
  expect(steps.find((s) => s.stepId === 'publish_report')).toMatchObject({ state: 'done', doneVia: 'check' });

  // The community hears of the report once, with the link to the merged file.
  await app.call('checklist.runAction', { incidentId: inc.id, stepId: 'share_report' });
  // Run again without `again`, it is refused: the reply is on its way or sent.
  await expect(app.call('checklist.runAction', { incidentId: inc.id, stepId: 'share_report' })).rejects.toThrow();
  const replies = () =>
    sim.state.freshdesk.conversations.filter(
      (c) => c.ticket_id === SIM_TICKET_ID && c.body_text.includes('github.com/2i2c-org/incident-reports/blob/'),
    );
  await expect.poll(() => replies().length, { timeout: 20_000 }).toBe(1);
  // The Markdown copy, which GitHub shows as a page.
  expect(replies()[0]!.body_text).toContain(files.find((p) => p.endsWith('.md'))!);

  // The linked PR merged meanwhile: its merge is on the timeline, with its time, once.
  const merged = await control('/github/merge', { repo: '2i2c-org/infrastructure', number: fix });
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('button', { name: /Check GitHub now/ }).click();
  const mergedEntry = timeline.locator('article.tl-entry', { hasText: 'Pull request merged' });
  await expect(mergedEntry).toHaveCount(1);
  await expect(mergedEntry.locator('time')).toHaveAttribute(
    'datetime',
    new Date(String(merged.merged_at)).toISOString(),
  );

  expect(infra.issues).toHaveLength(2);
  expect(reports.pulls).toHaveLength(1);
  await page.screenshot({ path: 'out/screenshots/github-flow.png', fullPage: true });
  expect(errors).toEqual([]);
});
