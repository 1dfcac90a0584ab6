// timeline_first_page_ms: the first page of the 10,000-entry incident's timeline through timeline.list.
import { call, coreOnFixture, spreadOf } from './harness';
import { result, type BenchResult } from './results';
import { nowMs, summarize } from './stats';
import type { Bench } from './suite';

export const timelineBench: Bench = {
  name: 'timeline',
  async run({ quick }): Promise<BenchResult[]> {
    const env = await coreOnFixture(quick, 'timeline-');
    try {
      const incidentId = env.fx.bigIncidentId;
      const samples: number[] = [];
      for (let i = -5; i < (quick ? 10 : 100); i++) {
        const t = nowMs();
        const page = await call<{ items: unknown[] }>(env.core, 'timeline.list', { incidentId });
        const ms = nowMs() - t;
        if (page.items.length === 0) throw new Error('empty timeline page');
        if (i >= 0) samples.push(ms);
      }
      const s = summarize(samples);
      return [
        result('timeline_first_page_ms', s.median, 'ms', '<=', 30, {
          spread: `p95 ${s.p95.toFixed(3)} ms ${spreadOf(s)}`,
        }),
      ];
    } finally {
      env.cleanup();
    }
  },
};
