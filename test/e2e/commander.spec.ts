// Issue 17, the commander's walk: status follows the record, honest status updates, note kinds that do not stick,
// keys that never do two things, human labels, and the small things (favicon, wrapping, pinned strip, working hours).
// One web shell against the vendor simulators; screenshots go to the test's output folder.
import { expect, test, type Page } from '@playwright/test';
import { SIM_FROM_EMAIL, SIM_TICKET_ID, startSimulators, type Simulators } from '../simulators';
import { serve, type Served } from './serve';

let sim: Simulators;
let app: Served;
const TICKET = `https://conn-sim.freshdesk.com/a/tickets/${SIM_TICKET_ID}`;
const call = <T>(op: string, input: unknown): Promise<T> => app.call<T>(op, input);

test.beforeAll(async () => {
  sim = await startSimulators();
  app = await serve({
    CONN_PAGERDUTY_URL: sim.urls.pagerduty,
    CONN_FRESHDESK_URL: sim.urls.freshdesk,
    CONN_SLACK_URL: sim.urls.slack,
  });
  await call('integrations.save', {
    vendor: 'pagerduty',
    config: { fromEmail: SIM_FROM_EMAIL, defaultServiceId: 'PSVC001' },
    token: sim.tokens.pagerduty,
  });
  await call('integrations.save', { vendor: 'slack', config: {}, token: sim.tokens.slack });
});
test.afterAll(async () => {
  await app?.stop();
  await sim?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });
const noteBox = (page: Page) => page.getByRole('textbox', { name: 'Note', exact: true });

async function declared(title: string, extra: Record<string, unknown> = {}) {
  const alice = await call<{ id: string }>('people.save', {
    name: `Alice ${title.slice(0, 6)}`,
    timezone: 'Europe/Amsterdam',
    pagerdutyUserId: 'PALICE1',
    slackUserId: 'U0ALICE01',
  });
  return call<{ id: string }>('incidents.declare', {
    title,
    hub: 'ocean-data',
    ticketUrl: TICKET,
    commander: alice.id,
    ...extra,
  });
}

