// The outage register in the web shell: incidents with their figures from the record, a month chart, filters, a CSV
// with the same figures; and a report's citations opening their entries on the timeline.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { serveForFile } from './serveFile';

const app = serveForFile();
const m = 60_000;

function seed(incidentId: string, declaredAt: number) {
  const db = new Database(join(app.dataDir, 'conn.sqlite'));
  const event = db.prepare(
    `INSERT INTO timeline_events (id, incident_id, at, source, kind, body, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  event.run(
    `pd-${incidentId}`,
    incidentId,
    declaredAt + m,
    'pagerduty',
    'log.trigger',
    'Triggered: P1 hub down',
    declaredAt,
  );
  event.run(
    `fd-${incidentId}`,
    incidentId,
    declaredAt + 7 * m,
    'freshdesk',
    'conversation.reply',
    'We are on it',
    declaredAt,
  );
  db.prepare(
    `INSERT INTO notes (id, incident_id, created_at, kind, body, author) VALUES (?, ?, ?, 'finding', ?, 'Sam Lee')`,
  ).run(`n-${incidentId}`, incidentId, declaredAt + 4 * m, 'The user node pool is at its maximum');
  db.close();
}

test('the register lists incidents with their figures, filters them and exports the same figures as CSV', async ({
  page,
}) => {
  const a = await app.call<{ id: string; declaredAt: string }>('incidents.declare', {
    title: 'Servers do not start',
    hub: 'uw-hub',
  });
  await app.call('incidents.declare', { title: 'Slow logins', hub: 'ocean-data' });
  const start = Date.parse(a.declaredAt);
  seed(a.id, start);
  await app.call('report.update', { incidentId: a.id, patch: { impactEnd: new Date(start + 95 * m).toISOString() } });

  await page.goto(app.url);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  const screen = page.getByRole('region', { name: 'Outage register' });
  const row = screen.getByRole('row', { name: /Servers do not start/ });
  await expect(row).toContainText('uw-hub');
  await expect(row).toContainText('P1');
  await expect(row).toContainText('1h 35m');
  await expect(row).toContainText('7m');
  await expect(screen.getByRole('img', { name: 'Incidents per month' })).toBeVisible();
  await page.screenshot({ path: 'out/screenshots/register.png' });

  await screen.getByRole('combobox', { name: /Severity/ }).selectOption('P1');
  await expect(screen.getByRole('row', { name: /Slow logins/ })).toHaveCount(0);
  await expect(row).toBeVisible();

  const download = page.waitForEvent('download');
  await screen.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv).toHaveLength(2);
  const cells = Object.fromEntries(csv[0]!.split(',').map((h, i) => [h, csv[1]!.split(',')[i]]));
  expect(cells).toMatchObject({
    incident_id: a.id,
    hub: 'uw-hub',
    severity: 'P1',
    duration_minutes: '95',
    first_reply_minutes: '7',
  });

  // The duration opens the incident's report, where it is set; the report's citations open their timeline entries.
  await row.getByRole('button', { name: /^Duration 1h 35m: open the report/ }).click();
  await expect(page.getByRole('tab', { name: 'Report' })).toHaveAttribute('aria-selected', 'true');
  const proposal = page.getByLabel('Proposed What Happened');
  await expect(proposal).toContainText('a finding was recorded: The user node pool is at its maximum.');
  await page.screenshot({ path: 'out/screenshots/report-citations.png' });
  await proposal
    .getByRole('button', { name: /^Source: .*The user node pool is at its maximum$/ })
    .first()
    .click();
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.tl-entry.highlighted')).toContainText('The user node pool is at its maximum');
});

test('a figure in the register opens the timeline at the entry it came from', async ({ page }) => {
  const a = await app.call<{ id: string; declaredAt: string }>('incidents.declare', {
    title: 'Evidence of a first reply',
    hub: 'uw-hub',
  });
  seed(a.id, Date.parse(a.declaredAt));

  await page.goto(app.url);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  const row = page.getByRole('region', { name: 'Outage register' }).getByRole('row', { name: /Evidence of a first/ });
  await row.getByRole('button', { name: /^First reply 7m: open its evidence/ }).click();
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.tl-entry.highlighted')).toContainText('We are on it');
});
