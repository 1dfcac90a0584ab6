// Slack Web API simulator: ok envelopes on HTTP 200, scopes, name rules, membership, cursors, per-channel post limit.
import { chars, SIM_LIMITS } from './limits';
import type { SimRequest, SimResponse } from './types';

export interface SlackUserRec {
  id: string;
  name: string;
  real_name: string;
  email: string;
  is_bot: boolean;
}
export interface SlackMessageRec {
  ts: string;
  user: string;
  bot_id?: string;
  text: string;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  reply_count?: number;
  latest_reply?: string;
  subtype?: string;
}
export interface SlackChannelRec {
  id: string;
  name: string;
  created: number;
  creator: string;
  is_private: boolean;
  is_archived: boolean;
  members: Set<string>;
  messages: SlackMessageRec[];
}
export interface SlackTokenRec {
  userId: string;
  botId?: string;
  scopes: string[];
  revoked: boolean;
}

export interface SlackState {
  team: { id: string; name: string; domain: string };
  tokens: Map<string, SlackTokenRec>;
  users: SlackUserRec[];
  channels: SlackChannelRec[];
  seq: number;
  lastTsMicros: bigint;
  rate: { postsPerSecond: number; burst: number; buckets: Map<string, { tokens: number; at: number }> };
}

export const newSlackState = (): SlackState => ({
  team: { id: 'T0CONNSIM', name: 'Conn Simulated', domain: 'conn-sim' },
  tokens: new Map(),
  users: [],
  channels: [],
  seq: 0,
  lastTsMicros: 0n,
  rate: { postsPerSecond: 1, burst: 3, buckets: new Map() },
});

const SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'conversations.create': ['channels:manage'],
  'conversations.invite': ['channels:manage'],
  'chat.postMessage': ['chat:write'],
  'conversations.history': ['channels:history'],
  'conversations.replies': ['channels:history'],
  'chat.getPermalink': [],
  'users.lookupByEmail': ['users:read.email'],
  'conversations.list': ['channels:read'],
  'conversations.info': ['channels:read'],
};

const tsMicros = (ts: string): bigint => {
  const [s = '0', f = '0'] = ts.split('.');
  return BigInt(s) * 1_000_000n + BigInt(f.padEnd(6, '0').slice(0, 6));
};
const fail = (error: string, extra: Record<string, unknown> = {}): SimResponse => ({
  status: 200,
  body: { ok: false, error, ...extra },
});
const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');
const decodeCursor = (c: string | undefined): number | null => {
  if (!c) return 0;
  const m = /^offset:(\d+)$/.exec(Buffer.from(c, 'base64').toString('utf8'));
  return m ? Number(m[1]) : null;
};

