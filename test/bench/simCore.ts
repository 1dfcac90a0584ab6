// A core for the outbox benchmarks: the product's vendor wiring (createVendors + vendorBaseUrlsFromEnv, as
// `npm run serve` builds it) pointed at freshly started simulators, with Slack and PagerDuty connected.
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import { outboxRepo } from '../../src/main/core/db/repos/outbox';
import { createVendors, vendorBaseUrlsFromEnv } from '../../src/main/core/vendors';
import type { Incident } from '../../src/shared/domain';
import type { JobKind, JobPayload } from '../../src/shared/outbox';
import { SIM_FROM_EMAIL, SIM_TOKENS, startSimulators } from '../simulators';
import { benchTemp, call } from './harness';

/** A core wired to freshly started simulators through the product's executors, Slack and PagerDuty connected. */
export async function coreWithSimulators(opts: Partial<CoreOptions> = {}) {
  const sim = await startSimulators({ seed: 'realistic' });
  const dir = benchTemp('outbox-');
  // The same environment variables a user would set to point `npm run serve` at the sandbox.
  const baseUrls = vendorBaseUrlsFromEnv({
    CONN_SLACK_URL: sim.urls.slack,
    CONN_PAGERDUTY_URL: sim.urls.pagerduty,
    CONN_FRESHDESK_URL: sim.urls.freshdesk,
  });
  const vendors = createVendors({ baseUrls });
  const core: Core = createCore({
    dataDir: dir.path,
    vendors: { executors: vendors.executors, identify: vendors.identify },
    ...opts,
  });
  await call(core, 'integrations.save', {
    vendor: 'slack',
    config: { channelPattern: 'inc-YYYYMMDD-<hub>' },
    token: SIM_TOKENS.slack,
  });
  await call(core, 'integrations.save', {
    vendor: 'pagerduty',
    config: { fromEmail: SIM_FROM_EMAIL, defaultServiceId: 'PSVC001' },
    token: SIM_TOKENS.pagerduty,
  });
  let n = 0;
  let hubs = 0;
  const repo = outboxRepo(core.db);
  return {
    core,
    sim,
    /** Declares an incident; each gets its own hub, so the channel name pattern gives each its own channel. */
    async incident(title: string): Promise<string> {
      return (await call<Incident>(core, 'incidents.declare', { title, hub: `hub${++hubs}` })).id;
    },
    /** Enqueues jobs in one transaction, as a domain service would. Returns their ids. */
    enqueue(jobs: Array<{ incidentId: string; kind: JobKind; payload: JobPayload<JobKind> }>): string[] {
      const ids: string[] = [];
      core.db
        .transaction(() => {
          for (const j of jobs) {
            const id = `bench${String(++n).padStart(8, '0')}`;
            repo.enqueue({ id, incidentId: j.incidentId, kind: j.kind, payload: j.payload as never, at: Date.now() });
            ids.push(id);
          }
        })
        .immediate();
      return ids;
    },
    async cleanup() {
      await core.dispatcher.stop();
      core.close();
      await sim.stop();
      dir.cleanup();
    },
  };
}

/** Resolves when every job is sent (watching outbox.changed); rejects at once if one dies, or after `timeoutMs`. */
export function allSent(
  env: Awaited<ReturnType<typeof coreWithSimulators>>,
  ids: string[],
  timeoutMs: number,
): Promise<void> {
  const pending = new Set(ids);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${pending.size} of ${ids.length} jobs not sent after ${timeoutMs} ms`));
    }, timeoutMs);
    const off = env.core.bus.subscribe((name, payload) => {
      if (name !== 'outbox.changed') return;
      const job = payload as { id: string; state: string; lastError: string | null };
      if (job.state === 'dead' && pending.has(job.id)) {
        clearTimeout(timer);
        off();
        reject(new Error(`job ${job.id} died: ${job.lastError}`));
        return;
      }
      if (job.state === 'sent') pending.delete(job.id);
      if (pending.size === 0) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}
