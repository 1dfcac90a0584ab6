// The outage register's figures, computed from each incident's record (pure; the service reads the rows).
import type { Incident } from '../../../shared/domain';
import type { RegisterMonth, RegisterRow } from '../../../shared/register';
import { formatDuration } from '../../../shared/zonedTime';
import type { DraftRow, ItemRow, ReportTimelineRow } from '../db/repos/report';

export interface RegisterSource {
  incident: Incident;
  draft: DraftRow | undefined;
  items: Pick<ItemRow, 'issue_url'>[];
  record: ReportTimelineRow[];
}

const DAY = 24 * 60 * 60 * 1000;
const PRIORITY = /\b(P[1-5])\b/;

/** The last PagerDuty priority named on the record (a priority change, or the incident's trigger). */
export function severityOf(record: readonly ReportTimelineRow[]): string | null {
  let found: string | null = null;
  for (const e of record) {
    if (e.source !== 'pagerduty') continue;
    const m = PRIORITY.exec(e.body);
    if (m) found = m[1] as string;
  }
  return found;
}

/** The first public reply to the community: a Freshdesk reply, imported or sent through Conn's outbox. */
export function firstReplyAt(record: readonly ReportTimelineRow[]): number | null {
  const reply = record.find(
    (e) =>
      (e.source === 'freshdesk' && e.kind === 'conversation.reply') ||
      (e.source === 'outbox' && e.kind === 'freshdesk.reply'),
  );
  return reply ? reply.at : null;
}

export function registerRow(s: RegisterSource, now: number): RegisterRow {
  const { incident, draft } = s;
  const start = draft?.impact_start ?? Date.parse(incident.impactStartAt);
  const end = draft?.impact_end ?? null;
  const reply = firstReplyAt(s.record);
  // PagerDuty's resolution on the record wins: a past incident built here was marked resolved only when imported.
  const pdResolved = s.record.filter((e) => e.source === 'pagerduty' && e.kind === 'log.resolve').at(-1)?.at ?? null;
  const resolved = pdResolved ?? (incident.resolvedAt ? Date.parse(incident.resolvedAt) : null);
  return {
    incidentId: incident.id,
    title: draft?.title ?? incident.title,
    hub: incident.hub,
    status: incident.status,
    declaredAt: incident.declaredAt,
    impactStart: new Date(start).toISOString(),
    impactEnd: end === null ? null : new Date(end).toISOString(),
    durationMs: end === null ? null : end - start,
    severity: severityOf(s.record),
    timeToFirstReplyMs: reply === null ? null : Math.max(0, reply - start),
    timeToResolveMs: resolved === null ? null : Math.max(0, resolved - start),
    reportStatus: draft?.status ?? null,
    reportAgeDays: draft ? Math.max(0, Math.floor((now - draft.updated_at) / DAY)) : null,
    actionItems: { total: s.items.length, withIssue: s.items.filter((i) => i.issue_url).length },
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
}

export function matches(r: RegisterRow, f: RegisterFilter): boolean {
  const start = Date.parse(r.impactStart);
  if (f.from && start < Date.parse(`${f.from}T00:00:00Z`)) return false;
  if (f.to && start >= Date.parse(`${f.to}T00:00:00Z`) + DAY) return false;
  if (f.severity && r.severity !== f.severity) return false;
  if (f.hub && (r.hub ?? '').toLowerCase() !== f.hub.trim().toLowerCase()) return false;
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
  'status',
  'severity',
  'declared_at',
  'impact_start',
  'impact_end',
  'duration_minutes',
  'duration',
  'first_reply_minutes',
  'resolve_minutes',
  'report_status',
  'report_age_days',
  'action_items',
  'action_items_with_issue',
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
        r.status,
        r.severity,
        r.declaredAt,
        r.impactStart,
        r.impactEnd,
        minutes(r.durationMs),
        r.impactEnd ? formatDuration(start, Date.parse(r.impactEnd)) : null,
        minutes(r.timeToFirstReplyMs),
        minutes(r.timeToResolveMs),
        r.reportStatus,
        r.reportAgeDays,
        r.actionItems.total,
        r.actionItems.withIssue,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
