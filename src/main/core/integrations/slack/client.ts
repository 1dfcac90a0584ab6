// Slack client on the official @slack/web-api WebClient, with its retries off so the outbox alone decides.
import type * as SlackSdk from '@slack/web-api';
import type { Logger, WebClient } from '@slack/web-api';
import type { z } from 'zod';
import { VendorError } from '../errors';
import { parseWith, type HttpDeps } from '../http';
import { walkPages } from '../paging';
import { classifySlack } from './errors';
import { channelNameProblem, sanitiseChannelName, withSuffix } from './names';
import * as S from './schemas';

export interface SlackConfig {
  /** Bot token (xoxb-…). */
  token: string;
  /** Overrides `https://slack.com/api/` (simulators). */
  apiUrl?: string;
}

/** Slack message metadata event type carrying Conn's outbox job id, invisible to people. */
export const CONN_EVENT_TYPE = 'conn_outbox';

/** The SDK (and the HTTP stack under it) loads on the first Slack call, not when Conn starts. */
let sdk: Promise<typeof SlackSdk> | undefined;
const loadSdk = () => (sdk ??= import('@slack/web-api'));

function silentLogger(sdkLevel: typeof SlackSdk.LogLevel): Logger {
  return {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: () => {},
    setLevel: () => {},
    getLevel: () => sdkLevel.ERROR,
    setName: () => {},
  };
}

/** conversations.invite takes at most 100 user ids per call (API-CONTRACTS 4.5.4). */
export const SLACK_INVITE_MAX = 100;

const WRITES = new Set(['conversations.create', 'conversations.invite', 'chat.postMessage']);

