// Small typed fetch client for the Freshdesk API v2 calls Conn makes (Basic auth with `apiKey:X`).
import type { z } from 'zod';
import { VendorError, kindForStatus, parseRetryAfter, vendorErrorFrom } from '../errors';
import { buildUrl, parseWith, send, type ClassifyAnswer, type HttpDeps } from '../http';
import { walkPages } from '../paging';
import * as S from './schemas';

export interface FreshdeskConfig {
  /** The account's subdomain (`acme` for acme.freshdesk.com); a full `acme.freshdesk.com` is accepted too. */
  domain: string;
  apiKey: string;
  /** Overrides `https://<domain>.freshdesk.com/api/v2` (simulators). */
  baseUrl?: string;
}

const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Normalises a Freshdesk domain, or returns null when it cannot be one. */
export function normaliseFreshdeskDomain(input: string): string | null {
  const d = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/\.freshdesk\.com$/, '');
  return DOMAIN.test(d) ? d : null;
}

export const freshdeskBaseUrl = (domain: string): string =>
  `https://${normaliseFreshdeskDomain(domain) ?? domain}.freshdesk.com/api/v2`;

/** Agent-facing link to a ticket (for PagerDuty details and Slack posts). */
export const freshdeskTicketUrl = (domain: string, ticketId: number): string =>
  `https://${normaliseFreshdeskDomain(domain) ?? domain}.freshdesk.com/a/tickets/${ticketId}`;

/** Freshdesk status numbers (accounts may add custom ones ≥ 6: never map unknown numbers to Open). */
export const ticketStatus = { open: 2, pending: 3, resolved: 4, closed: 5 } as const;

type Query = Record<string, string | number | undefined>;

