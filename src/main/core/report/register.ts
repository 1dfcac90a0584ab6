// The outage register's figures, computed from each incident's record (pure; the service reads the rows).
import type { Incident } from '../../../shared/domain';
import type { RegisterEvidence, RegisterMonth, RegisterRow } from '../../../shared/register';
import { formatDuration } from '../../../shared/zonedTime';
import type { DraftRow, ItemRow, ReportTimelineRow } from '../db/repos/report';

export interface RegisterSource {
  incident: Incident;
  draft: DraftRow | undefined;
  items: Pick<ItemRow, 'issue_url' | 'issue_state'>[];
  record: ReportTimelineRow[];
  /** The clusters the incident's scope covers (the scope's own cluster, and those of the hubs affected). */
  clusters?: string[];
  /** Conn's requests the vendors accepted (outbox jobs sent). */
  sent?: SentJob[];
}

const DAY = 24 * 60 * 60 * 1000;
const PRIORITY = /\b(P[1-5])\b/;

type Entry = Pick<ReportTimelineRow, 'id' | 'at' | 'kind' | 'source' | 'body'>;

/** The entry naming the last PagerDuty priority on the record (a priority change, or the incident's trigger). */
export function severityEntry<E extends Entry>(record: readonly E[]): { severity: string; entry: E } | null {
  let found: { severity: string; entry: E } | null = null;
  for (const e of record) {
    if (e.source !== 'pagerduty') continue;
    const m = PRIORITY.exec(e.body);
    if (m) found = { severity: m[1] as string, entry: e };
  }
  return found;
}

export const severityOf = (record: readonly Entry[]): string | null => severityEntry(record)?.severity ?? null;

const isReply = (e: Entry) =>
  (e.source === 'freshdesk' && e.kind === 'conversation.reply') ||
  (e.source === 'outbox' && e.kind === 'freshdesk.reply');

/** The first public reply to the community: a Freshdesk reply, imported or sent through Conn's outbox. */
export const firstReply = <E extends Entry>(record: readonly E[]): E | undefined => record.find(isReply);

export function firstReplyAt(record: readonly Entry[]): number | null {
  return firstReply(record)?.at ?? null;
}

export interface SentJob {
  kind: string;
  /** When the vendor accepted it. */
  at: number;
  /** The timeline entry that stands for it (its checklist step done, its note…); a job without one is not cited. */
  entryId: string | null;
}

/**
 * The record with Conn's own sent requests as entries (source 'outbox', kind the job's), each under the id of the
 * timeline entry that stands for it, so a figure it makes cites that entry. In time order.
 */
export function withSentJobs<E extends Entry>(record: readonly E[], sent: readonly SentJob[]): Entry[] {
  const jobs: Entry[] = sent.flatMap((j) =>
    j.entryId ? [{ id: j.entryId, at: j.at, kind: j.kind, source: 'outbox', body: '' }] : [],
  );
  return [...record, ...jobs].sort((a, b) => a.at - b.at);
}

/** What makes an incident officially started; each is the first entry on the record that shows it. */
const OFFICIAL: Record<'pagerduty' | 'acknowledged' | 'channel' | 'community', (e: Entry) => boolean> = {
  pagerduty: (e) =>
    (e.source === 'pagerduty' && e.kind === 'log.trigger') ||
    (e.source === 'outbox' && e.kind === 'pagerduty.createIncident'),
  acknowledged: (e) =>
    (e.source === 'pagerduty' && e.kind === 'log.acknowledge') ||
    (e.source === 'outbox' && e.kind === 'pagerduty.acknowledge'),
  // A message in the channel shows it exists as surely as Conn creating it.
  channel: (e) => e.source === 'slack' || (e.source === 'outbox' && e.kind === 'slack.createChannel'),
  community: (e) =>
    isReply(e) ||
    (e.source === 'freshdesk' && e.kind === 'ticket.opened') ||
    (e.source === 'outbox' && e.kind === 'freshdesk.createTicket'),
};

/**
 * The official start: the moment all of PagerDuty incident, its acknowledgement, the Slack channel and the community
 * told are on the record, with the entries that show each; null while any is missing.
 */
export function officialStart<E extends Entry>(record: readonly E[]): { at: number; entries: E[] } | null {
  const entries: E[] = [];
  for (const test of Object.values(OFFICIAL)) {
    const e = record.find(test);
    if (!e) return null;
    entries.push(e);
  }
  // Oldest first: the last entry is the one that completed the start.
  const cited = [...new Set(entries)].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  return { at: (cited.at(-1) as E).at, entries: cited };
}