async function open(page: Page, title: string) {
  await page.goto(app.url);
  await page.getByRole('list', { name: 'Incidents' }).getByText(title).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

test('1, 6, 10: status follows PagerDuty, Next: is the real next step, impact end proposed, labels in words', async ({
  page,
}) => {
  const title = 'Users cannot start servers';
  const inc = await declared(title);
  await open(page, title);
  const status = page.getByLabel('Status', { exact: true });
  await expect(status).toHaveValue('declared');

  // 10: the PagerDuty step says what Conn does, and keeps the manual way as the fallback.
  await page
    .getByRole('list', { name: 'Steps' })
    .getByRole('button', { name: /Open the PagerDuty incident/ })
    .click();
  const card = page.getByRole('article', { name: 'Current step' });
  await expect(card).toContainText('Conn opens the PagerDuty incident');
  await expect(card).toContainText('If Conn cannot reach PagerDuty, do it by hand');
  await page.keyboard.press('a');
  // 6: requests in words, not "pagerduty: createIncident".
  await expect(card.getByRole('list', { name: 'Requests for this step' })).toContainText(
    'Open the PagerDuty incident · sent',
    { timeout: 20_000 },
  );
  // 1: PagerDuty has it: the step is done, the incident active, and the sidebar's Next moved on.
  await expect(status).toHaveValue('active', { timeout: 10_000 });
  await expect(
    page.getByRole('list', { name: 'Steps' }).getByRole('button', { name: /Open the PagerDuty incident/ }),
  ).toHaveClass(/state-done/);
  const list = page.getByRole('list', { name: 'Incidents' });
  await expect(list).not.toContainText('Next: Open the PagerDuty incident');
  await expect(list).toContainText('Next: Tell the community we are on it');
  const draft = await call<{ brief: string }>('handoff.draft', { incidentId: inc.id });
  expect(draft.brief).not.toMatch(/Status: declared/);
  await shot(page, 'status-active');

  // Resolving in PagerDuty resolves the incident; no Next: on a resolved incident.
  await page
    .getByRole('list', { name: 'Steps' })
    .getByRole('button', { name: /Resolve the PagerDuty incident/ })
    .click();
  await page.keyboard.press('a');
  await expect(status).toHaveValue('resolved', { timeout: 20_000 });
  await expect(list.getByRole('listitem').filter({ hasText: title })).not.toContainText('Next:');

  // Every automatic change is on the timeline, in words; kinds never broken mid-word.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline).toContainText('declared → active (automatic');
  await expect(timeline).toContainText('active → resolved (automatic');
  await expect(timeline).toContainText('Queued: Trigger the PagerDuty incident (PagerDuty, Slack)');
  await expect(timeline.locator('.kind-badge', { hasText: 'Status changed' }).first()).toBeVisible();
  await expect(timeline).not.toContainText('status_changed');
  await expect(timeline).not.toContainText('pagerduty.createIncident');
  const badge = timeline.locator('.kind-badge', { hasText: 'Action queued' }).first();
  // One word per line at most: "Action" and "queued" each whole (no mid-word break makes a line of a word's part).
  const lines = await badge.evaluate((el) => {
    const r = document.createRange();
    const text = el.firstChild!;
    const tops = new Set<number>();
    for (let i = 0; i < (text.textContent ?? '').length; i++) {
      r.setStart(text, i);
      r.setEnd(text, i + 1);
      const box = r.getBoundingClientRect();
      if (box.width > 0) tops.add(Math.round(box.top));
    }
    return tops.size;
  });
  expect(lines).toBeLessThanOrEqual(2);
  await shot(page, 'timeline-labels');

  // The report header proposes the impact end; Accept records it and the duration follows.
  await page.getByRole('tab', { name: 'Report' }).click();
  const proposal = page.locator('.impact-end-proposal');
  await expect(proposal).toContainText('Proposed impact end');
  await shot(page, 'impact-end-proposal');
  await proposal.getByRole('button', { name: 'Accept' }).click();
  await expect(proposal).toBeHidden();
  await expect(page.getByLabel('Duration')).not.toContainText('Set the impact end');

  // By hand it can always be overridden.
  await page.getByRole('tab', { name: 'Work' }).click();
  await status.selectOption('active');
  const confirm = page.getByRole('button', { name: /Reopen|Confirm/ });
  if (await confirm.isVisible().catch(() => false)) await confirm.click();
  await expect(status).toHaveValue('active');
});

const t2TheStatusUpdate =
  '2: the status update lists only community-facing next steps, shows where a placeholder is, and explains Send';
test(t2TheStatusUpdate, async ({ page }) => {
  const title = 'Kernels die on start';
  const inc = await declared(title);
  await open(page, title);
  await page.keyboard.press('u');
  const dialog = page.getByRole('dialog', { name: 'Status update' });
  const text = dialog.getByRole('textbox');
  await expect(text).toHaveValue(/What we are doing next:/);
  const value = await text.inputValue();
  expect(value).toContain('We are investigating the cause and working on a fix.');
  for (const internal of [
    'Resolve the PagerDuty incident',
    'Close the Freshdesk ticket',
    'Write the incident report',
    'Open the PagerDuty incident',
  ]) {
    expect(value).not.toContain(internal);
  }
  // {{current_state}} is unfilled: shown where it is, and Send says why it cannot send.
  await expect(dialog.getByRole('list', { name: 'Placeholders to fill' })).toContainText('Current state');
  const send = dialog.getByRole('button', { name: /Send update/ });
  await expect(send).toHaveAttribute('aria-disabled', 'true');
  await expect(dialog.locator('#send-blocked-reason')).toContainText('{{current_state}}');
  expect(await send.evaluate((el) => getComputedStyle(el).opacity)).not.toBe('1');
  await text.press('Control+Enter');
  await expect(dialog.getByRole('alert')).toContainText('Not sent yet');
  // Ctrl+Enter put the caret on the placeholder: typing replaces it; again for the next one.
  await page.keyboard.type('Spawns fail for every user; we are rolling back the image.');
  while ((await send.getAttribute('aria-disabled')) === 'true') {
    await text.press('Control+Enter');
    await page.keyboard.type('- Restarted the hub');
  }
  await expect(send).toHaveAttribute('aria-disabled', 'false');
  await shot(page, 'status-update');
  await text.press('Control+Enter');
  await expect(dialog.getByText(/Recorded\. Queued for the ticket/)).toBeVisible();
  await page.keyboard.press('Escape');

  // The report's timeline shows what the update said, not "Hello,".
  const report = await call<{ timeline: Array<{ text: string }> }>('report.get', { incidentId: inc.id });
  const line = report.timeline.find((l) => l.text.includes('Spawns fail for every user'));
  expect(line?.text).not.toMatch(/^Hello,?$/);
  expect(report.timeline.some((l) => l.text.trim() === 'Hello,')).toBe(false);
});

test('3, 5: kind resets after each note, a typed prefix sets it once; keys never do two things', async ({ page }) => {
  const title = 'Dask clusters fail';
  const inc = await declared(title);
  await open(page, title);
  const box = noteBox(page);
  const kind = page.getByRole('radiogroup', { name: 'Kind' });
  await box.click();
  await page.keyboard.press('Alt+2');
  await expect(kind.getByRole('radio', { name: 'Finding' })).toHaveAttribute('aria-checked', 'true');
  await box.fill('Gateway pods are OOMKilled');
  await box.press('Enter');
  await expect(kind.getByRole('radio', { name: 'Note', exact: true })).toHaveAttribute('aria-checked', 'true');
  await box.fill('checking the scheduler logs');
  await box.press('Enter');
  await box.fill('Decision: roll back the gateway');
  // Alt+S / Alt+D toggle sharing from the box.
  await box.press('Alt+s');
  await expect(page.getByLabel('Share to Slack')).toBeChecked();
  await box.press('Alt+s');
  await expect(page.getByLabel('Share to Slack')).not.toBeChecked();
  await box.press('Alt+d');
  await expect(page.getByLabel('Share to PagerDuty')).toBeChecked();
  await box.press('Enter');
  const feed = page.getByRole('feed');
  // No one is "me" in this shell: the notes are unsigned.
  const decision = feed.getByRole('article', { name: /^Decision/ });
  await expect(decision).toContainText('roll back the gateway');
  // Sharing before PagerDuty has the incident fails in words, without the job's raw kind (pagerduty.addNote).
  await expect(decision.locator('.share-chip')).toContainText('PagerDuty: failed: There is no PagerDuty incident', {
    timeout: 20_000,
  });
  await expect(decision).not.toContainText('pagerduty.addNote');
  await expect(feed.getByRole('article', { name: /^Note/ })).toContainText('checking the scheduler logs');
  const notes = await call<{ items: Array<{ kind: string; body: string }> }>('notes.list', {
    incidentId: inc.id,
    limit: 10,
  });
  expect(notes.items.map((n) => [n.kind, n.body])).toEqual([
    ['finding', 'Gateway pods are OOMKilled'],
    ['note', 'checking the scheduler logs'],
    ['decision', 'roll back the gateway'],
  ]);
  const jobs = await call<Array<{ kind: string; payload: { content?: string } }>>('outbox.list', {
    incidentId: inc.id,
  });
  const pdNote = jobs.find((j) => j.kind === 'pagerduty.addNote')!;
  expect(pdNote.payload.content).toBe('Decision: roll back the gateway');

  // 5: single letters type in the box; Esc leaves it; then U opens the update.
  await box.click();
  await page.keyboard.type('up');
  await expect(box).toHaveValue('up');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(box).not.toBeFocused();
  await box.fill('');
  await page.keyboard.press('Escape');

  // A focused note: Shift+P pins it and opens nothing; P opens the roster and pins nothing.
  await decision.focus();
  await page.keyboard.press('Shift+P');
  await expect(page.getByRole('list', { name: 'Pinned notes' })).toContainText('roll back the gateway');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await decision.focus();
  await page.keyboard.press('p');
  await expect(page.getByRole('dialog', { name: 'People' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('list', { name: 'Pinned notes' })).toContainText('roll back the gateway');

  // 9: the pinned strip does not cover the top note.
  const strip = await page.getByRole('list', { name: 'Pinned notes' }).boundingBox();
  const scroller = await feed.boundingBox();
  expect(scroller!.y).toBeGreaterThanOrEqual(strip!.y + strip!.height - 1);
  await shot(page, 'notes-pinned');

  // A focused timeline entry: I toggles In report and opens nothing; R opens the roles.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const entry = page.locator('.tl-entry').first();
  await entry.focus();
  const was = (await entry.getAttribute('class'))?.includes('excluded') ?? false;
  await page.keyboard.press('i');
  await expect(entry).toHaveClass(was ? /^(?!.*excluded)/ : /excluded/);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('r');
  await expect(page.getByRole('dialog', { name: 'Roles' })).toBeVisible();
  await page.keyboard.press('Escape');

  // ? shows the keyboard map.
  await page.keyboard.press('?');
  const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(keys).toContainText('Shift+P');
  await expect(keys).toContainText('Alt+S');
  await expect(keys).toContainText('Alt+↑');
  await expect(keys).not.toContainText('ArrowDown'); // keys as printed on them, not event names
  // It opens at its top: the title and Close are in view (Close used to sit at the bottom, and focusing it on open
  // scrolled the title and the global keys out of sight).
  await expect(keys.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeInViewport();
  await expect(keys.getByRole('button', { name: /Close/ })).toBeFocused();
  await expect(keys.getByRole('button', { name: /Close/ })).toBeInViewport();
  await shot(page, 'keymap');
  await page.keyboard.press('Escape');
  await expect(keys).toBeHidden();
});

test('9: no 404s (favicon), the Status update button on one line, no working-hours warning without hours', async ({
  page,
}) => {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  const title = 'Hub login loops';
  const inc = await declared(title);
  // A zone where it is about 3 a.m. now: outside any nine-to-five, so a guessed default would warn (it must not).
  let offset = (3 - new Date().getUTCHours() + 24) % 24;
  if (offset > 14) offset -= 24;
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const night = await call<{ id: string }>('people.save', { name: 'Nora Nights', timezone: zone });
  await open(page, title);
  await expect(page.getByRole('article', { name: 'Current step' })).toBeVisible();
  const icon = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? null);
  expect(icon).toMatch(/favicon\.svg$/);
  expect((await page.request.get(icon!)).status()).toBe(200);
  // The old default: nothing links it now.
  expect((await page.request.get(new URL('/favicon.ico', app.url).href)).status()).toBe(404);
  expect(missing).toEqual([]);

  const button = page.getByRole('button', { name: /Status update/ });
  const lineHeight = await button.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
  const box = await button.boundingBox();
  expect(box!.height).toBeLessThan(lineHeight * 2);
  await page.setViewportSize({ width: 900, height: 700 });
  const narrow = await button.boundingBox();
  expect(narrow!.height).toBeLessThan(lineHeight * 2);
  await shot(page, 'narrow-header');

  const draft = await call<{
    candidates: Array<{ personId: string; outsideWorkingHours: boolean }>;
    warnings: string[];
  }>('handoff.draft', {
    incidentId: inc.id,
    toPersonId: night.id,
  });
  expect(draft.candidates.find((c) => c.personId === night.id)?.outsideWorkingHours).toBe(false);
  expect(draft.warnings.join(' ')).not.toMatch(/outside their working hours/);
});
