// Slack executors: create the incident channel (settings' name pattern, default invitees) and post top-level
// messages (long text split into several messages, each with its own marker so a retry never posts a part twice).
import type { OutboxJob } from '../../../../shared/outbox';
import { VendorError as ClientError } from '../../integrations/errors';
import type { SlackClient } from '../../integrations/slack/client';
import { channelNameFromPattern, sanitiseChannelName, withSuffix } from '../../integrations/slack/names';
import type { SlackChannel, SlackIdentity } from '../../integrations/slack/schemas';
import type { ExecContext, Executor } from '../executors';
import { asFailure, live, refuse, splitText, type LiveVendors } from './common';

/**
 * Slack answers msg_too_long above 40 000 characters and recommends keeping messages under about 4 000: longer text
 * is split into parts of at most this many characters (code points, as Slack counts), each labelled "(part i of n)".
 */
export const SLACK_PART_MAX = 4000;
/** How far before a job's creation a channel it made may be dated (Slack's clock vs ours). */
const SKEW_MS = 60_000;
/** How far back the history is read for a job's earlier parts (markers are unique, so a wide window is harmless). */
const HISTORY_WINDOW_MS = 10 * 60_000;
const MAX_NAME_TRIES = 10;

const identities = new WeakMap<SlackClient, SlackIdentity>();
async function me(slack: SlackClient): Promise<SlackIdentity> {
  const known = identities.get(slack);
  if (known) return known;
  const id = await slack.identify();
  identities.set(slack, id);
  return id;
}

const tsOf = (ms: number) => (Math.max(0, ms) / 1000).toFixed(6);

/**
 * A message's permalink in Slack's own format (https://<workspace>.slack.com/archives/<channel>/p<ts digits>),
 * from the workspace URL auth.test gave once per client: a post costs one call, not a second chat.getPermalink.
 */
export function permalinkOf(workspaceUrl: string, channel: string, ts: string): string {
  return `${workspaceUrl.replace(/\/+$/, '')}/archives/${channel}/p${ts.replace('.', '')}`;
}

export const NO_CHANNEL =
  "There is no Slack channel for this incident yet: run 'Create the Slack channel' first, then retry this message.";

/** The channel name for an incident: the connection's pattern (e.g. inc-YYYYMMDD-<hub>), else the job's own name. */
/**
 * Slack reads `<...>` as mentions and links (`<!channel>` pings everyone) and `&` as the start of an entity. Conn's
 * messages never mean either, so every &, < and > is escaped the way Slack documents: pasted text stays text.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function channelNameFor(pattern: string, ctx: ExecContext<'slack.createChannel'>): string {
  const incident = ctx.incident;
  const hub = incident?.hub ?? '';
  const fromPattern = incident ? channelNameFromPattern(pattern, new Date(incident.declaredAt), { hub }) : null;
  const name = fromPattern ?? sanitiseChannelName(ctx.payload.name);
  if (!name) throw refuse(`Cannot make a Slack channel name from "${ctx.payload.name}": use letters or digits.`);
  return name;
}

/**
 * The channel an earlier attempt of this job created (its answer was lost): among the names the job may have
 * used, the newest one this bot created since the job was queued. A first attempt never reuses a taken name.
 */
async function ownChannel(
  slack: SlackClient,
  base: string,
  botUserId: string,
  job: OutboxJob,
): Promise<SlackChannel | null> {
  const since = Date.parse(job.createdAt) - SKEW_MS;
  let best: SlackChannel | null = null;
  for (let n = 1; n <= MAX_NAME_TRIES; n++) {
    // Archived channels keep their names taken, so they count when walking the -2, -3… names.
    const c = await slack.findChannelByName(n === 1 ? base : withSuffix(base, n), { includeArchived: true });
    if (!c) break;
    const mine = c.creator === botUserId && !c.is_archived && (c.created ?? 0) * 1000 >= since;
    if (mine && (!best || (c.created ?? 0) >= (best.created ?? 0))) best = c;
  }
  return best;
}

async function inviteAll(slack: SlackClient, channelId: string, ids: string[], emails: string[]): Promise<void> {
  const fromEmails = await Promise.all(emails.map((e) => slack.lookupByEmail(e)));
  const users = [...ids, ...fromEmails.flatMap((u) => (u ? [u.id] : []))];
  await slack.invite(channelId, users);
}

