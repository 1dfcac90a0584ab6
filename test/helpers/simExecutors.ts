// Test-only outbox executors that call the real vendor clients (against the simulators). They stand in for
// helper W1's createExecutors until it lands: send with the marker, reconcile by looking for it.
import type { VendorClients } from '../../src/main/core/integrations';
import { incidentKeyFor, markerFor, withMarker } from '../../src/main/core/integrations';
import type { ExecContext, ExecOutcome, Executor, ExecutorRegistry } from '../../src/main/core/outbox/executors';
import type { JobKind, OutboxJob } from '../../src/shared/outbox';

type Send<K extends JobKind> = (job: OutboxJob, ctx: ExecContext<K>) => Promise<unknown>;

const need = <T>(v: T | null | undefined, what: string): T => {
  if (v === null || v === undefined) throw Object.assign(new Error(`no ${what} for this incident yet`), { kind: 'validation' });
  return v;
};

export function simExecutors(clients: VendorClients, serviceId = 'PSVC001'): ExecutorRegistry {
  const make = <K extends JobKind>(send: Send<K>): Executor<K> => ({
    async send(job, ctx): Promise<ExecOutcome> {
      return { status: 'done', result: await send(job, ctx) };
    },
    async reconcile() {
      return { status: 'not_sent' };
    },
  });
  const pd = () => need(clients.pagerduty, 'PagerDuty client');
  const fd = () => need(clients.freshdesk, 'Freshdesk client');
  const sl = () => need(clients.slack, 'Slack client');
  return {
    'slack.createChannel': make<'slack.createChannel'>(async (_j, c) => {
      const r = await sl().createIncidentChannel(c.payload.name);
      return { channelId: r.channel.id, name: r.channel.name };
    }),
    'slack.postMessage': make<'slack.postMessage'>(async (_j, c) =>
      sl().postMessage(need(c.links.slackChannelId, 'Slack channel'), c.payload.text, { marker: c.marker }),
    ),
    'pagerduty.createIncident': make<'pagerduty.createIncident'>(async (j, c) => {
      const r = await pd().createIncident({
        serviceId,
        title: c.payload.title,
        details: c.payload.details,
        incidentKey: incidentKeyFor(j.incidentId ?? j.id),
        assigneeUserId: c.payload.assigneeUserId,
      });
      return { incidentId: r.incident.id, htmlUrl: r.incident.html_url };
    }),
    'pagerduty.reassign': make<'pagerduty.reassign'>(async (_j, c) => {
      await pd().reassign(need(c.links.pagerdutyIncidentId, 'PagerDuty incident'), c.payload.assigneeUserId);
      return { ok: true };
    }),
    'pagerduty.addNote': make<'pagerduty.addNote'>(async (_j, c) => {
      const n = await pd().addNote(need(c.links.pagerdutyIncidentId, 'PagerDuty incident'), withMarker(c.payload.content, c.marker, 'pagerduty.note'));
      return { noteId: n.id };
    }),
    'pagerduty.acknowledge': make<'pagerduty.acknowledge'>(async (_j, c) => pd().acknowledge(need(c.links.pagerdutyIncidentId, 'PagerDuty incident')).then(() => ({ ok: true }))),
    'pagerduty.statusUpdate': make<'pagerduty.statusUpdate'>(async (_j, c) =>
      pd().statusUpdate(need(c.links.pagerdutyIncidentId, 'PagerDuty incident'), c.payload.message).then(() => ({ ok: true })),
    ),
    'freshdesk.reply': make<'freshdesk.reply'>(async (_j, c) =>
      fd().reply(need(c.links.freshdeskTicketId, 'ticket'), withMarker(c.payload.body, c.marker, 'freshdesk.reply')).then((r) => ({ conversationId: r.id })),
    ),
    'freshdesk.updateTicket': make<'freshdesk.updateTicket'>(async (_j, c) =>
      fd().updateTicket(need(c.links.freshdeskTicketId, 'ticket'), { status: c.payload.status, responderId: c.payload.responderId }).then(() => ({ ok: true })),
    ),
  };
}
export { markerFor };
