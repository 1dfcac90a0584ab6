// The report tab end to end in the web shell: proposals, editing, action items, review warnings, export.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PDFParse } from 'pdf-parse';
import { serveForFile } from './serveFile';

const app = serveForFile();

/** Notes (each its own timeline entry) with report summaries, written straight into the data file. */
function seedSession(incidentId: string, declaredAt: number) {
  const db = new Database(join(app.dataDir, 'conn.sqlite'));
  const add = db.prepare(
    `INSERT INTO notes (id, incident_id, created_at, kind, body, author, summary) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const m = 60_000;
  add.run(
    's1',
    incidentId,
    declaredAt + 4 * m,
    'finding',
    'kubectl get nodes shows the user pool at its maximum of 3 nodes',
    'Sam Lee',
    null,
  );
  add.run(
    's2',
    incidentId,
    declaredAt + 11 * m,
    'decision',
    'long discussion',
    'Sam Lee',
    'Raise the user node pool maximum to 6',
  );
  add.run(
    's3',
    incidentId,
    declaredAt + 26 * m,
    'status',
    'New servers start in under a minute again',
    'Sam Lee',
    null,
  );
  db.prepare("UPDATE incidents SET status = 'resolved' WHERE id = ?").run(incidentId);
  db.close();
}

test('write the report: accept a proposal, add an action item, mark Reviewed, export', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByText('No incidents yet')).toBeVisible();
  await page.keyboard.press('n');
  await page.getByLabel('Title').fill('Users cannot start servers on the staging hub');
  await page.getByLabel(/Hub or community/).fill('staging');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users cannot start servers on the staging hub');
  const [incident] = await app.call<Array<{ id: string; declaredAt: string }>>('incidents.list', {});
  seedSession(incident!.id, Date.parse(incident!.declaredAt));
  await page.reload();
  await page
    .getByRole('button', { name: /Users cannot start servers/ })
    .first()
    .click();
  await expect(page.getByRole('region', { name: 'Reports to finish' })).toContainText('Users cannot start servers');
  await page.getByRole('tab', { name: 'Report' }).click();

  const proposal = page.getByLabel('Proposed What Happened');
  await expect(proposal).toContainText('the team decided: Raise the user node pool maximum to 6.');
  // Each sentence carries its sources as small links to the timeline.
  await expect(
    proposal.getByRole('button', { name: /^Source: .*Raise the user node pool maximum to 6$/ }).first(),
  ).toBeVisible();
  await proposal.getByRole('button', { name: 'Accept' }).click();
  await expect(proposal).toHaveCount(0);

  await page.getByLabel('Owner of the review').fill('Incident Commander');
  await page.getByLabel('Owner of the review').press('Enter');
  const lucky = page.getByRole('textbox', { name: 'Where we got lucky' });
  await lucky.fill('The community reported it during **working hours** for most of the team.');
  await lucky.press('Control+s');
  // Resolution has a proposal too (the decision after the finding): edit it instead of accepting it.
  await page.getByLabel('Proposed Resolution').getByRole('button', { name: 'Edit' }).click();
  await page
    .getByRole('textbox', { name: 'Resolution' })
    .fill('Sam forgot to raise the node pool limit after the last course started.');
  await page.getByRole('textbox', { name: 'Resolution' }).blur();
  await expect(page.getByText('Saved').first()).toBeVisible();

  await page.getByLabel('New item: what needs to happen').fill('Alert when a node pool reaches 80% of its maximum');
  await page.getByLabel('New item: definition of done').fill('A test alert reaches #alerts');
  await page.getByLabel('New item: GitHub issue').fill('https://github.com/example/infrastructure/pull/9');
  await expect(page.getByText(/Use a link like/)).toBeVisible();
  await page.getByLabel('New item: GitHub issue').fill('https://github.com/example/infrastructure/issues/4567');
  await page.getByLabel('New item: GitHub issue').press('Enter');
  await expect(page.getByLabel('What needs to happen', { exact: true })).toHaveValue(
    'Alert when a node pool reaches 80% of its maximum',
  );

  await page.getByRole('button', { name: 'Reviewed', exact: true }).click();
  // The fact check refuses Reviewed while findings are open; the commander overrides with a reason.
  const check = page.getByRole('region', { name: 'Fact check' });
  await expect(check).toContainText('Not marked Reviewed');
  await expect(check).toContainText('is empty');
  await page.locator('.report').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: 'out/screenshots/report-findings.png' });
  await check.getByRole('textbox').fill('Reviewed with the team in the retro');
  await check.getByRole('button', { name: 'Override and mark Reviewed' }).click();
  const warnings = page.getByRole('status', { name: 'Review warnings' });
  await expect(warnings).toContainText('points at Sam');
  await expect(warnings).toContainText('Nothing in our process made sure we would raise the node pool limit');
  await expect(page.getByRole('button', { name: 'Reviewed', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // The web shell saves into Conn's reports folder and hands the file to the browser as a download.
  const fileName = /^\d{4}-\d{2}-\d{2}-staging-users-cannot-start-servers-on-the-staging-hub\.md$/;
  let download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Markdown' }).click();
  expect((await download).suggestedFilename()).toMatch(fileName);
  const md = readFileSync(await (await download).path(), 'utf8');
  expect(md).toMatch(/^---\ntitle: "Users cannot start servers/);
  // The accepted proposal's citations are footnotes.
  expect(md).toMatch(/the team decided: Raise the user node pool maximum to 6\. \[\^\d+\]/);
  expect(md).toMatch(/\n\[\^\d+\]: \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(UTC\) — Raise the user node pool maximum to 6\n/);
  // One toast names the file, stays in view however far the report is scrolled, and offers the download again.
  const toast = page.getByRole('status', { name: 'Export' });
  await expect(toast).toContainText(/Saved \d{4}-\d{2}-\d{2}-staging-.*\.md \(downloaded by your browser\)/);
  await expect(toast).toBeInViewport();
  await expect(page.getByText(/Saved \d{4}-\d{2}-\d{2}-staging-/)).toHaveCount(1);
  download = page.waitForEvent('download');
  await toast.getByRole('button', { name: 'Download again' }).click();
  expect((await download).suggestedFilename()).toMatch(fileName);
  // Again: the file exists, so nothing is replaced until asked; the failure replaces the toast, never stacks on it.
  await page.getByRole('button', { name: 'Markdown' }).click();
  await expect(page.getByRole('alert')).toContainText('already exists. Nothing was written');
  await expect(toast).toHaveCount(0);
  download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Replace it' }).click();
  expect((await download).suggestedFilename()).toMatch(fileName);
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The web shell makes a real PDF, drawn on the server.
  await page.getByRole('textbox', { name: 'Where we got lucky' }).scrollIntoViewIfNeeded();
  download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'PDF' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toMatch(
    /^\d{4}-\d{2}-\d{2}-staging-users-cannot-start-servers-on-the-staging-hub\.pdf$/,
  );
  await expect(toast).toContainText(/Saved .*\.pdf/);
  await expect(toast).toBeInViewport();
  const bytes = readFileSync(await pdf.path());
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  const text = (await parser.getText()).text.replace(/\s+/g, ' ');
  await parser.destroy();
  for (const expected of [
    'Users cannot start servers on the staging hub',
    'Overview',
    'What Happened',
    'the team decided: Raise the user node pool maximum to 6. [',
    'The community reported it during working hours for most of the team.',
    'Alert when a node pool reaches 80% of its maximum',
    'Done when: A test alert reaches #alerts',
    'example/infrastructure#4567',
    'Timeline',
  ]) {
    expect(text).toContain(expected);
  }
  // What Happened, with times and numbered citations; the cited entries listed under Sources.
  expect(text).toMatch(/At \d{2}:\d{2}, a finding was recorded: kubectl get nodes shows the user pool .*\[\d+\]/);
  expect(text).not.toContain('[^e:');
  expect(text).toMatch(/Sources .*\[\d+\] \d{4}-\d{2}-\d{2} \d{2}:\d{2} — Raise the user node pool maximum to 6/);
  expect(text).toMatch(/Timeline \w+day, \d{1,2} \w+ \d{4} \d{2}:\d{2} Incident declared/);
  await toast.getByRole('button', { name: 'Dismiss' }).click();
  await expect(toast).toHaveCount(0);
  await page.locator('.report').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: 'out/screenshots/report.png', fullPage: false });
  await page.getByRole('textbox', { name: 'Where we got lucky' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'out/screenshots/report-sections.png' });
  await page.getByRole('heading', { name: 'Timeline', exact: true }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'out/screenshots/report-items.png' });
});