export function slackExecutors(v: LiveVendors): {
  'slack.createChannel': Executor<'slack.createChannel'>;
  'slack.postMessage': Executor<'slack.postMessage'>;
} {
  const invitees = (config: { defaultInvitees: string[] }, payloadIds: string[]) => {
    const ids = [...payloadIds, ...config.defaultInvitees.filter((i) => !i.includes('@'))];
    const emails = config.defaultInvitees.filter((i) => i.includes('@'));
    return { ids, emails };
  };

  const createChannel: Executor<'slack.createChannel'> = {
    async send(job, ctx) {
      try {
        const { client: slack, config } = live('slack', v.slack());
        const base = channelNameFor(config.channelPattern, ctx);
        const bot = await me(slack);
        let channel: SlackChannel | null = ctx.attempt > 1 ? await ownChannel(slack, base, bot.user_id, job) : null;
        for (let n = 1; n <= MAX_NAME_TRIES && !channel; n++) {
          try {
            channel = await slack.createChannel(n === 1 ? base : withSuffix(base, n));
          } catch (e) {
            if (!(e instanceof ClientError && e.vendorCode === 'name_taken')) throw e; // taken: try the next suffix
          }
        }
        if (!channel)
          throw refuse(
            `Slack channel names ${base} to ${withSuffix(base, MAX_NAME_TRIES)} are all taken; change the name ` +
              `pattern in Connections.`,
          );
        const { ids, emails } = invitees(config, ctx.payload.inviteUserIds);
        await inviteAll(slack, channel.id, ids, emails);
        return { status: 'done', result: { channelId: channel.id, name: channel.name } };
      } catch (err) {
        return { status: 'failed', failure: asFailure(err) };
      }
    },
    async reconcile(job, ctx) {
      const { client: slack, config } = live('slack', v.slack());
      const base = channelNameFor(config.channelPattern, ctx);
      const c = await ownChannel(slack, base, (await me(slack)).user_id, job);
      if (c) {
        const { ids, emails } = invitees(config, ctx.payload.inviteUserIds);
        await inviteAll(slack, c.id, ids, emails); // idempotent: already_in_channel is success
        return { status: 'done', result: { channelId: c.id, name: c.name } };
      }
      return { status: 'not_sent' };
    },
  };

  const partsOf = (ctx: ExecContext<'slack.postMessage'>) => {
    // Each part carries its visible "(part i of n)" label and stays within SLACK_PART_MAX, label included.
    const parts = splitText(escapeSlackText(ctx.payload.text), SLACK_PART_MAX);
    return parts.map((text, i) => ({ text, marker: parts.length > 1 ? `${ctx.marker}#${i + 1}` : ctx.marker }));
  };
  /** Markers of this job's messages already in the channel. */
  const alreadyPosted = async (slack: SlackClient, channel: string, job: OutboxJob): Promise<Map<string, string>> => {
    const since = tsOf(Date.parse(job.createdAt) - HISTORY_WINDOW_MS);
    const msgs = await slack.history(channel, { oldest: since });
    const found = new Map<string, string>();
    for (const m of msgs) {
      const mk = m.metadata?.event_payload?.marker;
      if (typeof mk === 'string') found.set(mk, m.ts);
    }
    return found;
  };

  const postMessage: Executor<'slack.postMessage'> = {
    async send(job, ctx) {
      try {
        const { client: slack } = live('slack', v.slack());
        const channel = ctx.links.slackChannelId;
        if (!channel) throw refuse(NO_CHANNEL);
        const parts = partsOf(ctx);
        // A later attempt of a split message skips the parts that already arrived.
        const posted =
          parts.length > 1 && ctx.attempt > 1 ? await alreadyPosted(slack, channel, job) : new Map<string, string>();
        let firstTs: string | undefined = posted.get(parts[0]!.marker);
        for (const p of parts) {
          if (posted.has(p.marker)) continue;
          const r = await slack.postMessage(channel, p.text, { marker: p.marker });
          firstTs ??= r.ts;
        }
        const url = firstTs
          ? await me(slack).then(
              (id) => permalinkOf(id.url, channel, firstTs),
              () => undefined,
            )
          : undefined;
        return {
          status: 'done',
          result: { channelId: channel, ts: firstTs, parts: parts.length, ...(url ? { url } : {}) },
        };
      } catch (err) {
        return { status: 'failed', failure: asFailure(err) };
      }
    },
    async reconcile(job, ctx) {
      const { client: slack } = live('slack', v.slack());
      const channel = ctx.links.slackChannelId;
      if (!channel) return { status: 'not_sent' };
      const parts = partsOf(ctx);
      const posted = await alreadyPosted(slack, channel, job);
      if (parts.every((p) => posted.has(p.marker))) {
        return {
          status: 'done',
          result: { channelId: channel, ts: posted.get(parts[0]!.marker), parts: parts.length },
        };
      }
      // Missing parts are sent by the next attempt, which skips those already posted.
      return { status: 'not_sent' };
    },
  };

  return { 'slack.createChannel': createChannel, 'slack.postMessage': postMessage };
}