export function createFreshdeskClient(config: FreshdeskConfig, deps: HttpDeps = {}) {
  const base = config.baseUrl ?? freshdeskBaseUrl(config.domain);
  const secrets = [config.apiKey];
  const auth = `Basic ${Buffer.from(`${config.apiKey}:X`).toString('base64')}`;

  async function request(operation: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
    const headers: Record<string, string> = { Authorization: auth, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return send(deps, {
      vendor: 'freshdesk',
      operation,
      url,
      method,
      headers,
      body,
      secrets,
      classify: classifyFreshdesk,
    });
  }

  async function call<Sch extends z.ZodType>(
    operation: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: Sch,
    opts: { query?: Query; body?: unknown } = {},
  ) {
    const res = await request(operation, method, buildUrl(base, path, opts.query), opts.body);
    return parseWith(schema, res.body, 'freshdesk', operation, method !== 'GET');
  }

  /** Follows `Link: <…>; rel="next"` until it is absent (the last page has none), bounded (see paging.ts). */
  function all<T>(operation: string, path: string, schema: z.ZodType<T[]>, query: Query = {}): Promise<T[]> {
    const first = buildUrl(base, path, { ...query, per_page: 100 });
    return walkPages<T, string>({
      vendor: 'freshdesk',
      operation,
      start: first,
      ...(deps.maxPages ? { maxPages: deps.maxPages } : {}),
      fetchPage: async (at) => {
        const res = await request(operation, 'GET', at ?? first);
        return {
          items: parseWith(schema, res.body, 'freshdesk', operation),
          next: nextLink(res.headers.get('link'), base),
        };
      },
    });
  }

  const client = {
    identify: () => call('identify', 'GET', '/agents/me', S.agent),
    listAgents: () => all('listAgents', '/agents', S.agents),
    /** The ticket with its requester (for placeholders). */
    getTicket: (ticketId: number) =>
      call('getTicket', 'GET', `/tickets/${ticketId}`, S.ticket, { query: { include: 'requester' } }),
    listConversations: (ticketId: number) =>
      all('listConversations', `/tickets/${ticketId}/conversations`, S.conversations),
    listCannedFolders: () => call('listCannedFolders', 'GET', '/canned_response_folders', S.cannedFolders),
    listCannedResponses: (folderId: number) =>
      call('listCannedResponses', 'GET', `/canned_response_folders/${folderId}/responses`, S.cannedResponses),

    /** Every canned response the agent can use; folders it may not read (403) are skipped. */
    async listAllCannedResponses(): Promise<S.FdCannedResponse[]> {
      const out: S.FdCannedResponse[] = [];
      for (const folder of await client.listCannedFolders()) {
        try {
          out.push(...(await client.listCannedResponses(folder.id)));
        } catch (e) {
          if (!(e instanceof VendorError && e.kind === 'permission')) throw e;
        }
      }
      return out;
    },

    /** Public reply: e-mails the requester. */
    reply: (ticketId: number, bodyHtml: string) =>
      call('reply', 'POST', `/tickets/${ticketId}/reply`, S.conversation, { body: { body: bodyHtml } }),

    /** Note; `private` is always sent explicitly (Freshdesk defaults to private). */
    addNote: (ticketId: number, bodyHtml: string, isPrivate = true) =>
      call('addNote', 'POST', `/tickets/${ticketId}/notes`, S.conversation, {
        body: { body: bodyHtml, private: isPrivate },
      }),

    /** Sends only the changed fields (unknown keys are rejected by Freshdesk). */
    updateTicket: (ticketId: number, change: { status?: number; responderId?: number | null }) =>
      call('updateTicket', 'PUT', `/tickets/${ticketId}`, S.ticket, {
        body: {
          ...(change.status !== undefined ? { status: change.status } : {}),
          ...(change.responderId !== undefined ? { responder_id: change.responderId } : {}),
        },
      }),

    /**
     * A new ticket to a requester (created as a contact when Freshdesk does not know the e-mail yet), open, with the
     * description e-mailed to them. Freshdesk has no idempotency key: reconcile with `findTicketByMarker`.
     */
    createTicket: (t: { email: string; subject: string; descriptionHtml: string }) =>
      call('createTicket', 'POST', '/tickets', S.ticket, {
        body: { email: t.email, subject: t.subject, description: t.descriptionHtml, status: 2, priority: 2 },
      }),

    /**
     * Reconciliation of `createTicket`: among the requester's tickets updated since `sinceIso` (descriptions
     * included), the one whose description carries the marker, or null.
     */
    async findTicketByMarker(email: string, marker: string, sinceIso: string): Promise<S.FdTicket | null> {
      const list = await all('listTickets', '/tickets', S.tickets, {
        email,
        updated_since: sinceIso,
        include: 'description',
      });
      return (
        list.find((t) => (t.description ?? '').includes(marker) || (t.description_text ?? '').includes(marker)) ?? null
      );
    },

    /** Reconciliation: the ticket conversation whose body carries the marker, or null. */
    async findConversationByMarker(ticketId: number, marker: string): Promise<S.FdConversation | null> {
      const convs = await client.listConversations(ticketId);
      return convs.find((c) => c.body.includes(marker) || (c.body_text ?? '').includes(marker)) ?? null;
    },
  };
  return client;
}

export type FreshdeskClient = ReturnType<typeof createFreshdeskClient>;

/** The `rel="next"` URL of a Link header, only when it points at the same origin as the base URL. */
export function nextLink(link: string | null, base: string): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (!m) continue;
    try {
      const u = new URL(m[1]!, base);
      return u.origin === new URL(base).origin ? u.toString() : null;
    } catch {
      return null;
    }
  }
  return null;
}

export const classifyFreshdesk: ClassifyAnswer = (operation, { status, headers, json }, isWrite) => {
  const parsed = S.errorBody.safeParse(json);
  const b = parsed.success ? parsed.data : {};
  const fieldErrors = (b.errors ?? []).map((e) => [e.field, e.message].filter(Boolean).join(': '));
  const message = [
    b.description ?? b.message ?? (status === 404 ? 'not found' : `HTTP ${status}`),
    ...fieldErrors,
  ].join('; ');
  const code = b.code ?? b.errors?.[0]?.code;
  let kind = kindForStatus(status);
  if (status === 400 && b.errors?.some((e) => e.code === 'duplicate_value')) kind = 'conflict';
  const retryAfterMs = status === 429 ? parseRetryAfter(headers.get('retry-after')) : undefined;
  return vendorErrorFrom('freshdesk', operation, status, isWrite, { kind, message, code, retryAfterMs });
};