export function slackHandler(state: SlackState, now: () => number) {
  const nextTs = (): string => {
    const micros = BigInt(now()) * 1000n;
    state.lastTsMicros = micros > state.lastTsMicros ? micros : state.lastTsMicros + 1n;
    const s = state.lastTsMicros.toString().padStart(7, '0');
    return `${s.slice(0, -6)}.${s.slice(-6)}`;
  };
  const channelJson = (c: SlackChannelRec, me: string) => ({
    id: c.id,
    name: c.name,
    name_normalized: c.name,
    is_channel: !c.is_private,
    is_group: c.is_private,
    is_im: false,
    is_mpim: false,
    is_private: c.is_private,
    is_archived: c.is_archived,
    is_general: false,
    is_member: c.members.has(me),
    created: c.created,
    creator: c.creator,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    unlinked: 0,
    previous_names: [],
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
  });
  const page = <T>(
    items: T[],
    args: Record<string, string>,
    defLimit: number,
    max: number,
  ): { slice: T[]; next: string } | SimResponse => {
    const offset = decodeCursor(args.cursor);
    if (offset === null) return fail('invalid_cursor');
    const limit = Math.min(max, Math.max(1, Number(args.limit ?? defLimit) || defLimit));
    const slice = items.slice(offset, offset + limit);
    return { slice, next: offset + limit < items.length ? encodeCursor(offset + limit) : '' };
  };
  const msgJson = (m: SlackMessageRec, withMeta: boolean) => {
    const { metadata, ...rest } = m;
    return { type: 'message', ...rest, ...(withMeta && metadata ? { metadata } : {}) };
  };

  function postAllowed(channelId: string): number | null {
    const t = now();
    const b = state.rate.buckets.get(channelId) ?? { tokens: state.rate.burst, at: t };
    b.tokens = Math.min(state.rate.burst, b.tokens + ((t - b.at) / 1000) * state.rate.postsPerSecond);
    b.at = t;
    state.rate.buckets.set(channelId, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / state.rate.postsPerSecond));
  }

  return function handle(req: SimRequest): SimResponse {
    const method = req.path.replace(/^\/api\//, '');
    const args: Record<string, string> = {};
    req.query.forEach((v, k) => (args[k] = v));
    const isJson = (req.headers['content-type'] ?? '').startsWith('application/json');
    if (req.body && typeof req.body === 'object')
      for (const [k, v] of Object.entries(req.body)) args[k] = typeof v === 'string' ? v : JSON.stringify(v);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (isJson ? undefined : args.token);
    if (!(method in SCOPES)) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
    if (!token) return fail('not_authed');
    const tok = state.tokens.get(token);
    if (!tok) return fail('invalid_auth');
    if (tok.revoked) return fail('token_revoked');
    const headers = { 'x-oauth-scopes': tok.scopes.join(','), 'x-accepted-oauth-scopes': SCOPES[method]!.join(',') };
    const needed = SCOPES[method]!.filter((s) => !tok.scopes.includes(s));
    if (needed.length)
      return { ...fail('missing_scope', { needed: needed.join(','), provided: tok.scopes.join(',') }), headers };
    const res = route(method, args, tok);
    return { ...res, headers: { ...headers, ...(res.headers ?? {}) } };
  };

  function route(method: string, a: Record<string, string>, tok: SlackTokenRec): SimResponse {
    const me = tok.userId;
    const ok = (body: Record<string, unknown>): SimResponse => ({ status: 200, body: { ok: true, ...body } });
    const channel = () => state.channels.find((c) => c.id === a.channel || `#${c.name}` === a.channel);
    switch (method) {
      case 'auth.test':
        return ok({
          url: `https://${state.team.domain}.slack.com/`,
          team: state.team.name,
          user: state.users.find((u) => u.id === me)?.name ?? 'bot',
          team_id: state.team.id,
          user_id: me,
          ...(tok.botId ? { bot_id: tok.botId } : {}),
          is_enterprise_install: false,
        });
      case 'users.lookupByEmail': {
        if (!a.email) return fail('invalid_arguments');
        const u = state.users.find((x) => x.email.toLowerCase() === a.email!.toLowerCase());
        if (!u) return fail('users_not_found');
        return ok({
          user: {
            id: u.id,
            team_id: state.team.id,
            name: u.name,
            real_name: u.real_name,
            deleted: false,
            is_bot: u.is_bot,
            is_admin: false,
            is_owner: false,
            tz: 'Europe/Amsterdam',
            profile: { email: u.email, real_name: u.real_name, display_name: u.name },
          },
        });
      }
      case 'conversations.create': {
        const name = a.name ?? '';
        if (!name) return fail('invalid_name_required');
        if (name.length > 80) return fail('invalid_name_maxlength');
        if (/[^a-z0-9_-]/.test(name)) return fail('invalid_name_specials');
        if (!/[a-z0-9]/.test(name)) return fail('invalid_name_punctuation');
        if (state.channels.some((c) => c.name === name)) return fail('name_taken');
        const c: SlackChannelRec = {
          id: `C${(++state.seq).toString(36).toUpperCase().padStart(9, '0')}`,
          name,
          created: Math.floor(now() / 1000),
          creator: me,
          is_private: a.is_private === 'true',
          is_archived: false,
          members: new Set([me]),
          messages: [],
        };
        state.channels.push(c);
        return ok({ channel: channelJson(c, me) });
      }
      case 'conversations.invite': {
        const c = channel();
        if (!c) return fail('channel_not_found');
        if (c.is_archived) return fail('is_archived');
        if (!c.members.has(me)) return fail('not_in_channel');
        const ids = (a.users ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (ids.length === 0) return fail('no_user');
        if (ids.length > SIM_LIMITS.slackInviteIds) return fail('too_many_users');
        const errors = ids.flatMap((id) => {
          const e =
            id === me
              ? 'cant_invite_self'
              : !state.users.some((u) => u.id === id)
                ? 'user_not_found'
                : c.members.has(id)
                  ? 'already_in_channel'
                  : null;
          return e ? [{ user: id, ok: false, error: e }] : [];
        });
        const force = a.force === 'true';
        if (errors.length && (!force || errors.length === ids.length))
          return fail(errors[0]!.error, ids.length > 1 ? { errors } : {});
        for (const id of ids) if (!errors.some((e) => e.user === id)) c.members.add(id);
        return ok({ channel: channelJson(c, me), ...(errors.length ? { errors } : {}) });
      }
      case 'chat.postMessage': {
        const c = channel();
        if (!c) return fail('channel_not_found');
        if (c.is_archived) return fail('is_archived');
        if (!c.members.has(me)) return fail('not_in_channel');
        const text = a.text ?? '';
        if (!text && !a.blocks) return fail('no_text');
        if (chars(text) > SIM_LIMITS.slackText) return fail('msg_too_long');
        const wait = postAllowed(c.id);
        if (wait !== null)
          return { status: 429, headers: { 'retry-after': String(wait) }, body: { ok: false, error: 'ratelimited' } };
        let metadata: SlackMessageRec['metadata'];
        if (a.metadata) {
          try {
            metadata = JSON.parse(a.metadata);
          } catch {
            return fail('invalid_metadata_format');
          }
        }
        const m: SlackMessageRec = {
          ts: nextTs(),
          user: me,
          ...(tok.botId ? { bot_id: tok.botId } : {}),
          text,
          ...(metadata ? { metadata } : {}),
        };
        if (a.thread_ts) {
          const parent = c.messages.find((x) => x.ts === a.thread_ts);
          if (!parent) return fail('thread_not_found');
          m.thread_ts = parent.ts;
          parent.thread_ts = parent.ts;
          parent.reply_count = (parent.reply_count ?? 0) + 1;
          parent.latest_reply = m.ts;
        }
        c.messages.push(m);
        return ok({ channel: c.id, ts: m.ts, message: msgJson(m, false) });
      }
      case 'conversations.history': {
        const c = channel();
        if (!c) return fail('channel_not_found');
        if (!c.members.has(me)) return fail('not_in_channel');
        const incl = a.inclusive === 'true';
        const oldest = a.oldest ? tsMicros(a.oldest) : null;
        const latest = a.latest ? tsMicros(a.latest) : null;
        const top = c.messages
          .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
          .filter((m) => {
            const t = tsMicros(m.ts);
            return (
              (oldest === null || (incl ? t >= oldest : t > oldest)) &&
              (latest === null || (incl ? t <= latest : t < latest))
            );
          })
          .reverse();
        const p = page(top, a, 100, 999);
        if ('status' in p) return p;
        return ok({
          messages: p.slice.map((m) => msgJson(m, a.include_all_metadata === 'true')),
          has_more: p.next !== '',
          pin_count: 0,
          channel_actions_ts: null,
          channel_actions_count: 0,
          response_metadata: { next_cursor: p.next },
        });
      }
      case 'conversations.replies': {
        const c = channel();
        if (!c) return fail('channel_not_found');
        if (!c.members.has(me)) return fail('not_in_channel');
        const parent = c.messages.find((m) => m.ts === a.ts);
        if (!parent) return fail('thread_not_found');
        const thread = [parent, ...c.messages.filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts)];
        const p = page(thread, a, 100, 1000);
        if ('status' in p) return p;
        return ok({
          messages: p.slice.map((m) => msgJson(m, false)),
          has_more: p.next !== '',
          response_metadata: { next_cursor: p.next },
        });
      }
      case 'chat.getPermalink': {
        const c = channel();
        if (!c) return fail('channel_not_found');
        const m = c.messages.find((x) => x.ts === a.message_ts);
        if (!m) return fail('message_not_found');
        const base = `https://${state.team.domain}.slack.com/archives/${c.id}/p${m.ts.replace('.', '')}`;
        return ok({
          channel: c.id,
          permalink: m.thread_ts && m.thread_ts !== m.ts ? `${base}?thread_ts=${m.thread_ts}&cid=${c.id}` : base,
        });
      }
      case 'conversations.info': {
        const c = channel();
        if (!c || (c.is_private && !c.members.has(me))) return fail('channel_not_found');
        return ok({ channel: channelJson(c, me) });
      }
      case 'conversations.list': {
        const excludeArchived = a.exclude_archived === 'true';
        const types = (a.types ?? 'public_channel').split(',');
        const items = state.channels.filter(
          (c) =>
            (!excludeArchived || !c.is_archived) &&
            types.includes(c.is_private ? 'private_channel' : 'public_channel') &&
            (!c.is_private || c.members.has(me)),
        );
        const p = page(items, a, 100, 1000);
        if ('status' in p) return p;
        return ok({ channels: p.slice.map((c) => channelJson(c, me)), response_metadata: { next_cursor: p.next } });
      }
    }
    return fail('unknown_method');
  }
}
