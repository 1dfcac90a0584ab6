// Every affected community told, each exactly once per message. A public message to the incident's ticket (first
// response, status update, resolution, report link) fans out: the community whose hub the incident is about gets it
// on the incident's ticket; every other affected community gets it on the ticket Conn opened for it, and the first
// message to a community without one opens it (`freshdesk.createTicket` to the registry's requester e-mail). Each
// community has its own ordered outbox stream, so a reply waits for its ticket and one community's trouble holds up
// no other. What was told is read back from the outbox: last told at, the latest message's progress, the stalest.
import type Database from 'better-sqlite3';
import type { CommunitiesTold, CommunityChannel, CommunityTold } from '../../../shared/hubs';
import type { JobState } from '../../../shared/outbox';
import { communitiesRepo, type CommunityHubRow, type CommunityJobRow } from '../db/repos/communities';
import { ticketIdFromUrl } from '../outbox/links';
import type { JobSpec } from './actionJobs';

export type FanOutSpec = JobSpec & { orderKey?: string };

const FAILED: ReadonlySet<JobState> = new Set(['dead', 'needs_you']);
const PENDING: ReadonlySet<JobState> = new Set(['queued', 'sending', 'retrying', 'uncertain']);

/** One ordered stream per community per incident: its ticket first, then its replies, in order. */
export const communityOrderKey = (incidentId: string, community: string) => `freshdesk:${incidentId}:c:${community}`;

interface Contact {
  community: string;
  hubs: CommunityHubRow[];
  email: string | null;
}

function contactsOf(rows: readonly CommunityHubRow[]): Contact[] {
  const by = new Map<string, Contact>();
  for (const r of rows) {
    const c = by.get(r.community) ?? { community: r.community, hubs: [], email: null };
    c.hubs.push(r);
    c.email ??= r.requester_email;
    by.set(r.community, c);
  }
  return [...by.values()];
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '');

/** The community whose hub the incident was declared for (its ticket is theirs), if that hub is affected. */
function ticketOwner(hub: string | null, contacts: readonly Contact[]): string | null {
  if (!hub) return null;
  const h = norm(hub);
  const match = contacts.find((c) =>
    c.hubs.some((x) => [x.hub_id, x.name, x.domain].some((v) => norm(v) === h || norm(v).split('/').pop() === h)),
  );
  return match?.community ?? null;
}

const liveTicketJob = (jobs: readonly CommunityJobRow[], community: string) =>
  jobs.find((j) => j.kind === 'freshdesk.createTicket' && j.community === community && j.state !== 'discarded');

function createdTicketId(job: CommunityJobRow | undefined): number | null {
  if (!job || job.state !== 'sent' || !job.result) return null;
  const r = JSON.parse(job.result) as { ticketId?: unknown };
  return typeof r.ticketId === 'number' ? r.ticketId : null;
}

