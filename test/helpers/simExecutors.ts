// Minimal outbox executors built from the real vendor clients, pointed at the simulators (test-only; the
// product's executors are listed by the vendor table, src/main/core/vendors). Every send carries the job's marker and
// every reconcile looks for it, so a lost answer is never sent twice.
import { incidentKeyFor, markerFor, withMarker, type VendorClients } from '../../src/main/core/integrations';
import { clientsFromConfigs } from './vendorClients';
import type {
  ExecContext,
  ExecOutcome,
  Executor,
  ExecutorRegistry,
  ReconcileOutcome,
} from '../../src/main/core/outbox/executors';
import type { CredentialSource } from '../../src/main/core/secrets/credentials';
import type { JobKind, OutboxJob } from '../../src/shared/outbox';
import type { Simulators } from '../simulators';

export interface Targets {
  /** Fallback targets per Conn incident id when no earlier job linked one. */
  slackChannel?: (incidentId: string) => string | undefined;
  pdIncident?: (incidentId: string) => string | undefined;
  fdTicket?: (incidentId: string) => number | undefined;
}

type Ex<K extends JobKind> = Executor<K>;
const need = <T>(v: T | undefined | null, what: string): T => {
  if (v === undefined || v === null) throw Object.assign(new Error(`no ${what} for this job`), { kind: 'not_found' });
  return v;
};

/** Clients for the current credentials (so tokens saved through integrations.save are the ones used). */
export function simClients(sim: Simulators, credentials: CredentialSource, timeoutMs = 5000): VendorClients {
  const slack = credentials('slack');
  const pd = credentials('pagerduty');
  const fd = credentials('freshdesk');
  return clientsFromConfigs(
    {
      slack: slack ? { token: slack.token, apiUrl: sim.urls.slack } : undefined,
      pagerduty: pd ? { token: pd.token, fromEmail: pd.config.fromEmail, baseUrl: sim.urls.pagerduty } : undefined,
      freshdesk: fd ? { domain: 'conn-sim', apiKey: fd.token, baseUrl: sim.urls.freshdesk } : undefined,
    },
    { timeoutMs },
  );
}

