// `npm run sandbox` end to end: declare from the seeded ticket, first response, trigger PagerDuty (with the Slack
// channel), a shared note, resolve — then ask the simulators what each vendor received, and that it came once.
import { expect, test, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { startSandbox, stopSandbox } from '../helpers/sandbox';
import { tempDir } from '../helpers/tempDir';
import { tokenOf } from '../helpers/http';

let child: ChildProcess;
let url = '';
let control = '';
const dir = tempDir('conn-sandbox-e2e-');

test.beforeAll(async () => {
  const sandbox = await startSandbox(dir.path, 60_000);
  ({ child, url, control } = sandbox);
  expect(sandbox.out).toContain(`data folder: ${dir.path}`);
  expect(sandbox.out).toMatch(/weak storage accepted for the sandbox/);
  expect(sandbox.out).toMatch(/connected: Connected to PagerDuty as Alice Jansen/);
  expect(sandbox.out).toMatch(
    new RegExp(
      'connected: Connected to GitHub as alice-jansen \\(Alice Jansen\\); ' +
        'action items: can write to 2i2c-org\\/infrastructure',
    ),
  );
});

test.afterAll(async () => {
  await stopSandbox(child);
  dir.cleanup();
});

type SimState = {
  pagerduty: {
    incidents: Array<{
      id: string;
      status: string;
      incident_key: string;
      title: string;
      assignments: Array<{ assignee: { id: string } }>;
      service: { id: string };
    }>;
    notes: Record<string, Array<{ content: string }>>;
  };
  freshdesk: {
    conversations: Array<{ ticket_id: number; body: string; private: boolean; incoming: boolean }>;
    tickets: Array<{ id: number; status: number }>;
  };
  slack: {
    channels: Array<{
      name: string;
      is_archived: boolean;
      members: string[];
      messages: Array<{ text: string; thread_ts?: string }>;
    }>;
  };
};
const simState = async (): Promise<SimState> => (await (await fetch(`${control}/state`)).json()) as SimState;
const simRequests = async (q: string): Promise<Array<{ status: number | null }>> =>
  (await (await fetch(`${control}/requests?${q}`)).json()) as Array<{ status: number | null }>;

async function call<T>(op: string, input: unknown): Promise<T> {
  const u = new URL(url);
  const res = await fetch(`${u.origin}/api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenOf(url)}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${op}: ${body.error?.message}`);
  return body.value;
}

const card = (page: Page) => page.getByRole('article', { name: 'Current step' });
const shot = (page: Page, name: string) => page.screenshot({ path: `out/screenshots/sandbox-${name}.png` });

test('walk an incident through the sandbox; each vendor receives exactly what it should, once', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(url);
  await expect(page.getByText('Me: Alice Jansen')).toBeVisible();

  // Declare from the seeded community ticket.
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  await dialog.getByLabel('Title').fill('Users cannot start servers on the Ocean Data hub');
  await dialog.getByLabel(/Hub or community/).fill('ocean-data');
  await dialog.getByLabel(/Freshdesk ticket URL/).fill('https://conn-sim.freshdesk.com/a/tickets/4711');
  await dialog.getByLabel(/start their servers/).check();
  await expect(dialog.getByLabel('Commander')).toHaveValue(/.+/);
  await shot(page, 'declare');
  await dialog.getByLabel('Title').press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users cannot start servers on the Ocean Data hub');
  const [incident] = await call<Array<{ id: string }>>('incidents.list', {});

  // 1. First response on the ticket; the check confirms it from Freshdesk.
  await expect(card(page).getByRole('heading')).toHaveText('Tell the community we are on it');
  await page.keyboard.press('a');
  await expect(card(page).getByRole('list', { name: 'Requests for this step' })).toContainText(
    'Reply on the ticket · sent',
    { timeout: 15_000 },
  );
  await call('checks.run', { incidentId: incident!.id });
  await expect(page.getByRole('list', { name: 'Steps' }).getByRole('button').nth(0)).toHaveClass(/state-done/);

  // 2. Trigger PagerDuty (this runbook also opens the Slack channel).
  await expect(card(page)).toContainText('confirmed by a check');
  await page
    .getByRole('list', { name: 'Steps' })
    .getByRole('button', { name: /Open the PagerDuty incident/ })
    .click();
  await expect(card(page).getByRole('heading')).toHaveText('Open the PagerDuty incident');
  await page.keyboard.press('a');
  const jobs = card(page).getByRole('list', { name: 'Requests for this step' });
  await expect(jobs).toContainText('Open the PagerDuty incident · sent', { timeout: 15_000 });
  await expect(jobs).toContainText('Create the Slack channel · sent', { timeout: 15_000 });
  // PagerDuty accepting the request finishes the step (and makes the incident active); a check has nothing left to ask.
  const checked = await call<{ results: Array<{ check: string; status: string }> }>('checks.run', {
    incidentId: incident!.id,
  });
  expect(checked.results.find((r) => r.check === 'pagerduty_incident_exists')?.status ?? 'confirmed').toBe('confirmed');
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('active');
  await expect(page.getByRole('list', { name: 'Steps' }).getByRole('button').nth(1)).toHaveClass(/state-done/);
  await shot(page, 'pagerduty');

  // 3. A shared note, to Slack and PagerDuty.
  const box = page.getByRole('textbox', { name: 'Note', exact: true });
  await page.getByLabel('Share to Slack').check();
  await page.getByLabel('Share to PagerDuty').check();
  await box.fill('Spawner pods are stuck pending: the node pool hit its quota.');
  await box.press('Enter');
  const feed = page.getByRole('feed');
  await expect(feed).toContainText('Slack: sent', { timeout: 15_000 });
  await expect(feed).toContainText('PagerDuty: sent', { timeout: 15_000 });
  // With all four vendors connected, the top bar at 1280 px still shows the outbox headline whole.
  const headline = page.locator('.outbox-headline');
  await expect(headline).toHaveText(/Online/);
  expect(await headline.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await shot(page, 'note');

  // 4. Resolve the PagerDuty incident from its step.
  await page
    .getByRole('list', { name: 'Steps' })
    .getByRole('button', { name: /Resolve the PagerDuty incident/ })
    .click();
  await expect(card(page).getByRole('heading')).toHaveText(/Resolve the PagerDuty incident/);
  await card(page)
    .getByRole('button', { name: /Resolve in PagerDuty/ })
    .click();
  await expect(card(page).getByRole('list', { name: 'Requests for this step' })).toContainText(
    'Resolve in PagerDuty · sent',
    { timeout: 15_000 },
  );
  await call('checks.run', { incidentId: incident!.id });
  await expect(card(page)).toContainText('confirmed by a check');
  await shot(page, 'resolved');
  await page.getByRole('button', { name: /^Outbox:/ }).click();
  await page.getByLabel('Show sent and discarded').check();
  await shot(page, 'outbox');
  await page.getByRole('button', { name: 'Connections', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Connections/i }).first()).toBeVisible();
  await shot(page, 'connections');

  // What each vendor received, read back from the simulators.
  const s = await simState();
  const pd = s.pagerduty.incidents;
  expect(pd).toHaveLength(1);
  expect(pd[0]).toMatchObject({
    status: 'resolved',
    incident_key: `conn-${incident!.id}`,
    title: 'Users cannot start servers on the Ocean Data hub',
    service: { id: 'PSVC004' },
  }); // the runbook's Managed JupyterHubs, not the default service
  expect(pd[0]!.assignments.length === 0 || pd[0]!.assignments[0]!.assignee.id === 'PALICE1').toBe(true);
  const notes = s.pagerduty.notes[pd[0]!.id] ?? [];
  expect(notes.map((n) => n.content.split('\n')[0])).toEqual([
    'Spawner pods are stuck pending: the node pool hit its quota.',
  ]);

  const replies = s.freshdesk.conversations.filter((c) => c.ticket_id === 4711 && !c.incoming);
  expect(replies).toHaveLength(1);
  expect(replies[0]!.private).toBe(false);
  expect(replies[0]!.body).toMatch(/Thank you for reporting this/);
  expect(replies[0]!.body).toMatch(/<!-- \[conn:[^\]]+\] -->$/);

  const ch = s.slack.channels.filter((c) => !c.is_archived && c.name.startsWith('inc-'));
  expect(ch).toHaveLength(1);
  expect(ch[0]!.name).toMatch(/^inc-\d{8}-ocean-data$/);
  expect(ch[0]!.members).toEqual(expect.arrayContaining(['U0ALICE01', 'U0BOB0001', 'U0BOTUSER']));
  expect(ch[0]!.messages.map((m) => m.text)).toEqual(['Spawner pods are stuck pending: the node pool hit its quota.']);
  expect(ch[0]!.messages[0]!.thread_ts).toBeUndefined();

  // Once each: the simulators' request log agrees.
  expect(await simRequests('vendor=pagerduty&method=POST&path=/incidents')).toHaveLength(1);
  expect(await simRequests('vendor=slack&path=/api/conversations.create')).toHaveLength(1);
  expect(await simRequests('vendor=slack&path=/api/chat.postMessage')).toHaveLength(1);
  expect(await simRequests('vendor=freshdesk&method=POST&path=/api/v2/tickets/4711/reply')).toHaveLength(1);
});

