// zod schemas for the Slack Web API answers Conn reads (ok:true envelopes): only what Conn reads is required; extra
// fields pass through and optional ones may be missing.
import { z } from 'zod';

const ok = z.literal(true);
const ts = z.string().regex(/^\d+\.\d+$/, 'a Slack ts string');
const meta = z.object({ next_cursor: z.string().nullish() }).passthrough().nullish();

export const authTest = z.object({
  ok,
  url: z.string(),
  team: z.string(),
  user: z.string(),
  team_id: z.string(),
  user_id: z.string(),
  bot_id: z.string().nullish(),
});
export type SlackIdentity = z.infer<typeof authTest>;

export const conversation = z.object({
  id: z.string(),
  name: z.string(),
  is_private: z.boolean().nullish(),
  is_archived: z.boolean().nullish(),
  is_member: z.boolean().nullish(),
  created: z.number().nullish(),
  creator: z.string().nullish(),
});
export type SlackChannel = z.infer<typeof conversation>;

export const message = z.object({
  type: z.string().nullish(),
  subtype: z.string().nullish(),
  ts,
  text: z.string().nullish(),
  user: z.string().nullish(),
  bot_id: z.string().nullish(),
  thread_ts: ts.nullish(),
  reply_count: z.number().int().nullish(),
  metadata: z.object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).nullish() }).nullish(),
});
export type SlackMessage = z.infer<typeof message>;

export const channelEnvelope = z.object({ ok, channel: conversation });
export const postMessage = z.object({ ok, channel: z.string(), ts, message: message.nullish() });
export const history = z.object({
  ok,
  messages: z.array(message),
  has_more: z.boolean().nullish(),
  response_metadata: meta,
});
export const replies = history;
export const permalink = z.object({ ok, channel: z.string().nullish(), permalink: z.string() });
export const lookupByEmail = z.object({
  ok,
  user: z.object({
    id: z.string(),
    name: z.string().nullish(),
    real_name: z.string().nullish(),
    deleted: z.boolean().nullish(),
    is_bot: z.boolean().nullish(),
    profile: z
      .object({ email: z.string().nullish(), real_name: z.string().nullish(), display_name: z.string().nullish() })
      .passthrough()
      .nullish(),
  }),
});
export type SlackUser = z.infer<typeof lookupByEmail>['user'];
export const conversationsList = z.object({ ok, channels: z.array(conversation), response_metadata: meta });
