// The simulators' HTTP control API (/_control/...): faults, tokens, seeding, rate limits, and reading back requests and
// state.
import { mergePull } from './github';
import { tokensOf, type Simulators, type SimState } from './server';
import type { FaultAction, SimVendor } from './types';

interface Out {
  status: number;
  body: unknown;
}

/** A JSON-friendly copy of everything the simulators hold (Maps and Sets flattened, tokens not included). */
export function snapshot(state: SimState) {
  const pd = state.pagerduty;
  const fd = state.freshdesk;
  return {
    pagerduty: {
      users: pd.users,
      services: pd.services,
      incidents: pd.incidents,
      notes: Object.fromEntries(pd.notes),
      logEntries: Object.fromEntries(pd.logEntries),
      statusUpdates: Object.fromEntries(pd.statusUpdates),
    },
    freshdesk: {
      agents: fd.agents,
      contacts: fd.contacts,
      tickets: fd.tickets,
      conversations: fd.conversations,
      folders: fd.folders,
      cannedResponses: fd.canned,
    },
    slack: {
      team: state.slack.team,
      users: state.slack.users,
      channels: state.slack.channels.map((c) => ({ ...c, members: [...c.members] })),
    },
    github: {
      users: state.github.users,
      repos: state.github.repos.map((r) => ({
        fullName: `${r.owner}/${r.name}`,
        defaultBranch: r.defaultBranch,
        issues: r.issues,
        pulls: r.pulls,
        branches: Object.fromEntries(
          [...r.branches].map(([b, sha]) => [
            b,
            {
              sha,
              files: Object.fromEntries(
                [...r.commits.get(sha)!.files].map(([p, f]) => [
                  p,
                  { sha: f.sha, size: Buffer.from(f.content, 'base64').length },
                ]),
              ),
            },
          ]),
        ),
      })),
    },
  };
}

