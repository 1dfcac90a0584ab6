// Small typed fetch client for the PagerDuty REST API v2 calls Conn makes.
import type { z } from 'zod';
import { VendorError, kindForStatus, vendorErrorFrom } from '../errors';
import { buildUrl, parseWith, send, type ClassifyAnswer, type HttpDeps } from '../http';
import { walkPages } from '../paging';
import * as S from './schemas';

export interface PagerDutyConfig {
  /** Account-level ("general access") or user-level API key. */
  token: string;
  /** E-mail of a PagerDuty user: the acting user for writes (`From` header). */
  fromEmail: string;
  region?: 'us' | 'eu';
  /** Overrides the region's base URL (simulators, proxies). */
  baseUrl?: string;
}

export const pagerDutyBaseUrl = (region: 'us' | 'eu' = 'us'): string =>
  region === 'eu' ? 'https://api.eu.pagerduty.com' : 'https://api.pagerduty.com';

/** The `incident_key` Conn sends for its incident: stable across retries, so a duplicate create is detected. */
export const incidentKeyFor = (connIncidentId: string): string => `conn-${connIncidentId}`;

/** Incident details text with the Freshdesk ticket link. */
export const incidentDetails = (summary: string, freshdeskUrl?: string | null): string =>
  [summary.trim(), freshdeskUrl ? `Freshdesk ticket: ${freshdeskUrl}` : ''].filter(Boolean).join('\n\n');

export interface CreateIncidentInput {
  serviceId: string;
  title: string;
  details: string;
  incidentKey: string;
  assigneeUserId?: string;
  urgency?: 'high' | 'low';
  /** A priority id from `listPriorities()` (only where the account has priorities). */
  priorityId?: string;
}

export interface Identity {
  /** `user` when the token belongs to a user (GET /users/me works); `account` for general access keys. */
  tokenType: 'user' | 'account';
  /** The acting user: the token's owner, or the user matching the configured From e-mail. */
  user: S.PdUser;
}

type Query = Record<string, string | number | boolean | string[] | undefined>;

