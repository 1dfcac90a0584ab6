// Freshdesk v2 simulator: Basic auth, bare objects/arrays, Link pagination, strict bodies, X-RateLimit-* and
// Retry-After.
import type { SimRequest, SimResponse } from './types';

export interface FdAgentRec {
  id: number;
  name: string;
  email: string;
  groupIds: number[];
}
export interface FdContactRec {
  id: number;
  name: string;
  email: string;
}
export interface FdTicketRec {
  id: number;
  subject: string;
  description: string;
  status: number;
  priority: number;
  source: number;
  type: string | null;
  requester_id: number;
  responder_id: number | null;
  group_id: number | null;
  tags: string[];
  created_at: string;
  updated_at: string;
}
export interface FdConversationRec {
  id: number;
  body: string;
  body_text: string;
  incoming: boolean;
  private: boolean;
  user_id: number;
  source: number;
  ticket_id: number;
  from_email: string | null;
  to_emails: string[];
  created_at: string;
  updated_at: string;
}
export interface FdFolderRec {
  id: number;
  name: string;
  personal: boolean;
  ownerAgentId?: number;
}
export interface FdCannedRec {
  id: number;
  title: string;
  folder_id: number;
  content_html: string;
}

export interface FdState {
  apiKeys: Map<string, { agentId: number; revoked: boolean }>;
  agents: FdAgentRec[];
  contacts: FdContactRec[];
  tickets: FdTicketRec[];
  conversations: FdConversationRec[];
  folders: FdFolderRec[];
  canned: FdCannedRec[];
  seq: number;
  rate: { perMinute: number; window: { start: number; used: number } };
}

export const newFdState = (): FdState => ({
  apiKeys: new Map(),
  agents: [],
  contacts: [],
  tickets: [],
  conversations: [],
  folders: [],
  canned: [],
  seq: 82000005000,
  rate: { perMinute: 400, window: { start: 0, used: 0 } },
});

const validation = (errors: { field: string; message: string; code: string }[], status = 400): SimResponse => ({
  status,
  body: { description: 'Validation failed', errors },
});
const stripHtml = (s: string) =>
  s
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, '')
    .trim();

