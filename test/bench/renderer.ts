// renderer_open_ms / typing_latency_p95_ms / renderer_heap_mb: Chromium on the web shell with the 10,000-note incident.
import { chromium, type Locator, type Page } from '@playwright/test';
import { noteStream } from './data';
import { fixtureFor, runsSummary } from './harness';
import { result, round, type BenchResult } from './results';
import { summarize } from './stats';
import type { Bench } from './suite';
import { api, serveFixture } from './webShell';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

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

/** Types `keys` characters into `box` at a person's pace; returns each key's keydown → next-frame latency in ms. */
async function typeAndTime(page: Page, box: Locator, keys: number): Promise<number[]> {
  await page.evaluate(`window.__keys = [];
    document.addEventListener('keydown', (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => window.__keys.push(performance.now() - t0), 0));
    }, { capture: true })`);
  await box.click();
  const text = 'kubectl -n staging describe pod jupyter-erik shows OOMKilled after the Dask worker restart ';
  for (let i = 0; i < keys; i++) {
    await page.keyboard.type(text[i % text.length]!);
    await page.waitForTimeout(30 + (i % 5) * 10);
  }
  return page.evaluate<number[]>('window.__keys');
}

export const rendererBench: Bench = {
  name: 'renderer',
  async run({ quick }): Promise<BenchResult[]> {
    const fx = await fixtureFor(quick);
    const s = await serveFixture(fx);
    const browser = await chromium.launch({ executablePath: process.env.CONN_CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
    try {
      const incidents = await api<Incident[]>(s, 'incidents.list', {});
      const big = incidents.find((i) => i.id === fx.bigIncidentId)!;
      const other = incidents.find((i) => i.id !== fx.bigIncidentId)!;
      const latest = async (id: string) => (await api<{ items: Array<{ id: string }> }>(s, 'notes.list', { incidentId: id, limit: 1 })).items[0]!.id;
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

      // The floor: the same keystrokes in a bare textarea in the same browser, measured the same way, just before.
      const bare = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await bare.setContent('<textarea aria-label="Note"></textarea>');
      const floor = summarize(await typeAndTime(bare, bare.getByRole('textbox', { name: 'Note' }), quick ? 40 : 300));
      await bare.close();

      // Typing while notes arrive at 5 per second through the API: keydown → the frame after it is handled.
      const box = page.getByRole('textbox', { name: 'Note', exact: true });
      const next = noteStream(77);
      let arriving = true;
      const feeder = (async () => {
        while (arriving) {
          const { kind, body } = next();
          await api(s, 'notes.append', { incidentId: big.id, kind, body });
          await new Promise((r) => setTimeout(r, 200));
        }
      })();
      const lat = await typeAndTime(page, box, quick ? 40 : 300);
      arriving = false;
      await feeder;
      await box.fill('');
      const o = runsSummary(opens);
      const k = summarize(lat);
      return [
        result('renderer_open_ms', o.median, 'ms', '<=', 500, { spread: o.spread }),
        result('typing_latency_p95_ms', k.p95, 'ms', '<=', 16, {
          baseline: round(floor.p95),
          ratio: round(k.p95 / floor.p95),
          spread: `median ${k.median.toFixed(1)} ms, p99 ${k.p99.toFixed(1)} ms, max ${k.max.toFixed(1)} ms (n=${k.n}); baseline: a bare textarea, p95 ${floor.p95.toFixed(1)} ms, median ${floor.median.toFixed(1)} ms`,
        }),
        result('renderer_heap_mb', heapMb, 'MB', '<=', 150, { spread: 'one reading after GC' }),
      ];
    } finally {
      await browser.close();
      await s.dispose();
    }
  },
};
