// zod schemas for the PagerDuty REST v2 answers Conn reads: only the fields it uses are required (parse what you
// use); unknown fields pass through and optional ones may be missing.
import { z } from 'zod';

export const reference = z.object({
  id: z.string(),
  type: z.string().nullish(),
  summary: z.string().nullish(),
  html_url: z.string().nullish(),
});

export const user = z.object({
  id: z.string(),
  type: z.string().nullish(),
  name: z.string(),
  email: z.string(),
  summary: z.string().nullish(),
  html_url: z.string().nullish(),
  role: z.string().nullish(),
  time_zone: z.string().nullish(),
});
export type PdUser = z.infer<typeof user>;

export const service = z.object({
  id: z.string(),
  type: z.string().nullish(),
  name: z.string(),
  summary: z.string().nullish(),
  status: z.string().nullish(),
  html_url: z.string().nullish(),
});
export type PdService = z.infer<typeof service>;

export const priority = z.object({ id: z.string(), name: z.string() });
export type PdPriority = z.infer<typeof priority>;

export const incident = z.object({
  id: z.string(),
  type: z.string().nullish(),
  incident_number: z.number().int().nullish(),
  title: z.string(),
  summary: z.string().nullish(),
  status: z.enum(['triggered', 'acknowledged', 'resolved']),
  urgency: z.enum(['high', 'low']).nullish(),
  /** The account's priority (P1…), when priorities are enabled. */
  priority: z.object({ id: z.string(), summary: z.string().nullish(), name: z.string().nullish() }).nullish(),
  incident_key: z.string().nullish(),
  html_url: z.string(),
  created_at: z.string(),
  updated_at: z.string().nullish(),
  resolved_at: z.string().nullish(),
  service: reference,
  assignments: z
    .array(z.object({ at: z.string().nullish(), assignee: reference }))
    .nullish()
    .transform((a) => a ?? []),
  last_status_change_at: z.string().nullish(),
  last_status_change_by: reference.nullish(),
});
export type PdIncident = z.infer<typeof incident>;

export const note = z.object({
  id: z.string(),
  user: reference.nullish(),
  channel: z.object({ summary: z.string().nullish() }).passthrough().nullish(),
  content: z.string(),
  created_at: z.string(),
});
export type PdNote = z.infer<typeof note>;

export const logEntry = z.object({
  id: z.string(),
  type: z.string(),
  summary: z.string().nullish(),
  created_at: z.string(),
  html_url: z.string().nullish(),
  agent: reference.nullish(),
  channel: z.object({ type: z.string().nullish(), summary: z.string().nullish() }).passthrough().nullish(),
  note: z.string().nullish(),
});
export type PdLogEntry = z.infer<typeof logEntry>;

export const statusUpdate = z.object({
  id: z.string(),
  message: z.string(),
  created_at: z.string(),
  sender: reference.nullish(),
});
export type PdStatusUpdate = z.infer<typeof statusUpdate>;

// Paging fields are optional in the vendor's own spec; Conn reads `more` and `limit` only, and copes without them.
const page = { limit: z.number().int().nullish(), more: z.boolean().nullish() };

export const userEnvelope = z.object({ user });
export const usersPage = z.object({ users: z.array(user), ...page });
export const servicesPage = z.object({ services: z.array(service), ...page });
export const prioritiesPage = z.object({ priorities: z.array(priority), ...page });
export const incidentsPage = z.object({ incidents: z.array(incident), ...page });
export const logEntriesPage = z.object({ log_entries: z.array(logEntry), ...page });
export const incidentEnvelope = z.object({ incident });
export const noteEnvelope = z.object({ note });
export const notesList = z.object({ notes: z.array(note) });
export const statusUpdateEnvelope = z.object({ status_update: statusUpdate });

/** `{"error":{"message","code","errors"}}`; `errors` may be a list or (V3) an object keyed by field. */
export const errorBody = z.object({
  error: z.object({ message: z.string().optional(), code: z.number().optional(), errors: z.unknown().optional() }),
});