export function registerRow(s: RegisterSource, now: number): RegisterRow {
  const { incident, draft } = s;
  const start = draft?.impact_start ?? Date.parse(incident.impactStartAt);
  const end = draft?.impact_end ?? null;
  const all = s.sent?.length ? withSentJobs(s.record, s.sent) : s.record;
  const replyEntry = firstReply(all);
  const reply = replyEntry?.at ?? null;
  const sev = severityEntry(s.record);
  const official = officialStart(all);
  const declared = Date.parse(incident.declaredAt);
  // PagerDuty's resolution on the record wins: a past incident built here was marked resolved only when imported.
  const pdResolve = s.record.filter((e) => e.source === 'pagerduty' && e.kind === 'log.resolve').at(-1);
  const resolved = pdResolve?.at ?? (incident.resolvedAt ? Date.parse(incident.resolvedAt) : null);
  const evidence: RegisterEvidence = {};
  if (sev) evidence.severity = [sev.entry.id];
  if (replyEntry) evidence.firstReply = [replyEntry.id];
  if (official) evidence.officialStart = official.entries.map((e) => e.id);
  if (pdResolve) evidence.resolve = [pdResolve.id];
  return {
    incidentId: incident.id,
    title: draft?.title ?? incident.title,
    hub: incident.hub,
    clusters: [...new Set(s.clusters ?? [])].sort(),
    runbookId: incident.runbookId,
    status: incident.status,
    declaredAt: incident.declaredAt,
    impactStart: new Date(start).toISOString(),
    impactEnd: end === null ? null : new Date(end).toISOString(),
    durationMs: end === null ? null : end - start,
    severity: sev?.severity ?? null,
    timeToFirstReplyMs: reply === null ? null : Math.max(0, reply - start),
    timeToOfficialStartMs: official ? Math.max(0, official.at - declared) : null,
    timeToResolveMs: resolved === null ? null : Math.max(0, resolved - start),
    reportStatus: draft?.status ?? null,
    reportAgeDays: draft ? Math.max(0, Math.floor((now - draft.updated_at) / DAY)) : null,
    actionItems: {
      total: s.items.length,
      withIssue: s.items.filter((i) => i.issue_url).length,
      open: s.items.filter((i) => i.issue_url && i.issue_state === 'open').length,
      closed: s.items.filter((i) => i.issue_url && i.issue_state === 'closed').length,
    },
    evidence,
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : Math.round(((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2);
}

/** One summary per month of impact start (UTC), oldest first, months without incidents left out. */
export function registerMonths(rows: readonly RegisterRow[]): RegisterMonth[] {
  const byMonth = new Map<string, RegisterRow[]>();
  for (const r of rows) {
    const month = r.impactStart.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), r]);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, list]) => ({
      month,
      count: list.length,
      p1: list.filter((r) => r.severity === 'P1').length,
      medianDurationMs: median(list.flatMap((r) => (r.durationMs === null ? [] : [r.durationMs]))),
      medianFirstReplyMs: median(list.flatMap((r) => (r.timeToFirstReplyMs === null ? [] : [r.timeToFirstReplyMs]))),
    }));
}

export interface RegisterFilter {
  from?: string;
  to?: string;
  severity?: string;
  hub?: string;
  cluster?: string;
  runbook?: string;
}

export function matches(r: RegisterRow, f: RegisterFilter): boolean {
  const start = Date.parse(r.impactStart);
  if (f.from && start < Date.parse(`${f.from}T00:00:00Z`)) return false;
  if (f.to && start >= Date.parse(`${f.to}T00:00:00Z`) + DAY) return false;
  if (f.severity && r.severity !== f.severity) return false;
  if (f.hub && (r.hub ?? '').toLowerCase() !== f.hub.trim().toLowerCase()) return false;
  const cluster = f.cluster?.trim().toLowerCase();
  if (cluster && !r.clusters.some((c) => c.toLowerCase() === cluster)) return false;
  if (f.runbook && r.runbookId !== f.runbook.trim()) return false;
  return true;
}

const minutes = (ms: number | null) => (ms === null ? '' : String(Math.round(ms / 60_000)));

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_COLUMNS = [
  'incident_id',
  'title',
  'hub',
  'clusters',
  'runbook',
  'status',
  'severity',
  'declared_at',
  'impact_start',
  'impact_end',
  'duration_minutes',
  'duration',
  'first_reply_minutes',
  'official_start_minutes',
  'resolve_minutes',
  'report_status',
  'report_age_days',
  'action_items',
  'action_items_with_issue',
  'action_items_open',
  'action_items_closed',
] as const;

export function registerCsv(rows: readonly RegisterRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const start = Date.parse(r.impactStart);
    lines.push(
      [
        r.incidentId,
        r.title,
        r.hub,
        r.clusters.join(' '),
        r.runbookId,
        r.status,
        r.severity,
        r.declaredAt,
        r.impactStart,
        r.impactEnd,
        minutes(r.durationMs),
        r.impactEnd ? formatDuration(start, Date.parse(r.impactEnd)) : null,
        minutes(r.timeToFirstReplyMs),
        minutes(r.timeToOfficialStartMs),
        minutes(r.timeToResolveMs),
        r.reportStatus,
        r.reportAgeDays,
        r.actionItems.total,
        r.actionItems.withIssue,
        r.actionItems.open,
        r.actionItems.closed,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