export function communities(db: Database.Database) {
  const repo = communitiesRepo(db);

  const state = (incidentId: string) => {
    const contacts = contactsOf(repo.hubs(incidentId));
    const inc = repo.incident(incidentId);
    const incidentTicket = ticketIdFromUrl(inc?.ticket_url) ?? null;
    const owner = incidentTicket === null ? null : ticketOwner(inc?.hub ?? null, contacts);
    return { contacts, incidentTicket, owner, jobs: repo.jobs(incidentId) };
  };

  return {
    /**
     * Expands the replies to the incident's ticket in `specs` into one message per affected community (see the top
     * of this file). Without affected communities the specs are returned as they are. Call inside the transaction
     * that enqueues them.
     */
    fanOut(incidentId: string, specs: readonly JobSpec[], subject: string): FanOutSpec[] {
      const s = state(incidentId);
      if (s.contacts.length === 0) return [...specs];
      const opened = new Set(s.contacts.filter((c) => liveTicketJob(s.jobs, c.community)).map((c) => c.community));
      const out: FanOutSpec[] = [];
      for (const spec of specs) {
        if (spec.kind !== 'freshdesk.reply' || spec.payload.community !== undefined || spec.payload.ticketId) {
          out.push(spec);
          continue;
        }
        const body = spec.payload.body;
        if (s.incidentTicket !== null) {
          // The incident's own requester hears it on their ticket, attributed to their community when known.
          out.push(
            s.owner
              ? { kind: 'freshdesk.reply', payload: { body, community: s.owner, ticketId: s.incidentTicket } }
              : spec,
          );
        }
        for (const c of s.contacts) {
          if (c.community === s.owner || c.email === null) continue;
          const orderKey = communityOrderKey(incidentId, c.community);
          if (opened.has(c.community)) {
            out.push({ kind: 'freshdesk.reply', payload: { body, community: c.community }, orderKey });
          } else {
            opened.add(c.community);
            out.push({
              kind: 'freshdesk.createTicket',
              payload: { community: c.community, email: c.email, subject, body },
              orderKey,
            });
          }
        }
      }
      return out;
    },

    /** How many affected communities Conn can tell (a requester e-mail, or the incident's ticket is theirs). */
    reachable(incidentId: string): number {
      const s = state(incidentId);
      return s.contacts.filter((c) => c.email !== null || c.community === s.owner).length;
    },

    /** Who has been told, when last, and the latest message's progress. */
    told(incidentId: string): CommunitiesTold {
      const s = state(incidentId);
      const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
      const list: CommunityTold[] = s.contacts.map((c) => {
        const mine = s.jobs.filter((j) => j.community === c.community);
        const ticketJob = liveTicketJob(s.jobs, c.community);
        const via: CommunityChannel =
          c.community === s.owner
            ? 'incident_ticket'
            : ticketJob
              ? 'own_ticket'
              : c.email === null
                ? 'no_contact'
                : 'new_ticket';
        const sent = mine.filter((j) => j.state === 'sent').map((j) => j.updated_at);
        return {
          community: c.community,
          hubIds: c.hubs.map((h) => h.hub_id),
          email: c.email,
          via,
          ticketId: via === 'incident_ticket' ? s.incidentTicket : createdTicketId(ticketJob),
          lastToldAt: iso(sent.length ? Math.max(...sent) : null),
          pending: mine.filter((j) => PENDING.has(j.state)).length,
          failed: mine.filter((j) => FAILED.has(j.state)).length,
        };
      });
      // The latest message: the jobs enqueued together last (one transaction, one time).
      const live = s.jobs.filter((j) => j.state !== 'discarded');
      const lastAt = live.length ? Math.max(...live.map((j) => j.created_at)) : null;
      const batch = lastAt === null ? [] : live.filter((j) => j.created_at === lastAt);
      const progress =
        lastAt === null
          ? null
          : {
              told: batch.filter((j) => j.state === 'sent').length,
              total: batch.length,
              pending: batch.filter((j) => PENDING.has(j.state)).length,
              failed: batch.filter((j) => FAILED.has(j.state)).length,
              at: new Date(lastAt).toISOString(),
            };
      const stale = stalestOf(s.contacts, s.jobs);
      return {
        communities: list,
        progress,
        stalest: stale ? { community: stale.community, lastToldAt: iso(stale.toldAt) } : null,
      };
    },

    /**
     * For the update reminder: when the stalest reachable community was last sent a message (queued or accepted, not
     * failed); a community never messaged counts from when it was added. Null when no community is reachable.
     */
    stalestAt(incidentId: string): number | null {
      const s = state(incidentId);
      return stalestOf(s.contacts, s.jobs)?.at ?? null;
    },
  };
}
export type Communities = ReturnType<typeof communities>;

function stalestOf(contacts: readonly Contact[], jobs: readonly CommunityJobRow[]) {
  let worst: { community: string; at: number; toldAt: number | null } | null = null;
  for (const c of contacts) {
    if (c.email === null && !jobs.some((j) => j.community === c.community)) continue; // cannot be told by Conn
    const mine = jobs.filter((j) => j.community === c.community);
    const reaching = mine.filter((j) => j.state !== 'discarded' && !FAILED.has(j.state)).map((j) => j.created_at);
    const sent = mine.filter((j) => j.state === 'sent').map((j) => j.updated_at);
    const at = reaching.length ? Math.max(...reaching) : Math.min(...c.hubs.map((h) => h.added_at));
    if (!worst || at < worst.at) worst = { community: c.community, at, toldAt: sent.length ? Math.max(...sent) : null };
  }
  return worst;
}
