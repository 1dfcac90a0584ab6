import { expect, test, type Page } from '@playwright/test';
import { serveForFile } from './serveFile';

const app = serveForFile();

const call = <T>(op: string, input: unknown): Promise<T> => app.call<T>(op, input);

const noteBox = (page: Page) => page.getByRole('textbox', { name: 'Note', exact: true });

test('type notes of several kinds, search for one, filter the timeline', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByRole('button', { name: /Declare/ })).toBeVisible();
  await page.keyboard.press('n');
  await page.getByLabel('Title').fill('API gateway returns 502s');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('API gateway returns 502s');

  const box = noteBox(page);
  await box.click();
  await box.fill('Users see **502** errors on /login');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+2');
  await box.fill('Gateway pods are OOMKilled');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+4');
  await box.fill('Roll back the gateway to v1.41');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+5');
  await box.pressSequentially('kubectl -n gw get pods');
  await page.keyboard.press('Shift+Enter');
  await box.pressSequentially('gw-1    0/1     OOMKilled');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+P');

  const notes = page.getByRole('feed');
  await expect(notes.locator('strong', { hasText: '502' })).toBeVisible();
  await expect(notes.locator('pre.note-command')).toHaveText('kubectl -n gw get pods\ngw-1    0/1     OOMKilled');
  await expect(notes.locator('.pin-mark')).toHaveCount(1);
  await expect(box).toHaveValue('');

  // A draft typed but not sent survives a reload (it is kept in the database).
  await box.fill('half-written thought');
  const [incident] = await call<Array<{ id: string }>>('incidents.list', {});
  await expect
    .poll(
      async () =>
        (await call<{ draft: { body: string } | null }>('notes.getDraft', { incidentId: incident!.id })).draft?.body,
    )
    .toBe('half-written thought');
  await page.reload();
  await page.getByRole('list', { name: 'Incidents' }).getByText('API gateway returns 502s').click();
  await expect(noteBox(page)).toHaveValue('half-written thought');
  await expect(page.getByRole('feed').getByText('Gateway pods are OOMKilled')).toBeVisible();

  // Search from anywhere.
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: 'Search' });
  await search.getByLabel('Search notes and timelines').fill('"unbalanced');
  await expect(search.getByRole('alert')).toContainText('closing quote');
  await search.getByLabel('Search notes and timelines').fill('oomk');
  await expect(search.getByRole('option').first().locator('mark')).toHaveText('OOMKilled');
  await page.keyboard.press('Enter');
  await expect(search).toBeHidden();
  await expect(page.locator('.note.highlighted')).toContainText('OOMKilled');

  // The timeline, filtered by kind.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText('Incident declared: API gateway returns 502s')).toBeVisible();
  await timeline.getByRole('group', { name: 'Filter by kind' }).getByRole('button', { name: 'Decision' }).click();
  await expect(timeline.getByText('Roll back the gateway to v1.41')).toBeVisible();
  await expect(timeline.getByText('Gateway pods are OOMKilled')).toBeHidden();
  await timeline.getByRole('button', { name: 'Summary' }).click();
  await timeline.getByLabel('Summary for the report').fill('Rolled back the gateway');
  await page.keyboard.press('Enter');
  await expect(timeline.getByText('Rolled back the gateway', { exact: true })).toBeVisible();
  await timeline.getByRole('group', { name: 'Filter by source' }).getByRole('button', { name: 'Conn' }).click();
  await expect(timeline.getByText('Nothing matches these filters.')).toBeVisible();
  await timeline.getByRole('button', { name: 'clear filters' }).click();
  await expect(timeline.getByText('Gateway pods are OOMKilled')).toBeVisible();
  const inReport = timeline.locator('article.tl-entry', { hasText: 'Users see' }).getByLabel('In report');
  await inReport.click();
  await expect(inReport).not.toBeChecked();
  await page.screenshot({ path: 'out/screenshots/timeline.png' });
});

test('an incident with a few hundred notes of mixed kinds', async ({ page }) => {
  const incident = await call<{ id: string }>('incidents.declare', {
    title: 'Storage outage on the shared hub',
    hub: 'shared',
  });
  const kinds = ['note', 'finding', 'action', 'decision', 'command', 'status'] as const;
  for (let i = 0; i < 300; i++) {
    const kind = kinds[i % 6]!;
    const body =
      kind === 'command'
        ? `$ kubectl -n hub get pvc\nNAME          STATUS   CAPACITY\nhome-nfs-${i}   Bound    ${i % 9}0Gi`
        : kind === 'decision'
          ? `Decided to **${i % 2 ? 'fail over' : 'wait'}** (step ${i}); see ` +
            `[runbook](https://example.org/runbook#${i})`
          : kind === 'finding'
            ? `NFS latency at ${100 + i} ms; \`iostat\` shows the disk saturated`
            : kind === 'status'
              ? `Status ${i}: degraded, users can log in but servers are slow`
              : `Note ${i}: checked ${i % 3 ? 'the dashboards' : 'the logs'} <script>alert(${i})</script>`;
    const note = await call<{ id: string }>('notes.append', {
      incidentId: incident.id,
      body,
      kind,
      ...(i % 25 === 0 ? { share: { slack: true, pagerduty: i % 50 === 0 } } : {}),
    });
    if (i === 290) await call('notes.pin', { noteId: note.id, pinned: true });
  }
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => errors.push(`dialog: ${d.message()}`));
  await page.goto(app.url);
  await page.getByRole('list', { name: 'Incidents' }).getByText('Storage outage on the shared hub').click();
  const feed = page.getByRole('feed');
  await expect(feed.getByText('Status 299: degraded', { exact: false })).toBeVisible();
  // Virtualised: only a window of the 300 notes is in the DOM.
  expect(await feed.locator('article.note').count()).toBeLessThan(60);
  await expect(page.getByText(/100\+ loaded/)).toBeVisible();
  await page.screenshot({ path: 'out/screenshots/notes.png' });
  // Scrolling to the top pages in older notes.
  await expect
    .poll(async () => {
      await feed.evaluate((el) => el.scrollTo(0, 0));
      return page.getByText(/^300 loaded/).count();
    })
    .toBe(1);
  await page.keyboard.press('Control+k');
  await page.getByLabel('Search notes and timelines').fill('saturated OR "fail over"');
  await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('option').first()).toBeVisible();
  await page.screenshot({ path: 'out/screenshots/search.png' });
  // "2" stands for 2, 20-29 and 200-299 in these notes: more words than a search reads, and the overlay says so.
  await page.getByLabel('Search notes and timelines').fill('2');
  await expect(page.getByRole('note')).toContainText('“2…” stands for too many words');
  await page.screenshot({ path: 'out/screenshots/search-capped.png' });
  await page.getByLabel('Search notes and timelines').fill('299');
  await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('option').first()).toBeVisible();
  await expect(page.getByRole('note')).toHaveCount(0);
  expect(errors).toEqual([]);
});