const writeAReportFor =
  'write a report for a past incident: built from PagerDuty with its Slack thread, then in the register and its CSV';
test(writeAReportFor, async ({ page }) => {
  test.setTimeout(90_000);
  const seed = await fetch(`${control}/past-incident`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ daysAgo: 20, hub: 'leap', title: 'LEAP hub unreachable' }),
  });
  const past = (await seed.json()) as { pagerdutyId: string; channelId: string; channelName: string };
  const post = async (text: string, thread_ts?: string) =>
    (await (
      await fetch(`${control}/slack/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: past.channelId, user: 'U0CHEN001', text, ...(thread_ts ? { thread_ts } : {}) }),
      })
    ).json()) as { ts: string };
  const parent = await post('The proxy pod is crash-looping');
  await post('Restarting it with more memory fixed it', parent.ts);

  await page.goto(url);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  const pastSection = page.getByRole('region', { name: 'Reports for past incidents' });
  await pastSection.getByRole('button', { name: /PagerDuty incidents without a report/ }).click();
  const debt = pastSection.getByRole('list', { name: 'Report debt from PagerDuty' });
  await expect(debt).toContainText('LEAP hub unreachable');
  await shot(page, 'past-incidents');
  await debt
    .getByRole('listitem')
    .filter({ hasText: 'LEAP hub unreachable' })
    .getByRole('button', { name: 'Start' })
    .click();

  // The incident opens, built from the record: its timeline has the Slack thread reply.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('LEAP hub unreachable', { timeout: 20_000 });
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByText('Restarting it with more memory fixed it')).toBeVisible();
  await expect(page.getByText('The proxy pod is crash-looping')).toBeVisible();
  await shot(page, 'past-incident-timeline');

  // The register lists it with its figures; the CSV has the same ones.
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  const row = page.getByRole('region', { name: 'Outage register' }).getByRole('row', { name: /LEAP hub unreachable/ });
  await expect(row).toContainText('P1');
  await expect(row).toContainText('1h 35m'); // resolved 95 minutes after it began
  const reg = await call<{ rows: Array<{ title: string; severity: string; timeToResolveMs: number | null }> }>(
    'register.list',
    {},
  );
  const listed = reg.rows.find((r) => r.title === 'LEAP hub unreachable')!;
  expect([listed.severity, listed.timeToResolveMs]).toEqual(['P1', expect.any(Number)]);
  const csv = await call<{ csv: string }>('register.csv', {});
  const [head, ...lines] = csv.csv.trim().split('\r\n');
  const cols = head!.split(',');
  const line = lines.find((l) => l.includes('LEAP hub unreachable'))!.split(',');
  expect(line[cols.indexOf('severity')]).toBe('P1');
  expect(line[cols.indexOf('resolve_minutes')]).toBe(String(Math.round(listed.timeToResolveMs! / 60_000)));
});