export function freshdeskHandler(state: FdState, now: () => number) {
  const iso = () => new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const agentJson = (a: FdAgentRec) => ({
    id: a.id,
    type: 'support_agent',
    available: true,
    occasional: false,
    ticket_scope: 1,
    signature: null,
    group_ids: a.groupIds,
    role_ids: [1],
    skill_ids: [],
    focus_mode: true,
    available_since: null,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    contact: {
      name: a.name,
      email: a.email,
      active: true,
      job_title: null,
      language: 'en',
      mobile: null,
      phone: null,
      time_zone: 'Amsterdam',
      last_login_at: null,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
    },
  });
  const ticketJson = (t: FdTicketRec, include: string[]) => {
    const requester = state.contacts.find((c) => c.id === t.requester_id);
    return {
      ...t,
      description_text: stripHtml(t.description),
      company_id: null,
      product_id: null,
      email_config_id: null,
      cc_emails: [],
      fwd_emails: [],
      reply_cc_emails: [],
      to_emails: null,
      custom_fields: {},
      due_by: t.created_at,
      fr_due_by: t.created_at,
      is_escalated: false,
      fr_escalated: false,
      spam: false,
      attachments: [],
      ...(include.includes('requester') && requester
        ? { requester: { id: requester.id, name: requester.name, email: requester.email, mobile: null, phone: null } }
        : {}),
    };
  };
  /** The reply answer exactly as documented (API-CONTRACTS §3.6.3): no `incoming`, `private` or `source`. */
  const replyJson = (c: FdConversationRec) => ({
    id: c.id,
    body: c.body,
    body_text: c.body_text,
    user_id: c.user_id,
    from_email: c.from_email,
    to_emails: c.to_emails,
    cc_emails: [],
    bcc_emails: [],
    ticket_id: c.ticket_id,
    attachments: [],
    created_at: c.created_at,
    updated_at: c.updated_at,
  });
  const convJson = (c: FdConversationRec) => ({
    ...c,
    support_email: null,
    cc_emails: [],
    bcc_emails: [],
    attachments: [],
    last_edited_at: null,
    last_edited_user_id: null,
  });

  function paginate(req: SimRequest, items: unknown[]): SimResponse {
    const perPage = Number(req.query.get('per_page') ?? 30);
    const page = Number(req.query.get('page') ?? 1);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
      return validation([
        { field: 'per_page', message: 'Has to be greater than 0 and less than 101', code: 'invalid_value' },
      ]);
    if (!Number.isInteger(page) || page < 1)
      return validation([{ field: 'page', message: 'Has to be greater than 0', code: 'invalid_value' }]);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(req.baseUrl + req.path);
      req.query.forEach((v, k) => next.searchParams.set(k, v));
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      headers.link = `<${next.toString()}>; rel="next"`;
    }
    return { status: 200, headers, body: slice };
  }

  function rate(): { headers: Record<string, string>; exceeded: boolean; reset: number } {
    const t = now();
    if (t - state.rate.window.start >= 60_000) state.rate.window = { start: t, used: 0 };
    state.rate.window.used++; // invalid requests count too
    const remaining = state.rate.perMinute - state.rate.window.used;
    return {
      headers: {
        'x-ratelimit-total': String(state.rate.perMinute),
        'x-ratelimit-remaining': String(Math.max(0, remaining)),
        'x-ratelimit-used-currentrequest': '1',
      },
      exceeded: remaining < 0,
      reset: Math.max(1, Math.ceil((state.rate.window.start + 60_000 - t) / 1000)),
    };
  }

  return function handle(req: SimRequest): SimResponse {
    const r = rate();
    const withRate = (res: SimResponse): SimResponse => ({ ...res, headers: { ...r.headers, ...(res.headers ?? {}) } });
    const m = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const decoded = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const key = state.apiKeys.get(colon > 0 ? decoded.slice(0, colon) : '');
    if (!key || key.revoked)
      return withRate({
        status: 401,
        body: { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' },
      });
    if (r.exceeded)
      return withRate({
        status: 429,
        headers: { 'retry-after': String(r.reset) },
        body: { message: 'You have exceeded the limit of requests per minute' },
      });
    if (
      (req.method === 'POST' || req.method === 'PUT') &&
      !(req.headers['content-type'] ?? '').startsWith('application/json')
    )
      return withRate({
        status: 415,
        body: { code: 'invalid_content_type', message: 'Content-Type header should have application/json' },
      });
    return withRate(
      route(
        req,
        state.agents.find((a) => a.id === key.agentId)!,
      ),
    );
  };

  function route(req: SimRequest, me: FdAgentRec): SimResponse {
    const p = req.path
      .replace(/^\/api\/v2/, '')
      .split('/')
      .filter(Boolean);
    const get = req.method === 'GET';
    if (get && p[0] === 'agents' && p[1] === 'me') return { status: 200, body: agentJson(me) };
    if (get && p[0] === 'agents' && p.length === 1) {
      const email = req.query.get('email');
      return paginate(
        req,
        state.agents.filter((a) => !email || a.email.toLowerCase() === email.toLowerCase()).map(agentJson),
      );
    }
    if (get && p[0] === 'canned_response_folders' && p.length === 1)
      return {
        status: 200,
        body: state.folders
          .filter((f) => !f.personal || f.ownerAgentId === me.id)
          .map((f) => ({
            id: f.id,
            name: f.name,
            personal: f.personal,
            responses_count: state.canned.filter((c) => c.folder_id === f.id).length,
            created_at: '2024-01-01T00:00:00Z',
            updated_at: '2024-01-01T00:00:00Z',
          })),
      };
    if (get && p[0] === 'canned_response_folders' && p[2] === 'responses') {
      const f = state.folders.find((x) => x.id === Number(p[1]));
      if (!f) return { status: 404 };
      if (f.personal && f.ownerAgentId !== me.id)
        return {
          status: 403,
          body: { code: 'access_denied', message: 'You are not authorized to perform this action.' },
        };
      return {
        status: 200,
        body: state.canned
          .filter((c) => c.folder_id === f.id)
          .map((c) => ({
            ...c,
            content: stripHtml(c.content_html),
            attachments: [],
            created_at: '2024-01-01T00:00:00Z',
            updated_at: '2024-01-01T00:00:00Z',
          })),
      };
    }
    if (p[0] === 'tickets' && p.length === 1 && req.method === 'POST') return createTicket(req);
    if (p[0] === 'tickets' && p.length === 1 && get) return listTickets(req);
    if (p[0] !== 'tickets' || !p[1]) return { status: 404 };
    const ticket = state.tickets.find((t) => t.id === Number(p[1]));
    if (!ticket) return { status: 404 }; // Freshdesk 404s often have an empty body
    if (get && p.length === 2)
      return { status: 200, body: ticketJson(ticket, (req.query.get('include') ?? '').split(',')) };
    if (get && p[2] === 'conversations')
      return paginate(req, state.conversations.filter((c) => c.ticket_id === ticket.id).map(convJson));
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (req.method === 'POST' && (p[2] === 'reply' || p[2] === 'notes')) {
      const allowed =
        p[2] === 'reply'
          ? ['body', 'from_email', 'user_id', 'cc_emails', 'bcc_emails']
          : ['body', 'private', 'incoming', 'notify_emails', 'user_id'];
      const extra = Object.keys(body).filter((k) => !allowed.includes(k));
      if (extra.length)
        return validation(
          extra.map((f) => ({ field: f, message: 'Unexpected/invalid field in request', code: 'invalid_field' })),
        );
      if (typeof body.body !== 'string' || body.body.trim() === '')
        return validation([{ field: 'body', message: 'Mandatory attribute missing', code: 'missing_field' }]);
      if (body.private !== undefined && typeof body.private !== 'boolean')
        return validation([
          {
            field: 'private',
            message: 'Value set is of type String.It should be a/an Boolean',
            code: 'datatype_mismatch',
          },
        ]);
      const requester = state.contacts.find((c) => c.id === ticket.requester_id);
      const isReply = p[2] === 'reply';
      const t = iso();
      const c: FdConversationRec = {
        id: ++state.seq,
        body: body.body,
        body_text: stripHtml(body.body),
        incoming: false,
        private: isReply ? false : body.private !== false,
        user_id: me.id,
        source: isReply ? 0 : 2,
        ticket_id: ticket.id,
        from_email: isReply ? 'Support <support@conn-sim.freshdesk.com>' : null,
        to_emails: isReply && requester ? [requester.email] : [],
        created_at: t,
        updated_at: t,
      };
      state.conversations.push(c);
      ticket.updated_at = t;
      return { status: 201, body: isReply ? replyJson(c) : convJson(c) };
    }
    if (req.method === 'PUT' && p.length === 2) {
      const allowed = ['status', 'priority', 'responder_id', 'group_id', 'type', 'subject', 'description', 'tags'];
      const extra = Object.keys(body).filter((k) => !allowed.includes(k));
      if (extra.length)
        return validation(
          extra.map((f) => ({ field: f, message: 'Unexpected/invalid field in request', code: 'invalid_field' })),
        );
      if (body.status !== undefined && ![2, 3, 4, 5].includes(body.status as number))
        return validation([
          { field: 'status', message: "It should be one of these values: '2,3,4,5'", code: 'invalid_value' },
        ]);
      if (body.priority !== undefined && ![1, 2, 3, 4].includes(body.priority as number))
        return validation([
          { field: 'priority', message: "It should be one of these values: '1,2,3,4'", code: 'invalid_value' },
        ]);
      if (body.responder_id != null && !state.agents.some((a) => a.id === body.responder_id))
        return validation([
          {
            field: 'responder_id',
            message: 'There is no agent matching the given responder_id',
            code: 'invalid_value',
          },
        ]);
      Object.assign(ticket, body, { updated_at: iso() });
      return { status: 200, body: ticketJson(ticket, []) };
    }
    return {
      status: 405,
      body: { message: `${req.method} method is not allowed. It should be one of these method(s): GET` },
    };
  }

  /** `POST /tickets`: an outbound ticket to a requester by e-mail (a contact is made for an unknown e-mail). */
  function createTicket(req: SimRequest): SimResponse {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const allowed = ['email', 'requester_id', 'subject', 'description', 'status', 'priority', 'source', 'type', 'tags'];
    const extra = Object.keys(body).filter((k) => !allowed.includes(k));
    if (extra.length)
      return validation(
        extra.map((f) => ({ field: f, message: 'Unexpected/invalid field in request', code: 'invalid_field' })),
      );
    const missing = ['subject', 'description'].filter((f) => typeof body[f] !== 'string' || body[f] === '');
    if (typeof body.email !== 'string' && typeof body.requester_id !== 'number') missing.push('requester_id');
    if (missing.length)
      return validation(
        missing.map((f) => ({ field: f, message: 'Mandatory attribute missing', code: 'missing_field' })),
      );
    if (typeof body.email === 'string' && !/^[^@\s]+@[^@\s]+$/.test(body.email))
      return validation([{ field: 'email', message: 'It should be in the valid email format', code: 'invalid_value' }]);
    const status = (body.status as number | undefined) ?? 2;
    const priority = (body.priority as number | undefined) ?? 1;
    if (![2, 3, 4, 5].includes(status))
      return validation([
        { field: 'status', message: "It should be one of these values: '2,3,4,5'", code: 'invalid_value' },
      ]);
    if (![1, 2, 3, 4].includes(priority))
      return validation([
        { field: 'priority', message: "It should be one of these values: '1,2,3,4'", code: 'invalid_value' },
      ]);
    let requester =
      typeof body.email === 'string'
        ? state.contacts.find((c) => c.email.toLowerCase() === (body.email as string).toLowerCase())
        : state.contacts.find((c) => c.id === body.requester_id);
    if (!requester) {
      if (typeof body.email !== 'string')
        return validation([
          {
            field: 'requester_id',
            message: 'There is no contact matching the given requester_id',
            code: 'invalid_value',
          },
        ]);
      requester = { id: ++state.seq, name: body.email.split('@')[0]!, email: body.email };
      state.contacts.push(requester);
    }
    const t = iso();
    const ticket: FdTicketRec = {
      id: Math.max(0, ...state.tickets.map((x) => x.id)) + 1,
      subject: body.subject as string,
      description: body.description as string,
      status,
      priority,
      source: (body.source as number | undefined) ?? 10,
      type: (body.type as string | undefined) ?? null,
      requester_id: requester.id,
      responder_id: null,
      group_id: null,
      tags: (body.tags as string[] | undefined) ?? [],
      created_at: t,
      updated_at: t,
    };
    state.tickets.push(ticket);
    return { status: 201, body: ticketJson(ticket, []) };
  }

  /** `GET /tickets`: filters `email`, `requester_id`, `updated_since`; descriptions only with include=description. */
  function listTickets(req: SimRequest): SimResponse {
    const email = req.query.get('email')?.toLowerCase();
    const requesterId = req.query.get('requester_id');
    const since = req.query.get('updated_since');
    const sinceMs = since ? Date.parse(since) : now() - 30 * 24 * 3_600_000;
    if (Number.isNaN(sinceMs))
      return validation([
        { field: 'updated_since', message: 'It should be in the valid date format', code: 'invalid_value' },
      ]);
    const withDescription = (req.query.get('include') ?? '').split(',').includes('description');
    const contactIds = email
      ? new Set(state.contacts.filter((c) => c.email.toLowerCase() === email).map((c) => c.id))
      : null;
    const list = state.tickets
      .filter((t) => !contactIds || contactIds.has(t.requester_id))
      .filter((t) => !requesterId || t.requester_id === Number(requesterId))
      .filter((t) => Date.parse(t.updated_at) >= sinceMs)
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
      .map((t) => {
        const { description, description_text, ...rest } = ticketJson(t, []);
        return withDescription ? { ...rest, description, description_text } : rest;
      });
    return paginate(req, list);
  }
}
