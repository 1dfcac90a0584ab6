// declare_to_official_start_s: `npm run sandbox` (the simulators, Conn wired to them, the web shell) driven in
// Chromium with the keyboard only, as a commander would: from Enter on the declare dialog until all four
// official-start conditions hold at the simulators — the PagerDuty incident exists and is acknowledged, the Slack
// channel exists, and the community's Freshdesk ticket has a public reply (report/register.ts, officialStart). Every
// key pressed after the title is counted and named; each waits only for what the commander would wait to see.
import { chromium, type Page } from '@playwright/test';
import { startSandbox, stopSandbox } from '../helpers/sandbox';
import { SIM_TICKET_ID } from '../simulators';
import { benchTemp, runsSummary } from './harness';
import { result, type BenchResult } from './results';
import { nowMs } from './stats';
import type { Bench } from './suite';
import { ensureRendererBuilt } from './webShell';

interface Sandbox {
  url: string;
  control: string;
  stop(): Promise<void>;
}

async function sandbox(): Promise<Sandbox> {
  ensureRendererBuilt();
  const dir = benchTemp('declare-sandbox-');
  try {
    const { child, url, control } = await startSandbox(dir.path, 90_000);
    const stop = async () => {
      await stopSandbox(child);
      dir.cleanup();
    };
    return { url, control, stop };
  } catch (err) {
    dir.cleanup();
    throw err;
  }
}

interface SimState {
  pagerduty: { incidents: Array<{ title: string; status: string; acknowledgements: unknown[] }> };
  slack: { channels: Array<{ name: string }> };
  freshdesk: { conversations: Array<{ ticket_id: number; private: boolean; incoming: boolean }> };
}

/** Which of the four conditions hold at the simulators for the incident titled `title`. */
async function conditions(control: string, title: string, repliesBefore: number, channelsBefore: number) {
  const s = (await (await fetch(`${control}/state`)).json()) as SimState;
  const pd = s.pagerduty.incidents.find((i) => i.title === title);
  const replies = s.freshdesk.conversations.filter(
    (c) => c.ticket_id === SIM_TICKET_ID && !c.incoming && !c.private,
  ).length;
  return {
    pagerduty: pd !== undefined,
    acknowledged: pd !== undefined && (pd.status === 'acknowledged' || pd.acknowledgements.length > 0),
    channel: s.slack.channels.length > channelsBefore,
    community: replies > repliesBefore,
  };
}

/**
 * One declaration through the UI; resolves with the seconds from the declaring key to official start and the keys
 * pressed after the title. `send`: "Declare and send the first steps" (Ctrl+Enter, the dialog names what it sends);
 * otherwise Enter, then A on the first step, J, A on the second, as the checklist is worked by hand.
 */
async function declareOnce(
  page: Page,
  sb: Sandbox,
  title: string,
  send: boolean,
): Promise<{ seconds: number; keys: string[] }> {
  const before = (await (await fetch(`${sb.control}/state`)).json()) as SimState;
  const repliesBefore = before.freshdesk.conversations.filter(
    (c) => c.ticket_id === SIM_TICKET_ID && !c.incoming && !c.private,
  ).length;
  const channelsBefore = before.slack.channels.length;
  const ticketUrl = `https://conn-sim.freshdesk.com/a/tickets/${SIM_TICKET_ID}`;
  const keys: string[] = [];
  const press = async (key: string, what: string) => {
    keys.push(`${key.replace('Control', 'Ctrl')} (${what})`);
    await page.keyboard.press(key);
  };

  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'Declare an incident' });
  await dialog.getByLabel('Title').waitFor();
  await page.keyboard.type(title);
  // After the title: everything the commander presses is counted from here.
  await press('Tab', 'to the hub field');
  await press('Tab', 'to the Freshdesk ticket URL field');
  if ((await page.evaluate('document.activeElement?.getAttribute("name")')) !== 'ticketUrl')
    throw new Error('two Tabs after the title did not reach the Freshdesk ticket URL field');
  keys.push('Ctrl+V (paste the ticket URL)');
  await page.keyboard.insertText(ticketUrl);

  const t0 = nowMs();
  if (send) {
    await press('Control+Enter', 'declare and send the first steps the dialog names');
  } else {
    await press('Enter', 'declare');
    const card = page.getByRole('article', { name: 'Current step' });
    await card.getByRole('heading', { name: 'Tell the community we are on it' }).waitFor();
    await press('a', "run the step's action: reply on the ticket");
    await press('j', 'next step');
    await card.getByRole('heading', { name: 'Open the PagerDuty incident' }).waitFor();
    await press('a', "run the step's action: open the PagerDuty incident and the Slack channel");
  }

  for (;;) {
    const c = await conditions(sb.control, title, repliesBefore, channelsBefore);
    if (c.pagerduty && c.acknowledged && c.channel && c.community) break;
    if (nowMs() - t0 > 60_000) throw new Error(`no official start within 60 s: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return { seconds: (nowMs() - t0) / 1000, keys };
}

export const declareBench: Bench = {
  name: 'declare',
  async run({ quick }): Promise<BenchResult[]> {
    const browser = await chromium.launch({
      executablePath: process.env.CONN_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
    const runs = { send: [] as number[], byHand: [] as number[] };
    const keys = { send: [] as string[], byHand: [] as string[] };
    try {
      // A fresh sandbox each run: the same seeded ticket, no channel or PagerDuty incident left from the run before.
      // Both ways, alternating: Ctrl+Enter ("Declare and send the first steps") and Enter then A, J, A.
      for (let run = 0; run < (quick ? 2 : 6); run++) {
        const way = run % 2 === 0 ? 'send' : 'byHand';
        const sb = await sandbox();
        try {
          const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
          page.setDefaultTimeout(30_000);
          await page.goto(sb.url);
          await page.getByText('Me: Alice Jansen').waitFor();
          const title = `Users cannot start servers on the Ocean Data hub (run ${run + 1})`;
          const r = await declareOnce(page, sb, title, way === 'send');
          runs[way].push(r.seconds);
          keys[way] = r.keys;
          await page.close();
        } finally {
          await sb.stop();
        }
      }
    } finally {
      await browser.close();
    }
    const send = runsSummary(runs.send);
    const byHand = runsSummary(runs.byHand);
    const list = (k: string[]) => `${k.length} keys after the title: ${k.join(', ')}`;
    return [
      result('declare_to_official_start_s', send.median, 's', '<=', 5, {
        spread:
          `${send.spread} s with ${list(keys.send)}; ` +
          `by hand (Enter, then A, J, A on the checklist): median ${byHand.median.toFixed(2)} s (${byHand.spread})`,
      }),
      result('declare_key_presses', keys.send.length, 'keys', '<=', 4, {
        spread: `after the title, up to official start; by hand: ${list(keys.byHand)}`,
      }),
    ];
  },
};
