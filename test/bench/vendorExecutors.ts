// Minimal outbox executors for benchmarks: Slack and PagerDuty jobs sent to the simulators through the vendor clients.
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import { outboxRepo } from '../../src/main/core/db/repos/outbox';
import { createVendorClients } from '../../src/main/core/integrations';
import type { Executor, ExecutorRegistry } from '../../src/main/core/outbox/executors';
import type { CredentialSource } from '../../src/main/core/secrets/credentials';
import type { Incident } from '../../src/shared/domain';
import type { JobKind, JobPayload } from '../../src/shared/outbox';
import { SIM_FROM_EMAIL, SIM_TOKENS, startSimulators, type Simulators } from '../simulators';
import { benchTemp, call } from './harness';

const done = (result: unknown) => ({ status: 'done' as const, result });

export function simExecutors(sim: Simulators) {
  return (creds: CredentialSource): ExecutorRegistry => {
    const slackCreds = creds('slack');
    const pdCreds = creds('pagerduty');
    const clients = createVendorClients({
      slack: slackCreds ? { token: slackCreds.token, apiUrl: sim.urls.slack } : null,
      pagerduty: pdCreds ? { token: pdCreds.token, fromEmail: SIM_FROM_EMAIL, baseUrl: sim.urls.pagerduty } : null,
    });
    const slack = clients.slack!;
    const pd = clients.pagerduty!;
    const createChannel: Executor<'slack.createChannel'> = {
      async send(_job, ctx) {
        const { channel } = await slack.createIncidentChannel(ctx.payload.name);
        return done({ channelId: channel.id, name: channel.name });
      },
      async reconcile(_job, ctx) {
        const c = await slack.findChannelByName(ctx.payload.name);
        return c ? done({ channelId: c.id, name: c.name }) : { status: 'not_sent' };
      },
    };
    const postMessage: Executor<'slack.postMessage'> = {
      async send(_job, ctx) {
        return done(await slack.postMessage(ctx.links.slackChannelId!, ctx.payload.text, { marker: ctx.marker }));
      },
      async reconcile(_job, ctx) {
        const m = await slack.findMessageByMarker(ctx.links.slackChannelId!, ctx.marker);
        return m ? done({ channel: ctx.links.slackChannelId, ts: m.ts }) : { status: 'not_sent' };
      },
    };
    const createIncident: Executor<'pagerduty.createIncident'> = {
      async send(job, ctx) {
        const { incident } = await pd.createIncident({ title: ctx.payload.title, details: ctx.payload.details, serviceId: 'PSVC001', incidentKey: `conn-${job.id}` });
        return done({ incidentId: incident.id, htmlUrl: incident.html_url });
      },
      async reconcile(job) {
        const i = await pd.findIncidentByKey(`conn-${job.id}`);
        return i ? done({ incidentId: i.id }) : { status: 'not_sent' };
      },
    };
    const addNote: Executor<'pagerduty.addNote'> = {
      async send(_job, ctx) {
        const n = await pd.addNote(ctx.links.pagerdutyIncidentId!, `${ctx.payload.content}\n\n[${ctx.marker}]`);
        return done({ id: (n as { id?: string }).id ?? null });
      },
      async reconcile(_job, ctx) {
        const n = await pd.findNoteByMarker(ctx.links.pagerdutyIncidentId!, ctx.marker);
        return n ? done({ id: n.id }) : { status: 'not_sent' };
      },
    };
    return {
      'slack.createChannel': createChannel,
      'slack.postMessage': postMessage,
      'pagerduty.createIncident': createIncident,
      'pagerduty.addNote': addNote,
    } as ExecutorRegistry;
  };
}

/** A core wired to freshly started simulators, with Slack and PagerDuty connected. */
export async function coreWithSimulators(opts: Partial<CoreOptions> = {}) {
  const sim = await startSimulators({ seed: 'realistic' });
  const dir = benchTemp('outbox-');
  const core: Core = createCore({ dataDir: dir.path, executors: simExecutors(sim), ...opts });
  await call(core, 'integrations.save', { vendor: 'slack', config: {}, token: SIM_TOKENS.slack });
  await call(core, 'integrations.save', { vendor: 'pagerduty', config: { fromEmail: SIM_FROM_EMAIL, defaultServiceId: 'PSVC001' }, token: SIM_TOKENS.pagerduty });
  let n = 0;
  const repo = outboxRepo(core.db);
  return {
    core,
    sim,
    async incident(title: string): Promise<string> {
      return (await call<Incident>(core, 'incidents.declare', { title })).id;
    },
    /** Enqueues jobs in one transaction, as a domain service would. Returns their ids. */
    enqueue(jobs: Array<{ incidentId: string; kind: JobKind; payload: JobPayload<JobKind> }>): string[] {
      const ids: string[] = [];
      core.db.transaction(() => {
        for (const j of jobs) {
          const id = `bench${String(++n).padStart(8, '0')}`;
          repo.enqueue({ id, incidentId: j.incidentId, kind: j.kind, payload: j.payload as never, at: Date.now() });
          ids.push(id);
        }
      }).immediate();
      return ids;
    },
    sentCount(ids: string[]): number {
      const set = new Set(ids);
      return (core.db.prepare("SELECT id FROM outbox_jobs WHERE state = 'sent'").all() as Array<{ id: string }>).filter((r) => set.has(r.id)).length;
    },
    async cleanup() {
      await core.dispatcher.stop();
      core.close();
      await sim.stop();
      dir.cleanup();
    },
  };
}

/** Resolves when every job is sent (watching outbox.changed), or rejects after `timeoutMs`. */
export function allSent(env: Awaited<ReturnType<typeof coreWithSimulators>>, ids: string[], timeoutMs: number): Promise<void> {
  const pending = new Set(ids);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${pending.size} of ${ids.length} jobs not sent after ${timeoutMs} ms`));
    }, timeoutMs);
    const off = env.core.bus.subscribe((name, payload) => {
      if (name !== 'outbox.changed') return;
      const job = payload as { id: string; state: string };
      if (job.state === 'sent') pending.delete(job.id);
      if (pending.size === 0) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}
