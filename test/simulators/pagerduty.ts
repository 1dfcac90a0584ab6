// PagerDuty REST v2 simulator: wrapped entities, From header, incident_key dedup, offset pagination, ratelimit-*
// headers.
import { chars, SIM_LIMITS } from './limits';
import type { SimRequest, SimResponse } from './types';

export interface PdUserRec {
  id: string;
  name: string;
  email: string;
  role: string;
}
export interface PdServiceRec {
  id: string;
  name: string;
  description: string;
}
/** An incident priority; an account with priorities turned off has none (GET /priorities answers an empty list). */
export interface PdPriorityRec {
  id: string;
  name: string;
  description: string;
}
interface Ref {
  id: string;
  type: string;
  summary: string;
  self: string;
  html_url: string | null;
}
export interface PdIncidentRec {
  id: string;
  incident_number: number;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  incident_key: string | null;
  service: Ref;
  assignments: { at: string; assignee: Ref }[];
  acknowledgements: { at: string; acknowledger: Ref }[];
  assigned_via: string;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  last_status_change_at: string;
  last_status_change_by: Ref;
  details: string;
  priority?: Ref;
}
export interface PdNoteRec {
  id: string;
  user: Ref;
  channel: { summary: string };
  content: string;
  created_at: string;
  updated_at: string;
}
export interface PdLogRec {
  id: string;
  type: string;
  summary: string;
  created_at: string;
  agent: Ref;
  channel: { type: string };
  note?: string;
}
export interface PdStatusUpdateRec {
  id: string;
  message: string;
  created_at: string;
  sender: Ref;
  subject?: string;
  html_message?: string;
}

export interface PdState {
  tokens: Map<string, { type: 'account' | 'user'; userId?: string; revoked: boolean; readOnly?: boolean }>;
  users: PdUserRec[];
  services: PdServiceRec[];
  incidents: PdIncidentRec[];
  priorities: PdPriorityRec[];
  notes: Map<string, PdNoteRec[]>;
  logEntries: Map<string, PdLogRec[]>;
  statusUpdates: Map<string, PdStatusUpdateRec[]>;
  seq: number;
  incidentNumber: number;
  rate: { perMinute: number; createPerMinute: number; windows: Map<string, { start: number; count: number }> };
}

export const newPdState = (): PdState => ({
  tokens: new Map(),
  users: [],
  services: [],
  incidents: [],
  priorities: [],
  notes: new Map(),
  logEntries: new Map(),
  statusUpdates: new Map(),
  seq: 0,
  incidentNumber: 0,
  rate: { perMinute: 960, createPerMinute: 60, windows: new Map() },
});

const HTML = 'https://conn-sim.pagerduty.com';
/** `self` links use the real API origin, as PagerDuty does, whatever address the simulator listens on. */
const SELF = 'https://api.pagerduty.com';
const err = (
  status: number,
  message: string,
  code: number,
  errors?: string[],
  headers: Record<string, string> = {},
): SimResponse => ({
  status,
  headers,
  body: { error: { message, code, ...(errors ? { errors } : {}) } },
});

