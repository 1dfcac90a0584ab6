// outbox_overhead_jobs_per_s: jobs settled per second by the dispatcher against the simulators, no rate limit, no
// faults.
import { noteStream } from './data';
import { runsSummary } from './harness';
import { result, type BenchResult } from './results';
import { nowMs } from './stats';
import type { Bench } from './suite';
import { allSent, coreWithSimulators } from './simCore';

export const outboxBench: Bench = {
  name: 'outbox_overhead',
  async run({ quick }): Promise<BenchResult[]> {
    // No pacing in the dispatcher and no limit in the simulator: what is left is Conn's own overhead.
    const env = await coreWithSimulators({ slackPacingMs: 0 });
    env.sim.state.slack.rate.postsPerSecond = 1e9;
    env.sim.state.slack.rate.burst = 1e9;
    // PagerDuty's REST limit (960 a minute) too: the runs send more notes than that, and a paused vendor is not
    // overhead.
    env.sim.state.pagerduty.rate.perMinute = 1e9;
    env.sim.state.pagerduty.rate.createPerMinute = 1e9;
    try {
      const incidents = quick ? 4 : 20;
      const perIncident = quick ? 10 : 25; // per vendor
      const next = noteStream(5);
      env.core.dispatcher.start();
      const rates: number[] = [];
      for (let run = -1; run < (quick ? 1 : 3); run++) {
        const ids: string[] = [];
        const setup = [];
        const incidentIds: string[] = [];
        for (let i = 0; i < incidents; i++) {
          const id = await env.incident(`Run ${run} hub ${i}: kernels dying`);
          incidentIds.push(id);
          setup.push({
            incidentId: id,
            kind: 'slack.createChannel' as const,
            payload: { name: `inc-bench-${run + 1}-${i}` },
          });
          setup.push({
            incidentId: id,
            kind: 'pagerduty.createIncident' as const,
            payload: { title: `Run ${run} hub ${i}` },
          });
        }
        // Links (channel, PD incident) first, so the measured jobs are plain sends.
        const setupIds = env.enqueue(setup);
        const ready = allSent(env, setupIds, 60_000);
        env.core.dispatcher.kick();
        await ready;
        const jobs = [];
        for (let k = 0; k < perIncident; k++) {
          for (const incidentId of incidentIds) {
            const text = next().body.slice(0, 3000);
            jobs.push({ incidentId, kind: 'slack.postMessage' as const, payload: { text } });
            jobs.push({ incidentId, kind: 'pagerduty.addNote' as const, payload: { content: text } });
          }
        }
        const t = nowMs();
        const sent = allSent(env, (ids.push(...env.enqueue(jobs)), ids), 300_000);
        env.core.dispatcher.kick();
        await sent;
        const rate = ids.length / ((nowMs() - t) / 1000);
        if (run >= 0) rates.push(rate);
      }
      const r = runsSummary(rates);
      return [
        result('outbox_overhead_jobs_per_s', r.median, 'jobs/s', '>=', 500, {
          spread: `${r.spread} (${incidents * perIncident * 2} jobs a run)`,
        }),
      ];
    } finally {
      await env.cleanup();
    }
  },
};
