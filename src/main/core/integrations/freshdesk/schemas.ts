// zod schemas for the Freshdesk v2 answers Conn reads (written from API-CONTRACTS.md §3): only what Conn reads is
// required; extra fields pass through and optional ones may be missing.
import { z } from 'zod';

const id = z.number().int().nonnegative();

export const contact = z.object({
  name: z.string().nullish(),
  email: z.string().nullish(),
  active: z.boolean().nullish(),
  job_title: z.string().nullish(),
  time_zone: z.string().nullish(),
});

export const agent = z.object({
  id,
  type: z.string().nullish(),
  available: z.boolean().nullish(),
  occasional: z.boolean().nullish(),
  ticket_scope: z.number().int().nullish(),
  group_ids: z.array(id).nullish(),
  contact,
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type FdAgent = z.infer<typeof agent>;

export const requester = z.object({ id, name: z.string().nullish(), email: z.string().nullish() });

export const conversation = z.object({
  id,
  body: z.string(),
  body_text: z.string().nullish(),
  // Absent from the documented reply answer (API-CONTRACTS §3.6.3): a conversation without them is a public reply.
  incoming: z.boolean().nullish(),
  private: z.boolean().nullish(),
  user_id: id.nullish(),
  source: z.number().int().nullish(),
  ticket_id: id.nullish(),
  from_email: z.string().nullish(),
  to_emails: z.array(z.string()).nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
});
export type FdConversation = z.infer<typeof conversation>;

export const ticket = z.object({
  id,
  subject: z.string(),
  status: z.number().int(),
  priority: z.number().int().nullish(),
  source: z.number().int().nullish(),
  type: z.string().nullish(),
  requester_id: id.nullish(),
  responder_id: id.nullish(),
  group_id: id.nullish(),
  description: z.string().nullish(),
  description_text: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  requester: requester.nullish(),
});
export type FdTicket = z.infer<typeof ticket>;

export const cannedFolder = z.object({
  id,
  name: z.string(),
  personal: z.boolean().nullish(),
  responses_count: z.number().int().nullish(),
});
export type FdCannedFolder = z.infer<typeof cannedFolder>;

export const cannedResponse = z.object({
  id,
  title: z.string(),
  folder_id: id.nullish(),
  content: z.string().nullish(),
  content_html: z.string(),
});
export type FdCannedResponse = z.infer<typeof cannedResponse>;

export const agents = z.array(agent);
export const conversations = z.array(conversation);
export const tickets = z.array(ticket);
export const cannedFolders = z.array(cannedFolder);
export const cannedResponses = z.array(cannedResponse);

/** The three Freshdesk error shapes: validation list, request-level `{code,message}`, or `{message}` alone. */
export const errorBody = z.object({
  description: z.string().optional(),
  errors: z
    .array(z.object({ field: z.string().optional(), message: z.string().optional(), code: z.string().optional() }))
    .optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});
