// PagerDuty executors: create the incident (safe to repeat thanks to incident_key), notes with a marker, and the
// idempotent state changes (acknowledge, reassign, resolve) reconciled by reading the incident.
import type { JobKind } from '../../../../shared/outbox';
import { markerFor, withMarker } from '../../integrations';
import { incidentKeyFor, type PagerDutyClient } from '../../integrations/pagerduty/client';
import type { PdIncident, PdPriority, PdService } from '../../integrations/pagerduty/schemas';
import type { ExecContext, ExecOutcome, Executor, ReconcileOutcome } from '../executors';
import type { OutboxJob } from '../../../../shared/outbox';
import { asFailure, charCount, ellipsis, live, refuse, truncateVisibly, type LiveVendors } from './common';

/** PagerDuty caps an incident's title/summary at 1 024 characters (API-CONTRACTS 2.8); longer titles end in "…". */
export const PD_TITLE_MAX = 1024;
/**
 * The note content limit Conn assumes: API-CONTRACTS.md names none for REST notes, so this is a cautious cap
 * (unverified).
 * Longer notes are truncated visibly, ending in "… [truncated, full text in Conn]" before the marker.
 */
export const PD_NOTE_MAX = 25_000;
export const NO_PD_INCIDENT =
  "There is no PagerDuty incident for this incident yet: run 'Open the PagerDuty incident' first, then retry.";

type PdKind = Extract<JobKind, `pagerduty.${string}`>;
type Ctx<K extends PdKind> = ExecContext<K>;

const pdResult = (i: PdIncident) => ({ incidentId: i.id, htmlUrl: i.html_url, url: i.html_url, status: i.status });

function incidentIdOf(ctx: { links: { pagerdutyIncidentId?: string } }): string {
  const id = ctx.links.pagerdutyIncidentId;
  if (!id) throw refuse(NO_PD_INCIDENT);
  return id;
}

/** Wraps a send so every throw becomes a `failed` outcome with a VendorFailure. */
const guarded =
  <K extends PdKind>(fn: (job: OutboxJob, ctx: Ctx<K>) => Promise<unknown>) =>
  async (job: OutboxJob, ctx: Ctx<K>): Promise<ExecOutcome> => {
    try {
      return { status: 'done', result: await fn(job, ctx) };
    } catch (err) {
      return { status: 'failed', failure: asFailure(err) };
    }
  };

/** An idempotent update: reconcile reads the incident and checks whether it already shows the change. */
function stateChange<K extends PdKind>(
  v: LiveVendors,
  apply: (pd: PagerDutyClient, id: string, ctx: Ctx<K>) => Promise<PdIncident>,
  shows: (i: PdIncident, ctx: Ctx<K>) => boolean,
): Executor<K> {
  return {
    send: guarded<K>(async (_job, ctx) =>
      pdResult(await apply(live('pagerduty', v.pagerduty()).client, incidentIdOf(ctx), ctx)),
    ),
    async reconcile(_job, ctx): Promise<ReconcileOutcome> {
      const id = ctx.links.pagerdutyIncidentId;
      if (!id) return { status: 'not_sent' };
      const inc = await live('pagerduty', v.pagerduty()).client.getIncident(id);
      return shows(inc, ctx) ? { status: 'done', result: pdResult(inc) } : { status: 'not_sent' };
    },
  };
}

/** How long the account's services and priorities are trusted before they are read again (a miss re-reads at once). */
export const PD_LOOKUP_TTL_MS = 10 * 60_000;

interface Cached<T> {
  at: number;
  /** Shared by concurrent sends, so two jobs at once read the list once. */
  items: Promise<T[]>;
}

/**
 * The account's services and priorities, read once and cached: a runbook names a service (by name or id) and a
 * priority (by name); a name not in the cache re-reads the list once before it is called missing.
 */
function pagerdutyLookups(now: () => number = Date.now) {
  let services: Cached<PdService> | null = null;
  let priorities: Cached<PdPriority> | null = null;
  const norm = (s: string) => s.trim().toLowerCase();

  async function find<T>(
    slot: { get: () => Cached<T> | null; set: (c: Cached<T> | null) => void },
    load: () => Promise<T[]>,
    match: (t: T) => boolean,
  ) {
    const reload = () => {
      const c = { at: now(), items: load() };
      slot.set(c);
      c.items.catch(() => slot.get() === c && slot.set(null)); // a failed read is not cached
      return c.items;
    };
    const c = slot.get();
    if (c && now() - c.at < PD_LOOKUP_TTL_MS) {
      const hit = (await c.items).find(match);
      if (hit) return { hit, all: await c.items };
      if (now() - c.at < 1000) return { hit: null, all: await c.items }; // just read: no second read
    }
    const all = await reload();
    return { hit: all.find(match) ?? null, all };
  }
  const serviceSlot = { get: () => services, set: (c: Cached<PdService> | null) => (services = c) };
  const prioritySlot = { get: () => priorities, set: (c: Cached<PdPriority> | null) => (priorities = c) };

  return {
    async serviceId(pd: PagerDutyClient, wanted: string): Promise<string> {
      const { hit, all } = await find(
        serviceSlot,
        () => pd.listServices(),
        (s) => s.id === wanted.trim() || norm(s.name) === norm(wanted),
      );
      if (hit) return hit.id;
      const names = all
        .map((s) => s.name)
        .slice(0, 20)
        .join(', ');
      throw refuse(
        `PagerDuty has no service "${wanted}" that this token can see${names ? ` (it has: ${names})` : ''}. Fix the ` +
          `runbook step or the PagerDuty service name.`,
      );
    },
    /** The priority's id; null where the account has no priorities (the incident opens without one). */
    async priorityId(pd: PagerDutyClient, wanted: string): Promise<string | null> {
      const { hit, all } = await find(
        prioritySlot,
        () => pd.listPriorities(),
        (p) => norm(p.name) === norm(wanted),
      );
      if (hit) return hit.id;
      if (all.length === 0) return null;
      throw refuse(
        `PagerDuty has no priority "${wanted}" (it has: ${all.map((p) => p.name).join(', ')}). Fix the runbook step.`,
      );
    },
  };
}