export function pagerdutyHandler(state: PdState, now: () => number) {
  const base = SELF;
  const iso = () => new Date(now()).toISOString();
  const nextId = (prefix: string) => `${prefix}${(++state.seq).toString(36).toUpperCase().padStart(12, '0')}`;
  const userRef = (u: PdUserRec, _b: string): Ref => ({
    id: u.id,
    type: 'user_reference',
    summary: u.name,
    self: `${base}/users/${u.id}`,
    html_url: `${HTML}/users/${u.id}`,
  });
  const serviceRef = (s: PdServiceRec, _b: string): Ref => ({
    id: s.id,
    type: 'service_reference',
    summary: s.name,
    self: `${base}/services/${s.id}`,
    html_url: `${HTML}/service-directory/${s.id}`,
  });
  const userJson = (u: PdUserRec, _b: string) => ({
    ...u,
    type: 'user',
    summary: u.name,
    self: `${base}/users/${u.id}`,
    html_url: `${HTML}/users/${u.id}`,
    time_zone: 'Europe/Amsterdam',
  });
  const serviceJson = (s: PdServiceRec, _b: string) => ({
    ...s,
    type: 'service',
    escalation_policy: {
      id: 'PEP0001',
      type: 'escalation_policy_reference',
      summary: 'Default',
      self: `${base}/escalation_policies/PEP0001`,
      html_url: `${HTML}/escalation_policies/PEP0001`,
    },
    summary: s.name,
    status: 'active',
    self: `${base}/services/${s.id}`,
    html_url: `${HTML}/service-directory/${s.id}`,
    created_at: '2024-01-02T03:04:05Z',
  });
  const incidentJson = (i: PdIncidentRec, _b: string) => {
    const { details: _d, resolved_at, ...rest } = i;
    // The spec types resolved_at as a string: it is left out until the incident is resolved.
    return {
      ...rest,
      ...(resolved_at ? { resolved_at } : {}),
      type: 'incident',
      summary: `[#${i.incident_number}] ${i.title}`,
      self: `${base}/incidents/${i.id}`,
      html_url: `${HTML}/incidents/${i.id}`,
    };
  };
  const log = (inc: PdIncidentRec, type: string, summary: string, agent: Ref, note?: string) => {
    const list = state.logEntries.get(inc.id) ?? [];
    list.push({
      id: nextId('R'),
      type,
      summary,
      created_at: iso(),
      agent,
      channel: { type: 'api' },
      ...(note ? { note } : {}),
    });
    state.logEntries.set(inc.id, list);
  };

  function rateHeaders(bucketKey: string, limit: number): { headers: Record<string, string>; exceeded: boolean } {
    const t = now();
    let w = state.rate.windows.get(bucketKey);
    if (!w || t - w.start >= 60_000) state.rate.windows.set(bucketKey, (w = { start: t, count: 0 }));
    w.count++;
    const reset = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000));
    return {
      headers: {
        'ratelimit-limit': String(limit),
        'ratelimit-remaining': String(Math.max(0, limit - w.count)),
        'ratelimit-reset': String(reset),
      },
      exceeded: w.count > limit,
    };
  }

  function paginate<T>(req: SimRequest, key: string, items: T[]): SimResponse {
    const limit = Math.min(100, Math.max(1, Number(req.query.get('limit') ?? 25) || 25));
    const offset = Math.max(0, Number(req.query.get('offset') ?? 0) || 0);
    if (offset + limit > 10_000)
      return err(400, 'Invalid Input Provided', 2001, ['Offset + limit must be less than or equal to 10000.']);
    const pageItems = items.slice(offset, offset + limit);
    return {
      status: 200,
      body: {
        [key]: pageItems,
        limit,
        offset,
        more: offset + limit < items.length,
        total: req.query.get('total') === 'true' ? items.length : null,
      },
    };
  }

  return function handle(req: SimRequest): SimResponse {
    const auth = req.headers.authorization ?? '';
    const m = /^(?:Token token=|Bearer )(.+)$/.exec(auth);
    const tok = m ? state.tokens.get(m[1]!) : undefined;
    if (!m || !tok || tok.revoked) return err(401, 'Unauthorized', 2006);
    const isCreate = req.method === 'POST' && req.path === '/incidents';
    const rl = rateHeaders(`all:${m[1]}`, state.rate.perMinute);
    const crl = isCreate ? rateHeaders(`create:${m[1]}`, state.rate.createPerMinute) : null;
    const limited = rl.exceeded || !!crl?.exceeded;
    const h =
      crl && Number(crl.headers['ratelimit-remaining']) < Number(rl.headers['ratelimit-remaining'])
        ? crl.headers
        : rl.headers;
    if (limited) return err(429, 'Rate Limit Exceeded', 2020, undefined, h);
    const res = route(req, tok);
    return { ...res, headers: { ...h, ...(res.headers ?? {}) } };
  };

  function actingUser(req: SimRequest, tok: { type: string; userId?: string }): PdUserRec | SimResponse {
    if (tok.type === 'user') return state.users.find((u) => u.id === tok.userId)!;
    const from = req.headers.from;
    if (!from)
      return err(400, 'You must specify a user\'s email address in the "From" header to perform this action', 2001);
    const u = state.users.find((x) => x.email.toLowerCase() === from.toLowerCase());
    return u ?? err(400, 'Requester User Not Found', 1008);
  }

  function route(req: SimRequest, tok: { type: 'account' | 'user'; userId?: string; readOnly?: boolean }): SimResponse {
    const parts = req.path.split('/').filter(Boolean);
    if (req.method !== 'GET' && tok.readOnly) return err(403, 'Access Denied', 2010);
    if (req.method === 'GET' && req.path === '/users/me') {
      if (tok.type !== 'user')
        return err(
          400,
          'Because this request was made using an account-level access token, we were unable to determine the user.',
          2001,
        );
      return {
        status: 200,
        body: {
          user: userJson(
            state.users.find((u) => u.id === tok.userId)!,
            base,
          ),
        },
      };
    }
    if (req.method === 'GET' && req.path === '/users')
      return paginate(
        req,
        'users',
        state.users.map((u) => userJson(u, base)),
      );
    if (req.method === 'GET' && req.path === '/services') {
      const sorted = [...state.services].sort((a, b) => a.name.localeCompare(b.name));
      return paginate(
        req,
        'services',
        sorted.map((s) => serviceJson(s, base)),
      );
    }
    if (req.method === 'GET' && req.path === '/priorities')
      return paginate(
        req,
        'priorities',
        state.priorities.map((p) => ({
          ...p,
          type: 'priority',
          summary: p.name,
          self: `${base}/priorities/${p.id}`,
          html_url: null,
          color: 'a8171c',
          order: 1,
        })),
      );
    if (parts[0] !== 'incidents') return err(404, 'Not Found', 2100);
    if (parts.length === 1 && req.method === 'GET') {
      const key = req.query.get('incident_key');
      const statuses = req.query.getAll('statuses[]');
      const windowed = req.query.get('date_range') !== 'all' && !req.query.get('since');
      const items = state.incidents.filter(
        (i) =>
          (!key || i.incident_key === key) &&
          (statuses.length === 0 || statuses.includes(i.status)) &&
          (!windowed || now() - Date.parse(i.created_at) <= 30 * 86_400_000),
      );
      return paginate(
        req,
        'incidents',
        items.map((i) => incidentJson(i, base)),
      );
    }
    if (parts.length === 1 && req.method === 'POST') return createIncident(req, tok);
    const inc = state.incidents.find((i) => i.id === parts[1] || String(i.incident_number) === parts[1]);
    if (!inc) return err(404, 'Not Found', 2100, ['Incident Not Found']);
    if (parts.length === 2 && req.method === 'GET') return { status: 200, body: { incident: incidentJson(inc, base) } };
    if (parts.length === 2 && req.method === 'PUT') return updateIncident(req, tok, inc);
    if (parts[2] === 'notes' && req.method === 'GET')
      return { status: 200, body: { notes: state.notes.get(inc.id) ?? [] } };
    if (parts[2] === 'log_entries' && req.method === 'GET')
      return paginate(
        req,
        'log_entries',
        (state.logEntries.get(inc.id) ?? []).map((l) => ({
          ...l,
          html_url: `${HTML}/incidents/${inc.id}/log_entries/${l.id}`,
          incident: { id: inc.id, type: 'incident_reference' },
        })),
      );
    if (parts[2] === 'notes' && req.method === 'POST') {
      const user = actingUser(req, tok);
      if ('status' in user) return user;
      const content = (req.body as { note?: { content?: unknown } } | null)?.note?.content;
      if (typeof content !== 'string' || !content)
        return err(400, 'Invalid Input Provided', 2001, ['Note content is required.']);
      if (chars(content) > SIM_LIMITS.pdNote)
        return err(400, 'Invalid Input Provided', 2001, [
          `Content is too long (maximum is ${SIM_LIMITS.pdNote} characters).`,
        ]);
      const n: PdNoteRec = {
        id: nextId('N'),
        user: userRef(user, base),
        channel: { summary: 'The PagerDuty website or APIs' },
        content,
        created_at: iso(),
        updated_at: iso(),
      };
      state.notes.set(inc.id, [...(state.notes.get(inc.id) ?? []), n]);
      log(inc, 'annotate_log_entry', `Note added by ${user.name}`, userRef(user, base), content);
      return { status: 201, body: { note: n } };
    }
    if (parts[2] === 'status_updates' && req.method === 'POST') {
      const user = actingUser(req, tok);
      if ('status' in user) return user;
      const b = req.body as { message?: unknown; subject?: unknown; html_message?: unknown } | null;
      if (typeof b?.message !== 'string' || !b.message)
        return err(400, 'Invalid Input Provided', 2001, ['message is required']);
      if ((b.subject === undefined) !== (b.html_message === undefined))
        return err(400, 'Invalid Input Provided', 2001, ['subject and html_message must be sent together']);
      const su: PdStatusUpdateRec = {
        id: nextId('S'),
        message: b.message,
        created_at: iso(),
        sender: userRef(user, base),
      };
      state.statusUpdates.set(inc.id, [...(state.statusUpdates.get(inc.id) ?? []), su]);
      return { status: 200, body: { status_update: su } };
    }
    return err(404, 'Not Found', 2100);
  }

  function createIncident(req: SimRequest, tok: { type: 'account' | 'user'; userId?: string }): SimResponse {
    const user = actingUser(req, tok);
    if ('status' in user) return user;
    const b = (req.body as { incident?: Record<string, unknown> } | null)?.incident;
    if (!b || b.type !== 'incident')
      return err(400, 'Invalid Input Provided', 2001, ['Incident type must be "incident".']);
    if (typeof b.title !== 'string' || !b.title)
      return err(400, 'Invalid Input Provided', 2001, ['Title cannot be empty.']);
    if (chars(b.title) > SIM_LIMITS.pdTitle)
      return err(400, 'Invalid Input Provided', 2001, [
        `Title is too long (maximum is ${SIM_LIMITS.pdTitle} characters).`,
      ]);
    const svcId = (b.service as { id?: string } | undefined)?.id;
    const svc = state.services.find((s) => s.id === svcId);
    if (!svc) return err(400, 'Invalid Input Provided', 2001, ['Service not found.']);
    if (b.assignments && b.escalation_policy)
      return err(400, 'Invalid Input Provided', 2001, ['Assignments and escalation_policy are mutually exclusive.']);
    const prioId = (b.priority as { id?: string } | undefined)?.id;
    const prio = prioId === undefined ? null : state.priorities.find((p) => p.id === prioId);
    if (prio === undefined) return err(400, 'Invalid Priority', 1020);
    const key = typeof b.incident_key === 'string' ? b.incident_key : null;
    if (
      key &&
      state.incidents.some((i) => i.incident_key === key && i.service.id === svc.id && i.status !== 'resolved')
    )
      return err(400, 'Incident could not be created', 2001, [
        'Open incident with matching dedup key already exists on this service',
      ]);
    const assigneeIds = ((b.assignments as { assignee?: { id?: string } }[] | undefined) ?? []).map(
      (a) => a.assignee?.id,
    );
    const assignees = assigneeIds.map((id) => state.users.find((u) => u.id === id));
    if (assignees.some((a) => !a)) return err(400, 'Assigned To User Not Found', 1007);
    const t = iso();
    const selfAssigned = assignees.length === 1 && assignees[0]!.id === user.id;
    const details = (b.body as { details?: unknown } | undefined)?.details;
    const inc: PdIncidentRec = {
      id: nextId('Q'),
      incident_number: ++state.incidentNumber,
      title: b.title,
      status: selfAssigned ? 'acknowledged' : 'triggered',
      urgency: b.urgency === 'low' ? 'low' : 'high',
      incident_key: key,
      service: serviceRef(svc, req.baseUrl),
      assignments: assignees.map((a) => ({ at: t, assignee: userRef(a!, req.baseUrl) })),
      acknowledgements: selfAssigned ? [{ at: t, acknowledger: userRef(user, req.baseUrl) }] : [],
      assigned_via: assignees.length ? 'direct_assignment' : 'escalation_policy',
      created_at: t,
      updated_at: t,
      resolved_at: null,
      last_status_change_at: t,
      last_status_change_by: userRef(user, req.baseUrl),
      details: typeof details === 'string' ? details : '',
      // The spec types priority as an object: an incident without one leaves it out.
      ...(prio
        ? {
            priority: {
              id: prio.id,
              type: 'priority_reference',
              summary: prio.name,
              self: `${base}/priorities/${prio.id}`,
              html_url: null,
            },
          }
        : {}),
    };
    state.incidents.push(inc);
    log(inc, 'trigger_log_entry', `Triggered through the API by ${user.name}`, userRef(user, req.baseUrl));
    for (const a of assignees) log(inc, 'assign_log_entry', `Assigned to ${a!.name}`, userRef(user, req.baseUrl));
    return { status: 201, body: { incident: incidentJson(inc, req.baseUrl) } };
  }

  function updateIncident(
    req: SimRequest,
    tok: { type: 'account' | 'user'; userId?: string },
    inc: PdIncidentRec,
  ): SimResponse {
    const user = actingUser(req, tok);
    if ('status' in user) return user;
    const b = (req.body as { incident?: Record<string, unknown> } | null)?.incident;
    if (!b || (b.type !== 'incident' && b.type !== 'incident_reference'))
      return err(400, 'Invalid Input Provided', 2001, ['Incident type must be "incident_reference".']);
    const t = iso();
    const me = userRef(user, req.baseUrl);
    if (b.assignments) {
      const ids = (b.assignments as { assignee?: { id?: string } }[]).map((a) => a.assignee?.id);
      const users = ids.map((id) => state.users.find((u) => u.id === id));
      if (users.length === 0 || users.some((u) => !u)) return err(400, 'Assigned To User Not Found', 1007);
      inc.assignments = users.map((u) => ({ at: t, assignee: userRef(u!, req.baseUrl) }));
      inc.assigned_via = 'direct_assignment';
      log(inc, 'assign_log_entry', `Reassigned to ${users.map((u) => u!.name).join(', ')} by ${user.name}`, me);
    }
    if (b.status !== undefined) {
      if (!['triggered', 'acknowledged', 'resolved'].includes(String(b.status)))
        return err(400, 'Invalid Status Provided', 1003, ['Status must be one of triggered, acknowledged, resolved.']);
      const to = b.status as PdIncidentRec['status'];
      if (to === 'acknowledged') {
        inc.acknowledgements = [
          ...inc.acknowledgements.filter((a) => a.acknowledger.id !== user.id),
          { at: t, acknowledger: me },
        ];
        log(inc, 'acknowledge_log_entry', `Acknowledged by ${user.name}`, me);
      } else if (to === 'resolved') {
        inc.assignments = [];
        inc.acknowledgements = [];
        inc.resolved_at = t;
        log(
          inc,
          'resolve_log_entry',
          `Resolved by ${user.name}`,
          me,
          typeof b.resolution === 'string' ? b.resolution : undefined,
        );
      } else {
        inc.resolved_at = null;
        log(inc, 'trigger_log_entry', `Re-triggered by ${user.name}`, me);
      }
      if (to !== 'resolved') inc.resolved_at = null;
      inc.status = to;
      inc.last_status_change_at = t;
      inc.last_status_change_by = me;
    }
    inc.updated_at = t;
    return { status: 200, body: { incident: incidentJson(inc, req.baseUrl) } };
  }
}
