// Freshdesk publishes no OpenAPI file: its documented answers in API-CONTRACTS.md are the contract. Each example,
// verbatim, is served to our real Freshdesk client, which must read what Conn uses from it.
import { describe, expect, it } from 'vitest';
import { createFreshdeskClient } from '../../src/main/core/integrations';
import { contractExample } from './vendorDocs';

const ticket = contractExample('#### 3.6.1') as {
  id: number;
  subject: string;
  status: number;
  requester: { name: string };
};
const reply = contractExample('#### 3.6.3') as { id: number; ticket_id: number };
const agent = contractExample('#### 3.6.6') as { id: number; contact: { name: string } };

/** A Freshdesk that answers each call with the documented example (201 for creates), recording what was asked. */
function documentedFreshdesk() {
  const asked: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    asked.push(`${method} ${url.pathname}`);
    const p = url.pathname.replace(/^\/api\/v2/, '');
    const body =
      method === 'POST' && /^\/tickets\/\d+\/reply$/.test(p)
        ? reply
        : /^\/tickets\/\d+$/.test(p)
          ? ticket
          : p === '/agents/me'
            ? agent
            : p === '/agents'
              ? [agent]
              : undefined;
    if (body === undefined) return new Response('', { status: 404 });
    return new Response(JSON.stringify(body), {
      status: method === 'POST' ? 201 : 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return {
    asked,
    client: createFreshdeskClient(
      { domain: 'acme', apiKey: 'contract-key', baseUrl: 'https://acme.freshdesk.com/api/v2' },
      { fetch },
    ),
  };
}

describe('Freshdesk client against the documented examples of API-CONTRACTS.md', () => {
  it('reads the documented ticket (View ticket, and the answer of Update ticket)', async () => {
    const { client } = documentedFreshdesk();
    const t = await client.getTicket(ticket.id);
    expect(t).toMatchObject({
      id: ticket.id,
      subject: ticket.subject,
      status: ticket.status,
      requester: { name: ticket.requester.name },
    });
    expect((await client.updateTicket(ticket.id, { status: 3 })).id).toBe(ticket.id);
  });

  it('reads the documented reply answer, which has no incoming/private, as a public reply', async () => {
    const { client } = documentedFreshdesk();
    const c = await client.reply(reply.ticket_id, '<p>We are investigating.</p>');
    expect(c.id).toBe(reply.id);
    expect(c.private ?? false).toBe(false);
    expect(c.incoming ?? false).toBe(false);
  });

  it('reads the documented agent (agents/me and the agent list)', async () => {
    const { client } = documentedFreshdesk();
    expect((await client.identify()).contact.name).toBe(agent.contact.name);
    expect((await client.listAgents()).map((a) => a.id)).toEqual([agent.id]);
  });
});
