// report_get_10k_ms / report_get_10k_rss_mb: report.get on an incident with 10,000 notes and 2,000 other timeline
// entries (quick: 500 and 100), its median and p99, and how far the process's RSS grows over 50 calls.
import { loadavg } from 'node:os';
import { createCore, type Core } from '../../src/main/core';
import { notesRepo } from '../../src/main/core/db/repos/notes';
import { timelineRepo } from '../../src/main/core/db/repos/timeline';
import { timeOrderedIds } from '../../src/main/core/ids';
import type { Incident } from '../../src/shared/domain';
import { fakeClock } from '../helpers/core';
import { seeded } from '../helpers/seeded';
import { noteStream } from './data';
import { benchTemp, call, collectGarbage, spreadOf, timed } from './harness';
import { result, type BenchResult } from './results';
import { nowMs, summarize } from './stats';
import type { Bench } from './suite';

const otherKinds = ['status', 'decision', 'finding', 'role_assigned', 'checklist', 'status_update'] as const;

/** A fresh core holding one incident with `notes` notes and `others` non-note timeline entries. */
export async function bigReportCore(
  notes: number,
  others: number,
  prefix: string,
): Promise<{ core: Core; incidentId: string; cleanup(): void }> {
  const dir = benchTemp(prefix);
  const clock = fakeClock(Date.UTC(2026, 0, 5, 9, 0, 0));
  const core = createCore({ dataDir: dir.path, clock });
  const incidentId = (await call<Incident>(core, 'incidents.declare', { title: 'Big report', hub: 'bench' })).id;
  const ids = timeOrderedIds(clock);
  const next = noteStream(99);
  const r = seeded(5);
  const n = notesRepo(core.db);
  const t = timelineRepo(core.db);
  core.db.transaction(() => {
    let at = clock.now();
    const total = notes + others;
    for (let k = 0; k < total; k++) {
      at += 1_000 + Math.floor(r() * 5_000);
      clock.set(at);
      const id = ids.next();
      if (k % Math.max(1, Math.round(total / Math.max(1, others))) === 0 && others-- > 0) {
        const kind = otherKinds[k % otherKinds.length]!;
        t.append({ id, incidentId, at, source: 'system', kind, body: `${kind} ${k}: ${next().body}`, recordedAt: at });
      } else {
        const { kind, body } = next();
        n.insert({ id, incidentId, kind, body, author: 'me', at, clientId: null });
      }
    }
  })();
  return {
    core,
    incidentId,
    cleanup() {
      core.close();
      dir.cleanup();
    },
  };
}

const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

export const reportBench: Bench = {
  name: 'report',
  async run({ quick }): Promise<BenchResult[]> {
    const env = await bigReportCore(quick ? 500 : 10_000, quick ? 100 : 2_000, 'report-');
    try {
      const get = () => call<unknown>(env.core, 'report.get', { incidentId: env.incidentId });
      // Warm-up: statements prepared, the draft created, the proposals' digest built (the first read's time is
      // reported: it reads the record with bounded queries; later reads fold in only what was appended).
      const cold = await timed(get);
      for (let i = 0; i < 4; i++) await get();
      collectGarbage();
      const rss0 = rssMb();
      let peak = rss0;
      const samples: number[] = [];
      for (let i = 0; i < 50; i++) {
        const t = nowMs();
        await get();
        samples.push(nowMs() - t);
        peak = Math.max(peak, rssMb());
      }
      const growth = peak - rss0;
      const s = summarize(samples);
      return [
        result('report_get_10k_ms', s.median, 'ms', '<=', 100, {
          spread:
            `p99 ${s.p99.toFixed(1)} ms (target <= 200) ${spreadOf(s)}; first read ${cold.toFixed(1)} ms; ` +
            `load average ${loadavg()[0]!.toFixed(1)}`,
          pass: s.median <= 100 && s.p99 <= 200,
        }),
        result('report_get_10k_rss_mb', growth, 'MB', '<=', 50, {
          spread: `peak RSS growth over 50 calls; RSS ${rss0.toFixed(0)} → peak ${peak.toFixed(0)} MB`,
        }),
      ];
    } finally {
      env.cleanup();
    }
  },
};