export function createPagerDutyClient(config: PagerDutyConfig, deps: HttpDeps = {}) {
  const base = config.baseUrl ?? pagerDutyBaseUrl(config.region);
  const secrets = [config.token];

  async function call<Sch extends z.ZodType>(
    operation: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: Sch,
    opts: { query?: Query; body?: unknown; from?: boolean } = {},
  ): Promise<z.output<Sch>> {
    const headers: Record<string, string> = {
      Authorization: `Token token=${config.token}`,
      Accept: 'application/vnd.pagerduty+json;version=2',
      'Content-Type': 'application/json',
    };
    if (opts.from) headers.From = config.fromEmail;
    const res = await send(deps, {
      vendor: 'pagerduty',
      operation,
      url: buildUrl(base, path, opts.query),
      method,
      headers,
      body: opts.body,
      secrets,
      classify: classifyPagerDuty,
    });
    return parseWith(schema, res.body, 'pagerduty', operation, method !== 'GET');
  }

  /**
   * Walks classic offset pagination, 100 per page, bounded (see paging.ts). The paging fields are optional in the
   * vendor's spec: a page without `more` is the last one; a page without `limit` advanced by what it held.
   */
  function all<T, K extends string>(
    operation: string,
    path: string,
    key: K,
    schema: z.ZodType<{ [P in K]: T[] } & { more?: boolean | null; limit?: number | null }>,
    query: Query = {},
  ): Promise<T[]> {
    return walkPages<T, number>({
      vendor: 'pagerduty',
      operation,
      start: 0,
      ...(deps.maxPages ? { maxPages: deps.maxPages } : {}),
      fetchPage: async (at) => {
        const offset = at ?? 0;
        const page = await call(operation, 'GET', path, schema, { query: { ...query, limit: 100, offset } });
        const items = page[key];
        const step = page.limit ?? items.length;
        // The API refuses deeper pages.
        const next = page.more === true && items.length > 0 && offset + step + step <= 10_000 ? offset + step : null;
        return { items, next };
      },
    });
  }

  const ref = (id: string, type: string) => ({ id, type });
  const update = (operation: string, id: string, incident: Record<string, unknown>) =>
    call(operation, 'PUT', `/incidents/${encodeURIComponent(id)}`, S.incidentEnvelope, {
      body: { incident: { type: 'incident_reference', ...incident } },
      from: true,
    }).then((r) => r.incident);

  const client = {
    listUsers: () => all<S.PdUser, 'users'>('listUsers', '/users', 'users', S.usersPage),
    listServices: () =>
      all<S.PdService, 'services'>('listServices', '/services', 'services', S.servicesPage, { sort_by: 'name' }),
    /** The account's incident priorities, highest first; empty where the account has priorities turned off. */
    listPriorities: () =>
      all<S.PdPriority, 'priorities'>('listPriorities', '/priorities', 'priorities', S.prioritiesPage),

    /** Checks the token and the From e-mail. Account keys cannot call /users/me, so the From user is looked up. */
    async identify(): Promise<Identity> {
      try {
        const me = await call('identify', 'GET', '/users/me', S.userEnvelope);
        return { tokenType: 'user', user: me.user };
      } catch (e) {
        if (
          !(e instanceof VendorError) ||
          !(e.kind === 'validation' || e.kind === 'not_found' || e.kind === 'permission')
        )
          throw e;
      }
      const users = await all<S.PdUser, 'users'>('identify', '/users', 'users', S.usersPage);
      const user = users.find((u) => u.email.toLowerCase() === config.fromEmail.trim().toLowerCase());
      if (!user)
        throw new VendorError({
          vendor: 'pagerduty',
          operation: 'identify',
          kind: 'validation',
          vendorMessage: 'the From e-mail does not belong to a user on this account',
        });
      return { tokenType: 'account', user };
    },

    /**
     * Creates the incident. A duplicate `incident_key` (an open incident already has it, e.g. after a lost
     * answer) is looked up and returned with `existing: true`, so retries never create a second incident.
     */
    async createIncident(input: CreateIncidentInput): Promise<{ incident: S.PdIncident; existing: boolean }> {
      const body = {
        incident: {
          type: 'incident',
          title: input.title,
          service: ref(input.serviceId, 'service_reference'),
          urgency: input.urgency ?? 'high',
          incident_key: input.incidentKey,
          body: { type: 'incident_body', details: input.details },
          ...(input.priorityId ? { priority: ref(input.priorityId, 'priority_reference') } : {}),
          ...(input.assigneeUserId ? { assignments: [{ assignee: ref(input.assigneeUserId, 'user_reference') }] } : {}),
        },
      };
      try {
        const r = await call('createIncident', 'POST', '/incidents', S.incidentEnvelope, { body, from: true });
        return { incident: r.incident, existing: false };
      } catch (e) {
        if (e instanceof VendorError && e.kind === 'conflict') {
          const found = await client.findIncidentByKey(input.incidentKey);
          if (found) return { incident: found, existing: true };
        }
        throw e;
      }
    },

    getIncident: (id: string) =>
      call('getIncident', 'GET', `/incidents/${encodeURIComponent(id)}`, S.incidentEnvelope).then((r) => r.incident),

    /** Reconciliation: the incident created with this key (open ones first), or null. */
    async findIncidentByKey(key: string): Promise<S.PdIncident | null> {
      const r = await call('findIncidentByKey', 'GET', '/incidents', S.incidentsPage, {
        query: { incident_key: key, date_range: 'all', limit: 100 },
      });
      const matching = r.incidents.filter((i) => i.incident_key === key);
      return matching.find((i) => i.status !== 'resolved') ?? matching[0] ?? null;
    },

    /** Incidents created in [since, until), every status, oldest first (the report-debt view reads the last 90 days).
     * */
    listIncidents: (since: string, until: string) =>
      all<S.PdIncident, 'incidents'>('listIncidents', '/incidents', 'incidents', S.incidentsPage, {
        since,
        until,
        sort_by: 'created_at:asc',
      }),

    acknowledge: (id: string) => update('acknowledge', id, { status: 'acknowledged' }),
    reassign: (id: string, userId: string) =>
      update('reassign', id, { assignments: [{ assignee: ref(userId, 'user_reference') }] }),
    resolve: (id: string, resolution?: string) =>
      update('resolve', id, { status: 'resolved', ...(resolution ? { resolution } : {}) }),

    addNote: (id: string, content: string) =>
      call('addNote', 'POST', `/incidents/${encodeURIComponent(id)}/notes`, S.noteEnvelope, {
        body: { note: { content } },
        from: true,
      }).then((r) => r.note),

    /** Status updates are not wrapped: `{ message }`. */
    statusUpdate: (id: string, message: string) =>
      call('statusUpdate', 'POST', `/incidents/${encodeURIComponent(id)}/status_updates`, S.statusUpdateEnvelope, {
        body: { message },
        from: true,
      }).then((r) => r.status_update),

    listNotes: (id: string) =>
      call('listNotes', 'GET', `/incidents/${encodeURIComponent(id)}/notes`, S.notesList).then((r) => r.notes),

    listLogEntries: (id: string) =>
      all<S.PdLogEntry, 'log_entries'>(
        'listLogEntries',
        `/incidents/${encodeURIComponent(id)}/log_entries`,
        'log_entries',
        S.logEntriesPage,
      ),

    /** Reconciliation: the note on the incident whose content carries the marker, or null. */
    async findNoteByMarker(id: string, marker: string): Promise<S.PdNote | null> {
      const notes = await client.listNotes(id);
      return notes.find((n) => n.content.includes(marker)) ?? null;
    },
  };
  return client;
}

export type PagerDutyClient = ReturnType<typeof createPagerDutyClient>;

/** PagerDuty error answers → VendorError. Wait time comes from `ratelimit-reset` (seconds), never Retry-After. */
export const classifyPagerDuty: ClassifyAnswer = (operation, { status, headers, json }, isWrite) => {
  const parsed = S.errorBody.safeParse(json);
  const err = parsed.success ? parsed.data.error : undefined;
  const details = Array.isArray(err?.errors) ? err.errors.map(String) : err?.errors ? [JSON.stringify(err.errors)] : [];
  const message = [err?.message ?? (status === 429 ? 'Rate Limit Exceeded' : `HTTP ${status}`), ...details].join(': ');
  let kind = kindForStatus(status);
  if (status === 400 && /incident_key|dedup|matching open incident|already exists/i.test(message)) kind = 'conflict';
  if (err?.code === 2020) kind = 'rate_limited';
  const reset = headers.get('ratelimit-reset');
  const retryAfterMs =
    kind === 'rate_limited' && reset !== null && /^\d+(\.\d+)?$/.test(reset.trim()) ? Number(reset) * 1000 : undefined;
  const code = err?.code !== undefined ? String(err.code) : undefined;
  return vendorErrorFrom('pagerduty', operation, status, isWrite, { kind, message, code, retryAfterMs });
};