export function createSlackClient(config: SlackConfig, deps: HttpDeps = {}) {
  let web: Promise<WebClient> | undefined;
  const webClient = () =>
    (web ??= loadSdk().then(
      ({ WebClient, LogLevel }) =>
        new WebClient(config.token, {
          slackApiUrl: config.apiUrl ?? 'https://slack.com/api/',
          allowAbsoluteUrls: false,
          retryConfig: { retries: 0 },
          rejectRateLimitedCalls: true,
          timeout: deps.timeoutMs ?? 30_000,
          logger: silentLogger(LogLevel),
          ...(deps.fetch ? { fetch: deps.fetch } : {}),
        }),
    ));
  let identity: S.SlackIdentity | null = null;

  async function call<Sch extends z.ZodType>(
    method: string,
    args: Record<string, unknown>,
    schema: Sch,
  ): Promise<z.output<Sch>> {
    if ('thread_ts' in args) throw new Error('Conn never posts into threads');
    const sdkClient = await webClient();
    let res: unknown;
    try {
      res = await sdkClient.apiCall(method, args);
    } catch (e) {
      throw classifySlack(method, e, config.token, WRITES.has(method));
    }
    return parseWith(schema, res, 'slack', method, WRITES.has(method));
  }

  /** Walks cursor pagination until `next_cursor` is empty or missing, bounded (a repeated cursor is malformed). */
  function all<T>(
    method: string,
    args: Record<string, unknown>,
    schema: z.ZodType<{ response_metadata?: { next_cursor?: string | null } | null }>,
    pick: (page: never) => T[],
    until?: (item: T) => boolean,
  ): Promise<T[]> {
    return walkPages<T, string>({
      vendor: 'slack',
      operation: method,
      ...(deps.maxPages ? { maxPages: deps.maxPages } : {}),
      ...(until ? { until } : {}),
      fetchPage: async (cursor) => {
        const page = await call(method, { ...args, limit: 200, ...(cursor ? { cursor } : {}) }, schema);
        return { items: pick(page as never), next: page.response_metadata?.next_cursor };
      },
    });
  }

  const client = {
    async identify(): Promise<S.SlackIdentity> {
      identity = await call('auth.test', {}, S.authTest);
      return identity;
    },

    /** Creates a channel with exactly this name; `name_taken` surfaces as a `conflict` VendorError. */
    async createChannel(name: string, isPrivate = false): Promise<S.SlackChannel> {
      const problem = channelNameProblem(name);
      if (problem)
        throw new VendorError({
          vendor: 'slack',
          operation: 'conversations.create',
          kind: 'validation',
          vendorMessage: problem,
          vendorCode: problem,
        });
      return (await call('conversations.create', { name, is_private: isPrivate }, S.channelEnvelope)).channel;
    },

    /**
     * Creates the incident channel from a wished name: sanitised, and on `name_taken` either reuses the channel
     * this bot created earlier (a retried create whose answer was lost) or tries `-2`, `-3`… up to `maxTries`.
     */
    async createIncidentChannel(
      wished: string,
      opts: { isPrivate?: boolean; maxTries?: number } = {},
    ): Promise<{ channel: S.SlackChannel; reused: boolean }> {
      const base = sanitiseChannelName(wished);
      if (!base)
        throw new VendorError({
          vendor: 'slack',
          operation: 'conversations.create',
          kind: 'validation',
          vendorMessage: 'invalid_name_required',
          vendorCode: 'invalid_name_required',
        });
      const me = identity ?? (await client.identify());
      for (let n = 1; n <= (opts.maxTries ?? 10); n++) {
        const name = n === 1 ? base : withSuffix(base, n);
        try {
          return { channel: await client.createChannel(name, opts.isPrivate ?? false), reused: false };
        } catch (e) {
          if (!(e instanceof VendorError && e.vendorCode === 'name_taken')) throw e;
          const existing = await client.findChannelByName(name, { includeArchived: true });
          if (existing && existing.creator === me.user_id && !existing.is_archived)
            return { channel: existing, reused: true };
        }
      }
      throw new VendorError({
        vendor: 'slack',
        operation: 'conversations.create',
        kind: 'conflict',
        vendorMessage: 'name_taken',
        vendorCode: 'name_taken',
      });
    },

    /**
     * Invites people, at most SLACK_INVITE_MAX per call (Slack answers `too_many_users` above that); the bot itself
     * is filtered out and `already_in_channel` counts as success.
     */
    async invite(channelId: string, userIds: string[]): Promise<void> {
      const me = identity ?? (await client.identify());
      const users = [...new Set(userIds)].filter((u) => u && u !== me.user_id);
      for (let i = 0; i < users.length; i += SLACK_INVITE_MAX) {
        const batch = users.slice(i, i + SLACK_INVITE_MAX);
        try {
          await call(
            'conversations.invite',
            { channel: channelId, users: batch.join(','), force: true },
            S.channelEnvelope,
          );
        } catch (e) {
          if (!(e instanceof VendorError && e.vendorCode === 'already_in_channel')) throw e;
        }
      }
    },

    /** Posts a top-level message (never in a thread). `marker` (the outbox job id) travels as message metadata. */
    async postMessage(
      channelId: string,
      text: string,
      opts: { marker?: string } = {},
    ): Promise<{ channel: string; ts: string }> {
      const args: Record<string, unknown> = { channel: channelId, text, unfurl_links: false };
      if (opts.marker) args.metadata = { event_type: CONN_EVENT_TYPE, event_payload: { marker: opts.marker } };
      const r = await call('chat.postMessage', args, S.postMessage);
      return { channel: r.channel, ts: r.ts };
    },

    /** Channel history, newest first, every page (optionally only messages after `oldest`). */
    history: (channelId: string, opts: { oldest?: string } = {}) =>
      all<S.SlackMessage>(
        'conversations.history',
        { channel: channelId, include_all_metadata: true, ...(opts.oldest ? { oldest: opts.oldest } : {}) },
        S.history,
        (p: z.infer<typeof S.history>) => p.messages,
      ),

    /** A thread: the parent first, then its replies. */
    replies: (channelId: string, threadTs: string) =>
      all<S.SlackMessage>(
        'conversations.replies',
        { channel: channelId, ts: threadTs },
        S.replies,
        (p: z.infer<typeof S.replies>) => p.messages,
      ),

    permalink: async (channelId: string, ts: string) =>
      (await call('chat.getPermalink', { channel: channelId, message_ts: ts }, S.permalink)).permalink,

    /** The Slack user with this e-mail, or null (`users_not_found`). */
    async lookupByEmail(email: string): Promise<S.SlackUser | null> {
      try {
        return (await call('users.lookupByEmail', { email }, S.lookupByEmail)).user;
      } catch (e) {
        if (e instanceof VendorError && e.vendorCode === 'users_not_found') return null;
        throw e;
      }
    },

    /** The channel with this id (`conversations.info`, Tier 3), or null when Slack does not know it. */
    async channelInfo(channelId: string): Promise<S.SlackChannel | null> {
      try {
        return (await call('conversations.info', { channel: channelId }, S.channelEnvelope)).channel;
      } catch (e) {
        if (e instanceof VendorError && e.vendorCode === 'channel_not_found') return null;
        throw e;
      }
    },

    /**
     * A channel with exactly this name, or null. With `knownId` (the id Conn stored) it asks `conversations.info`
     * first and walks the channel list (Tier 2) only when that id is gone or renamed. The walk stops at the first
     * match, skips archived channels unless `includeArchived` (a retried create must still see a name taken by an
     * archived channel), and is bounded like every list.
     */
    async findChannelByName(
      name: string,
      opts: { knownId?: string | null; includeArchived?: boolean } = {},
    ): Promise<S.SlackChannel | null> {
      if (opts.knownId) {
        const byId = await client.channelInfo(opts.knownId);
        if (byId && byId.name === name) return byId;
      }
      const match = (c: S.SlackChannel) => c.name === name;
      const channels = await all<S.SlackChannel>(
        'conversations.list',
        { types: 'public_channel,private_channel', exclude_archived: !opts.includeArchived },
        S.conversationsList,
        (p: z.infer<typeof S.conversationsList>) => p.channels,
        match,
      );
      return channels.find(match) ?? null;
    },

    /** Reconciliation: the message carrying `marker` (metadata or text) posted at or after `sinceTs`, or null. */
    async findMessageByMarker(channelId: string, marker: string, sinceTs?: string): Promise<S.SlackMessage | null> {
      const msgs = await client.history(channelId, sinceTs ? { oldest: sinceTs } : {});
      return msgs.find((m) => m.metadata?.event_payload?.marker === marker || (m.text ?? '').includes(marker)) ?? null;
    },
  };
  return client;
}

export type SlackClient = ReturnType<typeof createSlackClient>;

/** A Slack ts for "this instant minus skew", for `oldest` in reconciliation reads. */
export const tsFromMs = (ms: number): string =>
  `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
