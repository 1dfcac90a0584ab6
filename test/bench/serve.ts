// serve_cold_start_ms / main_rss_mb: `npm run serve`'s command on the 100,000-note database, start → ready line,
// then the process's resident memory once the 10,000-note incident is loaded through the API.
import { api, rssMb, serveFixture } from './webShell';
import { fixtureFor, runsSummary } from './harness';
import { result, type BenchResult } from './results';
import { nowMs } from './stats';
import type { Bench } from './suite';

export const serveBench: Bench = {
  name: 'serve',
  async run({ quick }): Promise<BenchResult[]> {
    const fx = await fixtureFor(quick);
    const starts: number[] = [];
    const rss: number[] = [];
    for (let run = -1; run < (quick ? 1 : 5); run++) {
      const t = nowMs();
      const s = await serveFixture(fx); // copying the database is not part of start-up: subtracted below
      const total = nowMs() - t;
      try {
        const started = total - s.copyMs;
        // Load the big incident the way the renderer does, then every page of its notes and timeline.
        await api(s, 'incidents.list', {});
        let page = await api<{ items: Array<{ cursor: string }>; hasBefore: boolean }>(s, 'notes.list', {
          incidentId: fx.bigIncidentId,
          limit: 500,
        });
        while (page.hasBefore) {
          page = await api(s, 'notes.list', {
            incidentId: fx.bigIncidentId,
            limit: 500,
            before: page.items[0]!.cursor,
          });
        }
        let tl = await api<{ items: Array<{ cursor: string }>; hasAfter: boolean }>(s, 'timeline.list', {
          incidentId: fx.bigIncidentId,
          limit: 500,
        });
        while (tl.hasAfter)
          tl = await api(s, 'timeline.list', {
            incidentId: fx.bigIncidentId,
            limit: 500,
            after: tl.items[tl.items.length - 1]!.cursor,
          });
        await api(s, 'search.query', { text: 'OOMKilled' });
        if (run >= 0) {
          starts.push(started);
          rss.push(rssMb(s.child.pid!));
        }
      } finally {
        await s.dispose();
      }
    }
    const st = runsSummary(starts);
    const rs = runsSummary(rss);
    return [
      result('serve_cold_start_ms', st.median, 'ms', '<=', 1500, { spread: st.spread }),
      result('main_rss_mb', rs.median, 'MB', '<=', 250, { spread: rs.spread }),
    ];
  },
};
