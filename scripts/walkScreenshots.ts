// `npm run screenshots`: walks a whole incident through the web shell against the vendor simulators, in Chromium,
// and saves a PNG of each stage into docs/walk/ (linked from the README): declare → first response → trigger →
// notes → outage → update → handoff → take-over (a second Conn) → resolve → report → PDF, then the fact check, the
// keyboard map, the Register and the Hubs screen. The first Conn has the hub registry of the test fixtures and probes
// the hub simulator, so the incident's blast radius and health strip show a hub going down during the outage.
// Needs `npm run build` first (the screens) and Chromium (CONN_CHROMIUM, default /usr/bin/chromium); the PDF page
// is drawn with pdftoppm (Debian: poppler-utils) when it is installed.
import { chromium, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { serve, type Served } from '../test/e2e/serve';
import { SIM_FROM_EMAIL, SIM_TICKET_ID, startSimulators, type Simulators } from '../test/simulators';
import { startHubSimulator } from '../test/simulators/hubs';

const outDir = join(process.cwd(), 'docs', 'walk');
const TICKET = `https://conn-sim.freshdesk.com/a/tickets/${SIM_TICKET_ID}`;
const say = (line: string) => process.stdout.write(`[walk] ${line}\n`);

async function connect(app: Served, sim: Simulators, me: 'alice' | 'bob') {
  await app.call('integrations.save', {
    vendor: 'pagerduty',
    config: { fromEmail: SIM_FROM_EMAIL, defaultServiceId: 'PSVC002' },
    token: sim.tokens.pagerduty,
  });
  await app.call('integrations.save', {
    vendor: 'freshdesk',
    config: { domain: 'conn-sim.freshdesk.com' },
    token: sim.tokens.freshdesk,
  });
  await app.call('integrations.save', {
    vendor: 'slack',
    config: { channelPattern: 'inc-YYYYMMDD-<hub>' },
    token: sim.tokens.slack,
  });
  const alice = await app.call<{ id: string }>('people.save', {
    name: 'Alice Jansen',
    timezone: 'Europe/Amsterdam',
    pagerdutyUserId: 'PALICE1',
    slackUserId: 'U0ALICE01',
    freshdeskAgentId: '770001',
  });
  const bob = await app.call<{ id: string }>('people.save', {
    name: 'Bob Okafor',
    timezone: 'Africa/Lagos',
    pagerdutyUserId: 'PBOB001',
    slackUserId: 'U0BOB0001',
    freshdeskAgentId: '770002',
  });
  await app.call('people.save', {
    name: 'Chen Wei',
    timezone: 'Asia/Shanghai',
    pagerdutyUserId: 'PCHEN01',
    slackUserId: 'U0CHEN001',
  });
  await app.call('people.setMe', { personId: me === 'alice' ? alice.id : bob.id });
}

/** Waits until the condition holds (polling), or fails with what was awaited. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function main() {
  const executablePath = process.env.CONN_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: set CONN_CHROMIUM`);
  if (!existsSync(join(process.cwd(), 'out', 'renderer', 'index.html')))
    throw new Error('the screens are not built: run `npm run build` first');
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(outDir)) if (f.endsWith('.png')) rmSync(join(outDir, f)); // the set is always one walk's
  const sim = await startSimulators();
  const env = {
    CONN_PAGERDUTY_URL: sim.urls.pagerduty,
    CONN_FRESHDESK_URL: sim.urls.freshdesk,
    CONN_SLACK_URL: sim.urls.slack,
  };
  const hubs = await startHubSimulator();
  const a = await serve({ ...env, CONN_HUB_PROBE_URL: hubs.probeBase });
  const b = await serve(env);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  let n = 0;
  const shot = async (page: Page, name: string) => {
    const file = join(outDir, `${String(++n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    say(`saved ${file}`);
  };
  try {
    await connect(a, sim, 'alice');
    await a.call('health.saveSettings', { referenceUrl: hubs.referenceUrl });
    await a.call('registry.import', { folder: hubs.registryDir });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const card = page.getByRole('article', { name: 'Current step' });
    const steps = page.getByRole('list', { name: 'Steps' });

    // Declare from the community's ticket.
    await page.goto(a.url);
    await page.getByText('Me: Alice Jansen').waitFor();
    await page.keyboard.press('n');
    const declare = page.getByRole('dialog', { name: 'Declare an incident' });
    await declare.getByLabel('Title').fill('Users cannot start servers on the Ocean Data hub');
    await declare.getByLabel(/Hub or community/).fill('ocean-data');
    await declare.getByLabel(/Freshdesk ticket URL/).fill(TICKET);
    await declare.getByLabel(/start their servers/).check();
    await declare.getByLabel(/Scope \(blast radius\)/).selectOption('cluster:seaweed');
    await shot(page, 'declare');
    await declare.getByLabel('Title').press('Enter');
    await page.getByRole('heading', { level: 1 }).waitFor();
    const [incident] = await a.call<Array<{ id: string }>>('incidents.list', {});
    const incidentId = incident!.id;

    // First response on the ticket, confirmed by its check.
    await page.keyboard.press('a');
    await card
      .getByRole('list', { name: 'Requests for this step' })
      .getByText(/sent/)
      .first()
      .waitFor({ timeout: 15_000 });
    await a.call('checks.run', { incidentId });
    await a.call('health.probeNow', { incidentId });
    await shot(page, 'first-response');

    // Trigger PagerDuty (the runbook opens the Slack channel too).
    await steps.getByRole('button', { name: /Open the PagerDuty incident/ }).click();
    await page.keyboard.press('a');
    await until('the PagerDuty incident', async () => sim.state.pagerduty.incidents.length === 1);
    await until('the Slack channel', async () => sim.state.slack.channels.some((c) => c.name.startsWith('inc-')));
    await a.call('checks.run', { incidentId });
    await shot(page, 'trigger');

    // Notes, one shared to Slack and PagerDuty.
    const box = page.getByRole('textbox', { name: 'Note', exact: true });
    await box.fill('Spawner pods are stuck pending: the node pool hit its quota.');
    await box.press('Enter');
    await page.getByLabel('Share to Slack').check();
    await page.getByLabel('Share to PagerDuty').check();
    await box.fill('Raised the node pool maximum from 3 to 6 nodes.');
    await box.press('Enter');
    await page
      .getByRole('feed')
      .getByText(/PagerDuty: sent/)
      .first()
      .waitFor({ timeout: 15_000 });
    await shot(page, 'notes');

    // An outage: Slack and PagerDuty drop every request; a shared note waits in the outbox.
    sim.fault({ vendor: 'slack', action: { type: 'drop' } });
    sim.fault({ vendor: 'pagerduty', action: { type: 'drop' } });
    hubs.set({ hubIds: ['seaweed/ocean-data'] }, 'down');
    await a.call('health.probeNow', { incidentId });
    await page.getByLabel('Share to Slack').check();
    await page.getByLabel('Share to PagerDuty').check();
    await box.fill('New servers start again; watching for ten minutes.');
    await box.press('Enter');
    await page.waitForTimeout(3000);
    await shot(page, 'outage');
    await page.getByRole('button', { name: /^Outbox:/ }).click();
    await page.waitForTimeout(500);
    await shot(page, 'outage-outbox');
    sim.clearFaults();
    for (const job of await a.call<Array<{ id: string; state: string }>>('outbox.list', {})) {
      if (job.state !== 'sent' && job.state !== 'discarded')
        await a.call('outbox.retry', { jobId: job.id }).catch(() => undefined);
    }
    await until(
      'the outbox to drain',
      async () =>
        (await a.call<Array<{ state: string }>>('outbox.list', {})).every(
          (j) => j.state === 'sent' || j.state === 'discarded',
        ),
      60_000,
    );
    await page.getByRole('button', { name: 'Incidents' }).click();

    // A status update to the community.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('u');
    await page.getByRole('dialog', { name: 'Status update' }).waitFor();
    await page.waitForTimeout(500);
    await shot(page, 'update');
    await page.keyboard.press('Escape');

    // Hand off command to Bob.
    await page.keyboard.press('Control+Shift+H');
    const handoff = page.getByRole('dialog', { name: 'Hand off command' });
    await handoff.getByText('Bob Okafor').first().click();
    await handoff.getByLabel(/Bob Okafor confirmed they can take command/).check();
    await shot(page, 'handoff');
    await handoff.getByRole('button', { name: 'Hand off' }).click();
    await handoff.getByText('Everything went out.').waitFor({ timeout: 20_000 });
    await shot(page, 'handoff-sent');
    await page.keyboard.press('Escape');

    // Bob takes over on his own machine (a second Conn).
    await connect(b, sim, 'bob');
    const pdId = sim.state.pagerduty.incidents[0]!.id;
    const pageB = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    await pageB.goto(b.url);
    await pageB.getByRole('button', { name: 'Take over' }).click();
    const take = pageB.getByRole('dialog', { name: 'Take over an incident' });
    await take.getByRole('textbox').fill(pdId);
    await take.getByRole('button', { name: 'Import' }).click();
    await take.locator('.takeover-brief').waitFor({ timeout: 20_000 });
    await take.getByLabel(/I am taking command/).check();
    await shot(pageB, 'take-over');
    await take.getByRole('button', { name: /Confirm/ }).click();
    await take.waitFor({ state: 'hidden', timeout: 20_000 });
    await shot(pageB, 'taken-over');

    // Bob resolves the PagerDuty incident.
    const cardB = pageB.getByRole('article', { name: 'Current step' });
    await pageB
      .getByRole('list', { name: 'Steps' })
      .getByRole('button', { name: /Resolve the PagerDuty incident/ })
      .click();
    await cardB.getByRole('button', { name: /Resolve in PagerDuty/ }).click();
    await until(
      'the PagerDuty incident to resolve',
      async () => sim.state.pagerduty.incidents[0]!.status === 'resolved',
    );
    const [bIncident] = await b.call<Array<{ id: string }>>('incidents.list', {});
    await b.call('checks.run', { incidentId: bIncident!.id });
    await shot(pageB, 'resolve');

    // The report, and its PDF.
    await pageB.getByRole('tab', { name: 'Report' }).click();
    await pageB.getByRole('textbox', { name: 'Where we got lucky' }).waitFor();
    await shot(pageB, 'report');
    const download = pageB.waitForEvent('download');
    await pageB.getByRole('button', { name: 'PDF', exact: true }).click();
    const pdf = await (await download).path();
    await pageB.getByRole('status', { name: 'Export' }).waitFor();
    await shot(pageB, 'report-exported');
    const png = join(outDir, `${String(++n).padStart(2, '0')}-pdf`);
    const drawn = spawnSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, png]);
    if (drawn.status === 0) say(`saved ${png}.png`);
    else say(`skipped the PDF page: pdftoppm is not installed (${readFileSync(pdf).length} bytes of PDF were made)`);

    // The fact check: what the report says that the record does not hold.
    await pageB.getByRole('button', { name: 'Dismiss' }).click();
    await pageB.getByRole('button', { name: 'Check facts' }).click();
    await pageB.getByText('Checking the report against the record…').waitFor({ state: 'hidden', timeout: 20_000 });
    await pageB.waitForTimeout(300);
    await shot(pageB, 'fact-check');

    // The keyboard map.
    await pageB.locator('body').click({ position: { x: 5, y: 5 } });
    await pageB.keyboard.press('?');
    await pageB.getByRole('dialog').waitFor();
    await shot(pageB, 'keymap');
    await pageB.keyboard.press('Escape');

    // The Register (every incident, with its figures) and the Hubs screen, on the first Conn.
    const screens = page.getByRole('navigation', { name: 'Screens' });
    await screens.getByRole('button', { name: 'Register' }).click();
    await page.waitForTimeout(1000);
    await shot(page, 'register');
    await screens.getByRole('button', { name: 'Hubs' }).click();
    await page.getByRole('region', { name: 'Hub registry' }).waitFor();
    await page.waitForTimeout(500);
    await shot(page, 'hubs');
  } finally {
    await browser.close();
    await a.stop();
    await b.stop();
    await sim.stop();
    await hubs.close();
  }
}

main().then(
  () => say(`done: ${outDir}`),
  (err: unknown) => {
    process.stderr.write(`The walk failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
