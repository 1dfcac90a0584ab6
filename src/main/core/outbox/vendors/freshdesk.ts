// Freshdesk executors: public replies and notes carry the job's marker (an HTML comment in replies, so the
// requester never sees it) and are reconciled by finding it in the conversation; ticket updates by reading the ticket.
import { markerFor, withMarker } from '../../integrations';
import type { FdConversation } from '../../integrations/freshdesk/schemas';
import type { OutboxJob } from '../../../../shared/outbox';
import type { ExecOutcome, Executor, ReconcileOutcome } from '../executors';
import { asFailure, live, refuse, textToHtml, type LiveVendors } from './common';

export const NO_TICKET = 'This incident has no Freshdesk ticket link (…/tickets/<number>), so Conn cannot write on it.';

const ticketOf = (ctx: { links: { freshdeskTicketId?: number } }): number => {
  const id = ctx.links.freshdeskTicketId;
  if (id === undefined) throw refuse(NO_TICKET);
  return id;
};

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
      const ticket = ctx.links.freshdeskTicketId;
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
      const ticket = ctx.links.freshdeskTicketId;
      if (ticket === undefined) return { status: 'not_sent' };
      const t = await live('freshdesk', v.freshdesk()).client.getTicket(ticket);
      const statusOk = ctx.payload.status === undefined || t.status === ctx.payload.status;
      const responderOk = ctx.payload.responderId === undefined || t.responder_id === ctx.payload.responderId;
      return statusOk && responderOk
        ? { status: 'done', result: { ticketId: ticket, status: t.status } }
        : { status: 'not_sent' };
    },
  };
  return {
    'freshdesk.reply': conversation(v, 'freshdesk.reply'),
    'freshdesk.addNote': conversation(v, 'freshdesk.addNote'),
    'freshdesk.updateTicket': updateTicket,
  };
}