export function controlRoute(sim: Simulators, method: string, url: URL, raw: string): Out {
  let body: Record<string, unknown> = {};
  try {
    body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return { status: 400, body: { error: 'body must be JSON' } };
  }
  const route = `${method} ${url.pathname.replace(/^\/_control/, '')}`;
  const q = (k: string) => url.searchParams.get(k) ?? undefined;
  const state = sim.state;
  switch (route) {
    case 'GET /requests':
      return {
        status: 200,
        body: sim.requests({ vendor: q('vendor') as SimVendor | undefined, method: q('method'), path: q('path') }),
      };
    case 'DELETE /requests':
      sim.clearRequests();
      return { status: 200, body: { ok: true } };
    case 'POST /faults': {
      const id = sim.fault({
        vendor: body.vendor as SimVendor | undefined,
        method: body.method as string | undefined,
        path: body.path as string | undefined,
        count: typeof body.count === 'number' ? body.count : 1,
        action: body.action as FaultAction,
      });
      return { status: 200, body: { id } };
    }
    case 'DELETE /faults':
      sim.clearFaults();
      return { status: 200, body: { ok: true } };
    case 'POST /tokens': {
      const v = body.vendor as SimVendor;
      const token = String(body.token ?? '');
      const map = tokensOf(state, v);
      if (body.action === 'revoke' || body.action === 'restore') {
        if (!map.has(token)) return { status: 404, body: { error: 'unknown token' } };
        sim.setToken(v, token, body.action === 'revoke');
        return { status: 200, body: { ok: true } };
      }
      if (body.action === 'replace') {
        // The old token stops working and a new one with the same identity starts working.
        const old = map.get(token);
        const next = String(body.newToken ?? '');
        if (!old || !next) return { status: 400, body: { error: 'token and newToken required' } };
        old.revoked = true;
        map.set(next, { ...old, revoked: false });
        return { status: 200, body: { ok: true } };
      }
      return { status: 400, body: { error: 'action must be revoke, restore or replace' } };
    }
    case 'POST /reset':
      sim.reset(body.seed === 'empty' ? 'empty' : 'realistic');
      return { status: 200, body: { ok: true } };
    case 'GET /state':
      return { status: 200, body: snapshot(state) };
    case 'POST /rate-limits': {
      const pd = body.pagerduty as { perMinute?: number; createPerMinute?: number } | undefined;
      const fd = body.freshdesk as { perMinute?: number } | undefined;
      const sl = body.slack as { postsPerSecond?: number; burst?: number } | undefined;
      const gh = body.github as { limit?: number } | undefined;
      if (gh?.limit !== undefined) state.github.rate.limit = gh.limit;
      Object.assign(state.pagerduty.rate, pd ?? {});
      Object.assign(state.freshdesk.rate, fd ?? {});
      Object.assign(state.slack.rate, sl ?? {});
      return { status: 200, body: { ok: true } };
    }
    case 'POST /slack/messages': {
      // Adds a message from a person (for imports): { channel, user, text, thread_ts? }.
      const c = state.slack.channels.find((x) => x.id === body.channel);
      if (!c) return { status: 404, body: { error: 'unknown channel' } };
      const last = c.messages.at(-1)?.ts;
      const ts = typeof body.ts === 'string' ? body.ts : nextTs(last);
      const m = {
        ts,
        user: String(body.user),
        text: String(body.text ?? ''),
        ...(typeof body.thread_ts === 'string' ? { thread_ts: body.thread_ts } : {}),
      };
      if (m.thread_ts) {
        const parent = c.messages.find((x) => x.ts === m.thread_ts);
        if (parent)
          Object.assign(parent, { thread_ts: parent.ts, reply_count: (parent.reply_count ?? 0) + 1, latest_reply: ts });
      }
      c.messages.push(m);
      c.members.add(m.user);
      return { status: 200, body: { ok: true, ts } };
    }
    case 'POST /past-incident': {
      // Seeds an incident worked weeks ago without Conn (for "write a report for a past incident"):
      // { daysAgo, hub, title, ticketId? } → a resolved high-urgency PagerDuty incident with its log, a note naming its
      // Slack channel and ticket, and that channel (empty: add messages with POST /slack/messages).
      const pd = state.pagerduty;
      const user = pd.users[0];
      const svc = pd.services[0];
      if (!user || !svc) return { status: 409, body: { error: 'seed the simulators first' } };
      const created = Date.now() - Number(body.daysAgo ?? 20) * 86_400_000;
      const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const hub = String(body.hub ?? 'ocean-data');
      const day = iso(created).slice(0, 10).replace(/-/g, '');
      const ref = (id: string, type: string, summary: string) => ({
        id,
        type,
        summary,
        self: `https://api.pagerduty.com/${id}`,
        html_url: null,
      });
      const agent = ref(user.id, 'user_reference', user.name);
      const id = `QPAST${String(++pd.seq).padStart(5, '0')}`;
      const ticket = Number(body.ticketId ?? state.freshdesk.tickets[0]?.id ?? 0);
      pd.incidents.push({
        id,
        incident_number: ++pd.incidentNumber,
        title: String(body.title ?? `Hub ${hub} down`),
        status: 'resolved',
        urgency: 'high',
        incident_key: null,
        service: ref(svc.id, 'service_reference', svc.name),
        assignments: [{ at: iso(created), assignee: agent }],
        acknowledgements: [{ at: iso(created + 4 * 60_000), acknowledger: agent }],
        assigned_via: 'direct_assignment',
        created_at: iso(created),
        updated_at: iso(created + 95 * 60_000),
        resolved_at: iso(created + 95 * 60_000),
        last_status_change_at: iso(created + 95 * 60_000),
        last_status_change_by: agent,
        details: '',
      });
      const channel = `inc-${day}-${hub}`;
      pd.notes.set(id, [
        {
          id: `${id}N1`,
          user: agent,
          channel: { summary: 'The PagerDuty website' },
          content: `Working in #${channel}, ticket https://conn-sim.freshdesk.com/a/tickets/${ticket}`,
          created_at: iso(created + 6 * 60_000),
          updated_at: iso(created + 6 * 60_000),
        },
      ]);
      pd.logEntries.set(id, [
        {
          id: `${id}L1`,
          type: 'trigger_log_entry',
          summary: 'Triggered: P1 hub unreachable',
          created_at: iso(created),
          agent,
          channel: { type: 'api' },
        },
        {
          id: `${id}L2`,
          type: 'acknowledge_log_entry',
          summary: `Acknowledged by ${user.name}`,
          created_at: iso(created + 4 * 60_000),
          agent,
          channel: { type: 'website' },
        },
        {
          id: `${id}L3`,
          type: 'resolve_log_entry',
          summary: `Resolved by ${user.name}`,
          created_at: iso(created + 95 * 60_000),
          agent,
          channel: { type: 'website' },
        },
      ]);
      // Everyone holding a token (Conn's bot included) is a member, as the bot that created the channel would be.
      const members = new Set([...state.slack.tokens.values()].map((t) => t.userId));
      const creator = [...members][0] ?? 'U0ALICE01';
      const c = {
        id: `CPAST${String(++state.slack.seq).padStart(5, '0')}`,
        name: channel,
        created: Math.floor(created / 1000),
        creator,
        is_private: false,
        is_archived: false,
        members,
        messages: [],
      };
      state.slack.channels.push(c);
      return { status: 200, body: { pagerdutyId: id, channelId: c.id, channelName: channel } };
    }
    case 'POST /github/merge': {
      // Someone merges a pull request: { repo: 'owner/name', number } → its files land on the base branch.
      const repo = state.github.repos.find((r) => `${r.owner}/${r.name}` === body.repo);
      if (!repo) return { status: 404, body: { error: 'unknown repo' } };
      const pr = mergePull(state.github, repo, Number(body.number), new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'));
      if (!pr) return { status: 409, body: { error: 'no open pull request with that number' } };
      return { status: 200, body: pr };
    }
    case 'POST /github/issues': {
      // Someone closes or reopens an issue: { repo: 'owner/name', number, state: 'closed' | 'open' }.
      const repo = state.github.repos.find((r) => `${r.owner}/${r.name}` === body.repo);
      const issue = repo?.issues.find((i) => i.number === Number(body.number));
      if (!issue) return { status: 404, body: { error: 'unknown issue' } };
      const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const closed = body.state === 'closed';
      Object.assign(issue, {
        state: closed ? 'closed' : 'open',
        state_reason: closed ? 'completed' : 'reopened',
        closed_at: closed ? at : null,
        updated_at: at,
      });
      return { status: 200, body: issue };
    }
    case 'POST /freshdesk/conversations': {
      // Adds a conversation as if the requester wrote: { ticketId, body }.
      const t = state.freshdesk.tickets.find((x) => x.id === body.ticketId);
      if (!t) return { status: 404, body: { error: 'unknown ticket' } };
      const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const c = {
        id: ++state.freshdesk.seq,
        body: String(body.body),
        body_text: String(body.body).replace(/<[^>]+>/g, ''),
        incoming: true,
        private: false,
        user_id: t.requester_id,
        source: 0,
        ticket_id: t.id,
        from_email: null,
        to_emails: [],
        created_at: at,
        updated_at: at,
      };
      state.freshdesk.conversations.push(c);
      return { status: 200, body: c };
    }
  }
  return { status: 404, body: { error: `no control route ${route}` } };
}

function nextTs(last: string | undefined): string {
  const nowTs = `${Math.floor(Date.now() / 1000)}.000000`;
  if (!last || nowTs > last) return nowTs;
  const [s = '0', f = '0'] = last.split('.');
  return `${s}.${String(Number(f) + 1).padStart(6, '0')}`;
}
