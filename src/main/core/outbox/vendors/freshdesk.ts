// Freshdesk executors: public replies and notes carry the job's marker (an HTML comment in replies, so the
// requester never sees it) and are reconciled by finding it in the conversation; ticket updates by reading the ticket.
import { markerFor, withMarker } from '../../integrations';
import type { FdConversation } from '../../integrations/freshdesk/schemas';
import type { OutboxJob } from '../../../../shared/outbox';
import type { ExecOutcome, Executor, ReconcileOutcome } from '../executors';
import { asFailure, live, refuse, textToHtml, type LiveVendors } from './common';

export const NO_TICKET = 'This incident has no Freshdesk ticket link (…/tickets/<number>), so Conn cannot write on it.';

type TicketCtx = {
  links: { freshdeskTicketId?: number; communityTickets?: Record<string, number> };
  payload: unknown;
};

/** Where a reply or note goes: the payload's ticket, a community's own ticket (opened by Conn), or the incident's. */
const targetTicket = (ctx: TicketCtx): number | undefined => {
  const p = ctx.payload as { ticketId?: number; community?: string };
  if (p.ticketId !== undefined) return p.ticketId;
  if (p.community !== undefined) return ctx.links.communityTickets?.[p.community];
  return ctx.links.freshdeskTicketId;
};

const ticketOf = (ctx: TicketCtx): number => {
  const id = targetTicket(ctx);
  if (id !== undefined) return id;
  const community = (ctx.payload as { community?: string }).community;
  throw refuse(
    community === undefined
      ? NO_TICKET
      : `Conn has not opened a Freshdesk ticket for ${community} yet (its "Open a ticket" job must be sent first).`,
  );
};

/** How far before the claim a created ticket is looked for (clocks differ; Freshdesk's updated_since is inclusive). */
const CREATE_LOOKBACK_MS = 10 * 60_000;

const convResult = (ticketId: number, c: FdConversation) => ({ ticketId, conversationId: c.id });

function conversation<K extends 'freshdesk.reply' | 'freshdesk.addNote'>(v: LiveVendors, kind: K): Executor<K> {
  const where = kind === 'freshdesk.reply' ? 'freshdesk.reply' : 'freshdesk.note';
  return {
    async send(job: OutboxJob, ctx): Promise<ExecOutcome> {
      try {
        const fd = live('freshdesk', v.freshdesk()).client;
        const ticket = ticketOf(ctx);
        const body = withMarker(textToHtml(ctx.payload.body), markerFor(job.id), where);
        const c =
          kind === 'freshdesk.reply'
            ? await fd.reply(ticket, body)
            : await fd.addNote(ticket, body, (ctx.payload as { private?: boolean }).private ?? true);
        return { status: 'done', result: convResult(ticket, c) };
      } catch (err) {
        return { status: 'failed', failure: asFailure(err) };
      }
    },
    async reconcile(job, ctx): Promise<ReconcileOutcome> {
      const ticket = targetTicket(ctx);
      if (ticket === undefined) return { status: 'not_sent' };
      const c = await live('freshdesk', v.freshdesk()).client.findConversationByMarker(ticket, markerFor(job.id));
      return c ? { status: 'done', result: convResult(ticket, c) } : { status: 'not_sent' };
    },
  };
}

export function freshdeskExecutors(v: LiveVendors) {
  const updateTicket: Executor<'freshdesk.updateTicket'> = {
    async send(_job, ctx) {
      try {
        const ticket = ticketOf(ctx);
        const t = await live('freshdesk', v.freshdesk()).client.updateTicket(ticket, ctx.payload);
        return { status: 'done', result: { ticketId: ticket, status: t.status } };
      } catch (err) {
        return { status: 'failed', failure: asFailure(err) };
      }
    },
    async reconcile(_job, ctx) {
      const ticket = targetTicket(ctx);
      if (ticket === undefined) return { status: 'not_sent' };
      const t = await live('freshdesk', v.freshdesk()).client.getTicket(ticket);
      const statusOk = ctx.payload.status === undefined || t.status === ctx.payload.status;
      const responderOk = ctx.payload.responderId === undefined || t.responder_id === ctx.payload.responderId;
      return statusOk && responderOk
        ? { status: 'done', result: { ticketId: ticket, status: t.status } }
        : { status: 'not_sent' };
    },
  };
  // A community without a ticket: a new outbound ticket to its contact, the marker hidden in the description; after a
  // lost answer it is looked for among the requester's recent tickets and never created twice.
  const createTicket: Executor<'freshdesk.createTicket'> = {
    async send(job, ctx) {
      try {
        const t = await live('freshdesk', v.freshdesk()).client.createTicket({
          email: ctx.payload.email,
          subject: ctx.payload.subject,
          descriptionHtml: withMarker(textToHtml(ctx.payload.body), markerFor(job.id), 'freshdesk.reply'),
        });
        return { status: 'done', result: { ticketId: t.id, community: ctx.payload.community } };
      } catch (err) {
        return { status: 'failed', failure: asFailure(err) };
      }
    },
    async reconcile(job, ctx) {
      const since = (ctx.claimedAt ?? Date.parse(job.createdAt)) - CREATE_LOOKBACK_MS;
      const t = await live('freshdesk', v.freshdesk()).client.findTicketByMarker(
        ctx.payload.email,
        markerFor(job.id),
        new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      );
      return t
        ? { status: 'done', result: { ticketId: t.id, community: ctx.payload.community } }
        : { status: 'not_sent' };
    },
  };
  return {
    'freshdesk.createTicket': createTicket,
    'freshdesk.reply': conversation(v, 'freshdesk.reply'),
    'freshdesk.addNote': conversation(v, 'freshdesk.addNote'),
    'freshdesk.updateTicket': updateTicket,
  };
}