export function simExecutors(
  sim: Simulators,
  credentials: CredentialSource,
  targets: Targets = {},
  timeoutMs = 5000,
): ExecutorRegistry {
  const c = simClients(sim, credentials, timeoutMs);
  const id = (job: OutboxJob) => job.incidentId ?? '-';
  const channel = (job: OutboxJob, ctx: ExecContext<JobKind>) =>
    need(ctx.links.slackChannelId ?? targets.slackChannel?.(id(job)), 'Slack channel');
  const pdIncident = (job: OutboxJob, ctx: ExecContext<JobKind>) =>
    need(ctx.links.pagerdutyIncidentId ?? targets.pdIncident?.(id(job)), 'PagerDuty incident');
  const ticket = (job: OutboxJob, ctx: ExecContext<JobKind>) =>
    need(ctx.links.freshdeskTicketId ?? targets.fdTicket?.(id(job)), 'Freshdesk ticket');
  const done = (result: unknown): ExecOutcome => ({ status: 'done', result });
  const found = (r: unknown, result: (x: never) => unknown): ReconcileOutcome =>
    r ? { status: 'done', result: result(r as never) } : { status: 'not_sent' };
  /** Idempotent calls (acknowledge, resolve, status) may simply be sent again. */
  const resend = async (): Promise<ReconcileOutcome> => ({ status: 'not_sent' });

  const createChannel: Ex<'slack.createChannel'> = {
    async send(_job, ctx) {
      const slack = need(c.slack, 'Slack client');
      const { channel: ch } = await slack.createIncidentChannel(ctx.payload.name);
      if (ctx.payload.inviteUserIds.length) await slack.invite(ch.id, ctx.payload.inviteUserIds);
      return done({ channelId: ch.id, name: ch.name });
    },
    async reconcile(_job, ctx) {
      const ch = await need(c.slack, 'Slack client').findChannelByName(ctx.payload.name);
      return found(ch, (x: { id: string; name: string }) => ({ channelId: x.id, name: x.name }));
    },
  };
  const postMessage: Ex<'slack.postMessage'> = {
    async send(job, ctx) {
      const r = await need(c.slack, 'Slack client').postMessage(channel(job, ctx), ctx.payload.text, {
        marker: markerFor(job.id),
      });
      return done(r);
    },
    async reconcile(job, ctx) {
      const ch = channel(job, ctx);
      const m = await need(c.slack, 'Slack client').findMessageByMarker(ch, markerFor(job.id));
      return found(m, (x: { ts: string }) => ({ channel: ch, ts: x.ts }));
    },
  };
  const createIncident: Ex<'pagerduty.createIncident'> = {
    async send(job, ctx) {
      const pd = need(c.pagerduty, 'PagerDuty client');
      const serviceId = need(credentials('pagerduty')?.config.defaultServiceId, 'PagerDuty service');
      const r = await pd.createIncident({
        serviceId,
        title: ctx.payload.title,
        details: ctx.payload.details,
        incidentKey: incidentKeyFor(id(job)),
        assigneeUserId: ctx.payload.assigneeUserId,
      });
      return done({ incidentId: r.incident.id });
    },
    async reconcile(job) {
      const i = await need(c.pagerduty, 'PagerDuty client').findIncidentByKey(incidentKeyFor(id(job)));
      return found(i, (x: { id: string }) => ({ incidentId: x.id }));
    },
  };
  const pdNote: Ex<'pagerduty.addNote'> = {
    async send(job, ctx) {
      const n = await need(c.pagerduty, 'PagerDuty client').addNote(
        pdIncident(job, ctx),
        withMarker(ctx.payload.content, markerFor(job.id), 'pagerduty.note'),
      );
      return done({ noteId: n.id });
    },
    async reconcile(job, ctx) {
      const n = await need(c.pagerduty, 'PagerDuty client').findNoteByMarker(pdIncident(job, ctx), markerFor(job.id));
      return found(n, (x: { id: string }) => ({ noteId: x.id }));
    },
  };
  const pdSimple = <
    K extends 'pagerduty.acknowledge' | 'pagerduty.resolve' | 'pagerduty.reassign' | 'pagerduty.statusUpdate',
  >(
    call: (incident: string, ctx: ExecContext<K>) => Promise<unknown>,
  ): Ex<K> => ({
    async send(job, ctx) {
      await call(pdIncident(job, ctx as ExecContext<JobKind>), ctx);
      return done({ ok: true });
    },
    reconcile: resend,
  });
  const pd = () => need(c.pagerduty, 'PagerDuty client');
  const fdConv = <K extends 'freshdesk.reply' | 'freshdesk.addNote'>(kind: K): Ex<K> => ({
    async send(job, ctx) {
      const p = ctx.payload as { body: string; private?: boolean };
      const fd = need(c.freshdesk, 'Freshdesk client');
      const t = ticket(job, ctx as ExecContext<JobKind>);
      const conv =
        kind === 'freshdesk.reply'
          ? await fd.reply(t, withMarker(p.body, markerFor(job.id), 'freshdesk.reply'))
          : await fd.addNote(t, withMarker(p.body, markerFor(job.id), 'freshdesk.note'), p.private ?? true);
      return done({ conversationId: conv.id });
    },
    async reconcile(job, ctx) {
      const conv = await need(c.freshdesk, 'Freshdesk client').findConversationByMarker(
        ticket(job, ctx as ExecContext<JobKind>),
        markerFor(job.id),
      );
      return found(conv, (x: { id: number }) => ({ conversationId: x.id }));
    },
  });
  const updateTicket: Ex<'freshdesk.updateTicket'> = {
    async send(job, ctx) {
      await need(c.freshdesk, 'Freshdesk client').updateTicket(ticket(job, ctx), ctx.payload);
      return done({ ok: true });
    },
    reconcile: resend,
  };
  return {
    'slack.createChannel': createChannel,
    'slack.postMessage': postMessage,
    'pagerduty.createIncident': createIncident,
    'pagerduty.addNote': pdNote,
    'pagerduty.acknowledge': pdSimple<'pagerduty.acknowledge'>((i) => pd().acknowledge(i)),
    'pagerduty.resolve': pdSimple<'pagerduty.resolve'>((i) => pd().resolve(i)),
    'pagerduty.reassign': pdSimple<'pagerduty.reassign'>((i, ctx) => pd().reassign(i, ctx.payload.assigneeUserId)),
    'pagerduty.statusUpdate': pdSimple<'pagerduty.statusUpdate'>((i, ctx) => pd().statusUpdate(i, ctx.payload.message)),
    'freshdesk.reply': fdConv('freshdesk.reply'),
    'freshdesk.addNote': fdConv('freshdesk.addNote'),
    'freshdesk.updateTicket': updateTicket,
  };
}