export function pagerdutyExecutors(v: LiveVendors) {
  const lookups = pagerdutyLookups();
  const createIncident: Executor<'pagerduty.createIncident'> = {
    send: guarded<'pagerduty.createIncident'>(async (_job, ctx) => {
      const { client: pd, config } = live('pagerduty', v.pagerduty());
      if (!ctx.incident) throw refuse('This PagerDuty incident is not tied to a Conn incident.');
      const p = ctx.payload;
      const serviceId = p.serviceId ?? (p.service ? await lookups.serviceId(pd, p.service) : config.defaultServiceId);
      const priorityId = p.priority ? await lookups.priorityId(pd, p.priority) : null;
      const { incident } = await pd.createIncident({
        serviceId,
        ...(priorityId ? { priorityId } : {}),
        title: ellipsis(ctx.payload.title, PD_TITLE_MAX),
        details: ctx.payload.details,
        incidentKey: incidentKeyFor(ctx.incident.id),
        ...(ctx.payload.assigneeUserId ? { assigneeUserId: ctx.payload.assigneeUserId } : {}),
        urgency: 'high',
      });
      return pdResult(incident);
    }),
    async reconcile(_job, ctx) {
      if (!ctx.incident) return { status: 'not_sent' };
      const found = await live('pagerduty', v.pagerduty()).client.findIncidentByKey(incidentKeyFor(ctx.incident.id));
      return found ? { status: 'done', result: pdResult(found) } : { status: 'not_sent' };
    },
  };

  // The marker (and its blank line) must fit inside the limit too: the content gives way, visibly.
  const noteText = (job: OutboxJob, content: string) => {
    const marker = markerFor(job.id);
    const room = PD_NOTE_MAX - charCount(withMarker('', marker, 'pagerduty.note'));
    return withMarker(truncateVisibly(content, room), marker, 'pagerduty.note');
  };

  const addNote: Executor<'pagerduty.addNote'> = {
    send: guarded<'pagerduty.addNote'>(async (job, ctx) => {
      const id = incidentIdOf(ctx);
      const note = await live('pagerduty', v.pagerduty()).client.addNote(id, noteText(job, ctx.payload.content));
      return { incidentId: id, noteId: note.id };
    }),
    async reconcile(job, ctx) {
      const id = ctx.links.pagerdutyIncidentId;
      if (!id) return { status: 'not_sent' };
      const note = await live('pagerduty', v.pagerduty()).client.findNoteByMarker(id, markerFor(job.id));
      return note ? { status: 'done', result: { incidentId: id, noteId: note.id } } : { status: 'not_sent' };
    },
  };

  const statusUpdate: Executor<'pagerduty.statusUpdate'> = {
    send: guarded<'pagerduty.statusUpdate'>(async (_job, ctx) => {
      const id = incidentIdOf(ctx);
      const su = await live('pagerduty', v.pagerduty()).client.statusUpdate(id, ctx.payload.message);
      return { incidentId: id, statusUpdateId: su.id };
    }),
    // PagerDuty offers no way to read status updates back, and each one e-mails the stakeholders: when a send
    // may have arrived, Conn does not send it again (at most once) and says so in the result.
    reconcile: async (_job, ctx) => ({
      status: 'done',
      result: {
        incidentId: ctx.links.pagerdutyIncidentId ?? null,
        unverified: 'PagerDuty cannot be asked whether this status update arrived; it was not sent again.',
      },
    }),
  };

  return {
    'pagerduty.createIncident': createIncident,
    'pagerduty.addNote': addNote,
    'pagerduty.statusUpdate': statusUpdate,
    'pagerduty.acknowledge': stateChange<'pagerduty.acknowledge'>(
      v,
      (pd, id) => pd.acknowledge(id),
      (i) => i.status !== 'triggered',
    ),
    'pagerduty.resolve': stateChange<'pagerduty.resolve'>(
      v,
      (pd, id) => pd.resolve(id),
      (i) => i.status === 'resolved',
    ),
    'pagerduty.reassign': stateChange<'pagerduty.reassign'>(
      v,
      (pd, id, ctx) => pd.reassign(id, ctx.payload.assigneeUserId),
      (i, ctx) => i.assignments.some((a) => a.assignee.id === ctx.payload.assigneeUserId),
    ),
  };
}
