// renderer_open_ms / typing_latency_p95_ms / renderer_heap_mb: Chromium on the web shell with the 10,000-note incident.
//
// Typing latency, and why it is read from a trace: headless Chromium (--disable-gpu) produces frames on a synthetic
// 60 Hz begin-frame clock, so a key waits for the next tick even on an empty page: timed in the page (keydown → rAF →
// a task), a bare textarea's p95 is itself 16-18 ms, above the 16 ms target. --disable-frame-rate-limit and
// --disable-gpu-vsync do not change that clock in this Chromium (rAF stays at 16.7 ms), begin-frame control needs
// chrome-headless-shell, and the Event Timing API only reports events of 16 ms or more, rounded to 8 ms. So the
// figure held to the target is the same keystroke read from a CDP trace with only the clock's idle wait removed:
// input delay, handling, every task that ran before the frame (arriving notes, React renders) and the frame's own
// work all count (frameClock.ts). Tracing slows the page, so this errs high. The 60 Hz-paced figure is measured in an
// untraced pass of the same keys and stays in the spread; both are measured on a bare textarea in the same run
// (`baseline`, `ratio`).
import { chromium, type Locator, type Page } from '@playwright/test';
import { noteStream } from './data';
import { clockFreeLatencies, KEY_MARK, startTrace } from './frameClock';
import { fixtureFor, runsSummary } from './harness';
import { result, round, type BenchResult } from './results';
import { summarize } from './stats';
import type { Bench } from './suite';
import { api, serveFixture } from './webShell';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

interface Incident {
  id: string;
  title: string;
}

/** Click the incident's row, resolve with ms from the click event to the frame after the latest note appears. */
async function openIncident(page: Page, title: string, latestNoteId: string): Promise<number> {
  // Plain-string scripts: tsx would otherwise wrap named functions in a helper the page does not have.
  await page.evaluate(`window.__opened = new Promise((resolve) => {
    document.addEventListener('click', (e) => {
      const t0 = e.timeStamp;
      const tick = () => {
        if (document.querySelector('[data-note-id="${latestNoteId}"]')) {
          // Painted: the frame that contains it has been produced once the next task after rAF runs.
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        } else requestAnimationFrame(tick);
      };
      tick();
    }, { capture: true, once: true });
  }); 0`);
  await page.getByRole('list', { name: 'Incidents' }).getByText(title, { exact: true }).click();
  return page.evaluate<number>(`Promise.race([
    window.__opened,
    new Promise((_, reject) => setTimeout(() => reject(new Error('the latest note was not shown within 20 s')), 20000)),
  ])`);
}

/**
 * Types `keys` characters into `box` at a person's pace. `paced`: each key's keydown → next frame in ms, as the page
 * sees it (rAF then a task), so it includes the wait for headless Chromium's 60 Hz frame clock. `clockFree` (only when
 * `traced`): the same keys read from a performance trace with that idle wait removed (see frameClock.ts).
 */
async function typeAndTime(
  page: Page,
  box: Locator,
  keys: number,
  traced: boolean,
): Promise<{ paced: number[]; clockFree: number[] }> {
  await page.evaluate(`window.__keys = []; window.__queue = []; window.__n = 0;
    if (!window.__listening) document.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      const i = window.__n++;
      window.__queue[i] = performance.now() - t0;
      performance.mark('${KEY_MARK}' + i);
      requestAnimationFrame(() => setTimeout(() => window.__keys.push(performance.now() - t0), 0));
    }, { capture: true });
    window.__listening = true`);
  await box.click();
  const stop = traced ? await startTrace(await page.context().newCDPSession(page)) : null;
  const text = 'kubectl -n staging describe pod jupyter-erik shows OOMKilled after the Dask worker restart ';
  for (let i = 0; i < keys; i++) {
    await page.keyboard.type(text[i % text.length]!);
    await page.waitForTimeout(30 + (i % 5) * 10);
  }
  await page.waitForTimeout(100);
  const events = stop ? await stop() : [];
  const paced = await page.evaluate<number[]>('window.__keys');
  const clockFree = stop ? clockFreeLatencies(events, await page.evaluate<number[]>('window.__queue')) : [];
  await page.evaluate('performance.clearMarks()');
  return { paced, clockFree };
}

