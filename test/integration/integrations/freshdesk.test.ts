// Freshdesk client against the simulator: every call, Link pagination, canned responses and placeholders, errors.
import { describe, expect, it } from 'vitest';
import {
  createFreshdeskClient,
  fillPlaceholders,
  freshdeskMap,
  markerFor,
  normaliseFreshdeskDomain,
  ticketPlaceholderValues,
  withMarker,
} from '../../../src/main/core/integrations';
import { SIM_TICKET_ID } from '../../simulators';
import { caught, useSim } from './setup';

const t = useSim();

describe('Freshdesk client', () => {
  it('identifies the agent with Basic auth apiKey:X', async () => {
    expect((await t.clients().freshdesk.identify()).contact.email).toBe('alice@conn-sim.example');
    const auth = t.sim().requests({ vendor: 'freshdesk' })[0]!.headers.authorization!;
    expect(Buffer.from(auth.replace('Basic ', ''), 'base64').toString()).toBe(`${t.sim().tokens.freshdesk}:X`);
  });

  it('reads the ticket with its requester, and every conversation page until the Link header is gone', async () => {
    const fd = t.clients().freshdesk;
    const ticket = await fd.getTicket(SIM_TICKET_ID);
    expect(ticket).toMatchObject({ id: SIM_TICKET_ID, status: 2, requester: { name: 'Priya Raman' } });
    expect(ticket.subject).toMatch(/cannot start servers/);
    const fdState = t.sim().state.freshdesk;
    for (let i = 0; i < 204; i++)
      fdState.conversations.push({
        ...fdState.conversations[0]!,
        id: ++fdState.seq,
        body: `<p>note ${i}</p>`,
        body_text: `note ${i}`,
        incoming: false,
        private: true,
        source: 2,
      });
    const convs = await fd.listConversations(SIM_TICKET_ID);
    expect(convs).toHaveLength(205);
    const pages = t.sim().requests({ vendor: 'freshdesk', path: `/api/v2/tickets/${SIM_TICKET_ID}/conversations` });
    expect(pages).toHaveLength(3);
    expect(pages.map((p) => p.query.page?.[0])).toEqual([undefined, '2', '3']);
    expect(freshdeskMap.conversationToEntry(convs[0]!)).toMatchObject({
      source: 'freshdesk',
      kind: 'conversation.incoming',
      vendorRef: `conversation:${convs[0]!.id}`,
    });
  });

  it('refuses per_page above 100 as a validation error', async () => {
    const res = await fetch(`${t.sim().urls.freshdesk}/agents?per_page=101`, {
      headers: { authorization: `Basic ${Buffer.from(`${t.sim().tokens.freshdesk}:X`).toString('base64')}` },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      description: 'Validation failed',
      errors: [{ field: 'per_page', code: 'invalid_value' }],
    });
  });

  it('lists canned responses from the folders it may read and fills placeholders, reporting unknown ones', async () => {
    const fd = t.clients().freshdesk;
    const all = await fd.listAllCannedResponses();
    expect(all.map((r) => r.title)).toEqual(['incident first response', 'incident update', 'incident resolved']);
    const ticket = await fd.getTicket(SIM_TICKET_ID);
    const me = await fd.identify();
    const values = ticketPlaceholderValues(ticket, me);
    const filled = fillPlaceholders(all[0]!.content_html, values);
    expect(filled.unknown).toEqual([]);
    expect(filled.text).toContain('Hi Priya Raman');
    expect(filled.text).toContain(`#${SIM_TICKET_ID}`);
    expect(filled.text).toContain('Alice Jansen');
    const odd = fillPlaceholders(
      'Hi {{ ticket.requester.name }}, see {{ticket.status_page}} and {{ticket.status_page}} <{{x}}>',
      { 'ticket.requester.name': '<Eve>' },
    );
    expect(odd.text).toBe('Hi &lt;Eve&gt;, see {{ticket.status_page}} and {{ticket.status_page}} <{{x}}>');
    expect(odd.unknown).toEqual(['ticket.status_page', 'x']);
  });

  it('replies in public, adds a private note, finds them by marker, and updates status and responder', async () => {
    const fd = t.clients().freshdesk;
    const reply = await fd.reply(
      SIM_TICKET_ID,
      withMarker('<p>We are on it.</p>', markerFor('job-r'), 'freshdesk.reply'),
    );
    expect(reply).toMatchObject({ to_emails: ['priya@oceandata.example'] });
    const note = await fd.addNote(
      SIM_TICKET_ID,
      withMarker('<p>Internal: image rollback</p>', markerFor('job-n'), 'freshdesk.note'),
    );
    expect(note.private).toBe(true);
    expect(
      t
        .sim()
        .requests({ vendor: 'freshdesk', method: 'POST' })
        .map((r) => r.body),
    ).toEqual([
      { body: expect.stringContaining('<!-- [conn:job-r] -->') },
      { body: expect.stringContaining('[conn:job-n]'), private: true },
    ]);
    expect((await fd.findConversationByMarker(SIM_TICKET_ID, markerFor('job-r')))?.id).toBe(reply.id);
    expect((await fd.findConversationByMarker(SIM_TICKET_ID, markerFor('job-n')))?.id).toBe(note.id);
    expect(await fd.findConversationByMarker(SIM_TICKET_ID, markerFor('job-x'))).toBeNull();
    const updated = await fd.updateTicket(SIM_TICKET_ID, { status: 4, responderId: 770002 });
    expect(updated).toMatchObject({ status: 4, responder_id: 770002 });
    expect(t.sim().requests({ vendor: 'freshdesk', method: 'PUT' })[0]!.body).toEqual({
      status: 4,
      responder_id: 770002,
    });
    expect((await fd.listAgents()).map((a) => a.id)).toEqual([770001, 770002, 770003]);
  });

  it('classifies invalid values, unknown tickets (empty 404 body), bad keys and 429 with Retry-After', async () => {
    const fd = t.clients().freshdesk;
    expect(await caught(fd.updateTicket(SIM_TICKET_ID, { status: 9 }))).toMatchObject({
      kind: 'validation',
      status: 400,
      vendorCode: 'invalid_value',
      vendorMessage: expect.stringContaining('status'),
    });
    expect(await caught(fd.getTicket(1))).toMatchObject({ kind: 'not_found', status: 404 });
    const sim = t.sim();
    const bad = createFreshdeskClient({ domain: 'conn-sim', apiKey: 'wrongKey', baseUrl: sim.urls.freshdesk });
    expect(await caught(bad.identify())).toMatchObject({
      kind: 'auth',
      status: 401,
      vendorCode: 'invalid_credentials',
    });
    sim.fault({ vendor: 'freshdesk', action: { type: 'rate_limit', waitSeconds: 12 } });
    expect(await caught(fd.identify())).toMatchObject({ kind: 'rate_limited', retryAfterMs: 12_000 });
  });

  it('normalises domains and refuses impossible ones', () => {
    expect(normaliseFreshdeskDomain('https://Acme.freshdesk.com/')).toBe('acme');
    expect(normaliseFreshdeskDomain('acme')).toBe('acme');
    expect(normaliseFreshdeskDomain('not a domain')).toBeNull();
    expect(normaliseFreshdeskDomain('-x')).toBeNull();
  });
});
