// fanout_ratio: declare an incident over a cluster of 90 communities and send the first response; every community
// gets one new Freshdesk ticket. Elapsed from declare to every ticket accepted, over the minimum Freshdesk's rate
// limit allows for those requests (issue 21; the many-communities issue 19). Duplicates and missing counted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Incident } from '../../src/shared/domain';
import { benchTemp, call } from './harness';
import { result, round, type BenchResult } from './results';
import { allSent, coreWithSimulators } from './simCore';
import { nowMs } from './stats';
import type { Bench } from './suite';
import { SIM_TOKENS } from '../simulators';

/** A registry folder with one cluster of `n` hubs, each its own community. */
function registryOf(dir: string, n: number): void {
  const folder = join(dir, 'config/clusters/fanout');
  mkdirSync(folder, { recursive: true });
  const hubs = Array.from(
    { length: n },
    (_, i) => `  - name: c${i}\n    display_name: 'Community ${i}'\n    domain: c${i}.fanout.example.cloud\n`,
  );
  writeFileSync(
    join(folder, 'cluster.yaml'),
    `name: fanout\nprovider: gcp\ngcp:\n  zone: us-central1-b\nhubs:\n${hubs.join('')}`,
  );
}

export const fanoutBench: Bench = {
  name: 'fanout',
  async run({ quick }): Promise<BenchResult[]> {
    const communities = quick ? 9 : 90;
    // Freshdesk's smallest plan allows 50 requests a minute; quick mode keeps the simulator's default (no wait).
    const perMinute = quick ? 400 : 50;
    const env = await coreWithSimulators();
    const reg = benchTemp('fanout-registry-');
    try {
      await call(env.core, 'integrations.save', {
        vendor: 'freshdesk',
        config: { domain: 'conn-sim.freshdesk.com' },
        token: SIM_TOKENS.freshdesk,
      });
      registryOf(reg.path, communities);
      await call(env.core, 'registry.import', { folder: reg.path });
      for (let i = 0; i < communities; i++)
        await call(env.core, 'registry.updateHub', {
          hubId: `fanout/c${i}`,
          requesterEmail: `help@c${i}.fanout.example.org`,
        });
      const fd = env.sim.state.freshdesk;
      fd.rate.perMinute = perMinute;
      fd.rate.window = { start: 0, used: 0 }; // the first request below opens a fresh window
      env.sim.clearRequests();
      const ticketsBefore = new Set(fd.tickets.map((t) => t.id));

      const t = nowMs();
      const inc = await call<Incident>(env.core, 'incidents.declare', {
        title: 'Fanout cluster: servers do not start',
        hub: 'fanout-cluster',
        scope: { kind: 'cluster', value: 'fanout' },
      });
      await call(env.core, 'updates.send', { incidentId: inc.id, text: 'We are looking into servers not starting.' });
      const ids = env.core.services.outbox
        .list({ incidentId: inc.id })
        .filter((j) => j.kind === 'freshdesk.createTicket')
        .map((j) => j.id);
      const floor = Math.floor((communities - 1) / perMinute) * 60; // fixed one-minute windows, first one at t
      const sent = allSent(env, ids, (floor + 60) * 3 * 1000);
      env.core.dispatcher.start();
      env.core.dispatcher.kick();
      await sent;
      const elapsed = (nowMs() - t) / 1000;

      const emailOf = (requesterId: number) => fd.contacts.find((c) => c.id === requesterId)?.email;
      const perEmail = new Map<string, number>();
      for (const tk of fd.tickets.filter((x) => !ticketsBefore.has(x.id))) {
        const email = emailOf(tk.requester_id) ?? '?';
        perEmail.set(email, (perEmail.get(email) ?? 0) + 1);
      }
      const dupes = [...perEmail.values()].reduce((a, n) => a + Math.max(0, n - 1), 0);
      let missing = 0;
      for (let i = 0; i < communities; i++) if (!perEmail.has(`help@c${i}.fanout.example.org`)) missing++;
      const requests = env.sim.requests({ vendor: 'freshdesk' });
      const limited = requests.filter((r) => r.status === 429).length;
      // Quick mode has no wait to measure (floor 0): the ratio is taken over 1 s so the row stays defined.
      const ratio = elapsed / Math.max(floor, 1);
      const ok = dupes === 0 && missing === 0 && ids.length === communities;
      return [
        {
          ...result('fanout_ratio', ratio, 'x', '<=', 1.15, {
            baseline: floor,
            ratio: round(ratio),
            spread:
              `told ${communities - missing} of ${communities} in ${elapsed.toFixed(2)} s at ${perMinute}/min; ` +
              `${dupes} duplicates, ${missing} missing, ${limited} answered 429 of ${requests.length} requests`,
          }),
          ...(ok ? {} : { pass: false }),
        },
      ];
    } finally {
      await env.cleanup();
      reg.cleanup();
    }
  },
};