export const rendererBench: Bench = {
  name: 'renderer',
  async run({ quick }): Promise<BenchResult[]> {
    const fx = await fixtureFor(quick);
    const s = await serveFixture(fx);
    const browser = await chromium.launch({
      executablePath: process.env.CONN_CHROMIUM ?? '/usr/bin/chromium',
      args: ARGS,
    });
    try {
      const incidents = await api<Incident[]>(s, 'incidents.list', {});
      const big = incidents.find((i) => i.id === fx.bigIncidentId)!;
      const other = incidents.find((i) => i.id !== fx.bigIncidentId)!;
      const latest = async (id: string) =>
        (await api<{ items: Array<{ id: string }> }>(s, 'notes.list', { incidentId: id, limit: 1 })).items[0]!.id;
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(20_000);
      await page.goto(s.url);
      await page.getByRole('list', { name: 'Incidents' }).waitFor();

      const opens: number[] = [];
      for (let run = -1; run < (quick ? 2 : 7); run++) {
        await openIncident(page, other.title, await latest(other.id));
        const ms = await openIncident(page, big.title, await latest(big.id));
        if (run >= 0) opens.push(ms);
      }

      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const heapMb = heap.usedSize / 1024 / 1024;

      // Each typing figure comes from passes of the same keystrokes: untraced, timed in the page against the 60 Hz
      // frame clock (`paced`, in the spread), and under a performance trace with the clock's idle wait taken out
      // (`clockFree`, the figures held to the targets). Why: see typeAndTime and the README's benchmark section.
      // The floor: the same keystrokes in a bare textarea in another tab of the same browser. Its traced passes are
      // interleaved with Conn's (bare, quiet, busy, bare, ...) so all see the same machine load, which on a shared
      // machine drifts over a run.
      const n = quick ? 40 : 300;
      const rounds = quick ? 2 : 4;
      const bare = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await bare.setContent('<textarea aria-label="Note"></textarea>');
      const bareBox = bare.getByRole('textbox', { name: 'Note' });
      const box = page.getByRole('textbox', { name: 'Note', exact: true });

      // typing_latency_p95_ms: Conn is typed into while notes arrive at 5 per second through the API, as in a busy
      // incident ('busy'). typing_latency_ratio: the incident open with nothing arriving ('quiet') over the bare
      // textarea, so it is the page's own cost per keystroke (the busy ratio is in its spread).
      const next = noteStream(77);
      let arriving = false;
      let feeding: Promise<void> = Promise.resolve();
      const startFeed = () => {
        arriving = true;
        feeding = (async () => {
          while (arriving) {
            const { kind, body } = next();
            await api(s, 'notes.append', { incidentId: big.id, kind, body });
            await new Promise((r) => setTimeout(r, 200));
          }
        })();
      };
      const stopFeed = async () => {
        arriving = false;
        await feeding;
      };
      type Pass = 'bare' | 'quiet' | 'busy';
      const typeInto = async (which: Pass, keys: number, traced: boolean) => {
        const [p, into] = which === 'bare' ? [bare, bareBox] : [page, box];
        if (which === 'busy') startFeed();
        try {
          await p.waitForTimeout(300); // settle: the previous pass's last frames and arrivals are done
          return await typeAndTime(p, into, keys, traced);
        } finally {
          if (which === 'busy') await stopFeed();
          await into.fill('');
        }
      };
      const floorPaced = summarize((await typeInto('bare', n, false)).paced);
      const paced = summarize((await typeInto('busy', n, false)).paced);
      const samples: Record<Pass, number[]> = { bare: [], quiet: [], busy: [] };
      for (let r = 0; r < rounds; r++) {
        for (const which of ['bare', 'quiet', 'busy'] as const)
          samples[which].push(...(await typeInto(which, Math.ceil(n / rounds), true)).clockFree);
      }
      await bare.close();
      const floor = summarize(samples.bare);
      const quiet = summarize(samples.quiet);
      const k = summarize(samples.busy);
      const o = runsSummary(opens);
      return [
        result('renderer_open_ms', o.median, 'ms', '<=', 500, { spread: o.spread }),
        result('typing_latency_p95_ms', k.p95, 'ms', '<=', 16, {
          baseline: round(floor.p95),
          ratio: round(k.p95 / floor.p95),
          spread:
            `without the 60 Hz clock's idle wait: median ${k.median.toFixed(1)} ms, p99 ${k.p99.toFixed(1)} ms, max ` +
            `${k.max.toFixed(1)} ms (n=${k.n}); ` +
            `baseline: a bare textarea, p95 ${floor.p95.toFixed(1)} ms, median ${floor.median.toFixed(1)} ms; ` +
            `paced by the 60 Hz clock: p95 ${paced.p95.toFixed(1)} ms, median ${paced.median.toFixed(1)} ms ` +
            `(n=${paced.n}), ` +
            `bare textarea p95 ${floorPaced.p95.toFixed(1)} ms, median ${floorPaced.median.toFixed(1)} ms`,
        }),
        result('typing_latency_ratio', quiet.p95 / floor.p95, 'x', '<=', 1.1, {
          baseline: round(floor.p95),
          ratio: round(quiet.p95 / floor.p95),
          spread:
            `p95 keydown to painted frame (no idle clock wait): Conn's note box ${quiet.p95.toFixed(1)} ms with the ` +
            `${fx.spec.bigNotes}-note incident open, a bare textarea ${floor.p95.toFixed(1)} ms (medians ` +
            `${quiet.median.toFixed(1)} / ${floor.median.toFixed(1)} ms); with notes arriving at 5/s ` +
            `${k.p95.toFixed(1)} ms, ratio ${(k.p95 / floor.p95).toFixed(2)}; ${rounds} interleaved rounds, ` +
            `n=${quiet.n}/${floor.n}/${k.n}`,
        }),
        result('renderer_heap_mb', heapMb, 'MB', '<=', 150, { spread: 'one reading after GC' }),
      ];
    } finally {
      await browser.close();
      await s.dispose();
    }
  },
};
