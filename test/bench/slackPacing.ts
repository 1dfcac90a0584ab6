// slack_pacing_ratio: 200 posts across 10 channels at the simulator's strict 1 post/s/channel: elapsed vs the minimum.
import { noteStream } from './data';
import { result, round, type BenchResult } from './results';
import { nowMs } from './stats';
import type { Bench } from './suite';
import { allSent, coreWithSimulators } from './simCore';

export const slackPacingBench: Bench = {
  name: 'slack_pacing',
  async run({ quick }): Promise<BenchResult[]> {
    const env = await coreWithSimulators();
    // One post per second per channel, no burst: the limit the issue names, exactly.
    env.sim.state.slack.rate.postsPerSecond = 1;
    env.sim.state.slack.rate.burst = 1;
    try {
      const channels = quick ? 2 : 10;
      const perChannel = quick ? 3 : 20;
      const next = noteStream(11);
      env.core.dispatcher.start();
      const incidentIds: string[] = [];
      for (let i = 0; i < channels; i++) incidentIds.push(await env.incident(`Workshop hub ${i}: Dask gateway stuck`));
      const channelJobs = env.enqueue(
        incidentIds.map((incidentId, i) => ({
          incidentId,
          kind: 'slack.createChannel' as const,
          payload: { name: `inc-pacing-${i}` },
        })),
      );
      const ready = allSent(env, channelJobs, 60_000);
      env.core.dispatcher.kick();
      await ready;
      // The channel was just created (and its first bucket token is unspent): start from a full second later.
      await new Promise((r) => setTimeout(r, 1100));
      const jobs = [];
      for (let k = 0; k < perChannel; k++) {
        for (const incidentId of incidentIds)
          jobs.push({ incidentId, kind: 'slack.postMessage' as const, payload: { text: next().body.slice(0, 2000) } });
      }
      env.sim.clearRequests();
      const t = nowMs();
      const ids = env.enqueue(jobs);
      const sent = allSent(env, ids, (perChannel * 1000 + 10_000) * 3);
      env.core.dispatcher.kick();
      await sent;
      const elapsed = (nowMs() - t) / 1000;
      const minimum = perChannel - 1; // first post at once, then one a second per channel, channels in parallel
      // Zero duplicates: each job's marker appears in exactly one message.
      const markers = new Map<string, number>();
      for (const c of env.sim.state.slack.channels) {
        for (const m of c.messages) {
          const marker = m.metadata?.event_payload?.marker;
          if (typeof marker === 'string') markers.set(marker, (markers.get(marker) ?? 0) + 1);
        }
      }
      const dupes = [...markers.values()].filter((n) => n > 1).length;
      const missing = ids.filter((id) => !markers.has(`conn:${id}`)).length;
      const posts = env.sim.requests({ vendor: 'slack' }).filter((p) => p.path.endsWith('chat.postMessage'));
      const limited = posts.filter((p) => p.status === 429).length;
      const ratio = elapsed / minimum;
      const ok = dupes === 0 && missing === 0;
      return [
        {
          ...result('slack_pacing_ratio', ratio, 'x', '<=', 1.15, {
            baseline: minimum,
            ratio: round(ratio),
            spread:
              `elapsed ${elapsed.toFixed(2)} s for ${ids.length} posts; ${dupes} duplicates, ${missing} ` +
              `missing, ${limited} answered 429 of ${posts.length} requests`,
          }),
          ...(ok ? {} : { pass: false }),
        },
      ];
    } finally {
      await env.cleanup();
    }
  },
};
