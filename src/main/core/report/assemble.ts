// Builds the report view from the stored draft and the session, at read time: editing the timeline
// or the draft shows up on the next read, with no copy to keep in sync.
import type { Incident } from '../../../shared/domain';
import {
  proposedSections,
  sectionKeys,
  sectionTitles,
  type ActionItem,
  type IssueRequest,
  type ReportSection,
  type ReportTimelineLine,
  type ReportView,
  type TextSectionKey,
} from '../../../shared/report';
import { dayHeading, formatDuration, formatZoned, zonedDate } from '../../../shared/zonedTime';
import { sectionColumns, type DraftRow, type ItemRow, type ReportTimelineRow } from '../db/repos/report';
import { reviewWarnings } from './checks';
import { citedIds, digestOf, readStored, resolutionOf, whatHappenedOf, type RecordDigest } from './propose';
import { lineOf } from './sources';

export interface AssembleInput {
  incident: Incident;
  draft: DraftRow;
  items: ItemRow[];
  entries: ReportTimelineRow[];
  roster: string[];
  publishBaseUrl: string;
  /** Every timeline entry of the incident, so citations of entries later left out of the report still resolve. */
  record?: ReportTimelineRow[];
  /** The view shows only this page of the timeline (report.get); without it, all of `entries` (exports). */
  page?: { rows: ReportTimelineRow[]; total: number; hasAfter: boolean };
  /** Reads cited entries by id when `record` is not loaded. */
  cited?: (ids: string[]) => ReportTimelineRow[];
  /** What the proposals read, when `entries` is not the whole report timeline (report.get reads it by query). */
  digest?: RecordDigest;
  /** Conn's unsettled requests to open items' issues, by item id. */
  issueRequests?: ReadonlyMap<string, IssueRequest>;
  /** The GitHub connection's default repository for action items; null when GitHub is not connected. */
  githubRepo?: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const toActionItem = (r: ItemRow, request: IssueRequest | null = null): ActionItem => ({
  id: r.id,
  what: r.what,
  doneWhen: r.done_when,
  owner: r.owner,
  issueUrl: r.issue_url,
  repo: r.repo,
  issueState: r.issue_url ? r.issue_state : null,
  issueClosedAt: r.issue_url ? iso(r.issue_closed_at) : null,
  issueCheckedAt: r.issue_url ? iso(r.issue_checked_at) : null,
  issueRequest: r.issue_url ? null : request,
});

export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+$/, '');
}

/** 'YYYY-MM-DD-<hub>-<slug>': the impact start's date in the report's timezone. */
export function fileBaseName(title: string, hub: string | null, impactStartMs: number, tz: string): string {
  const parts = [zonedDate(impactStartMs, tz), slugify(hub ?? '', 40), slugify(title) || 'incident'];
  return parts.filter(Boolean).join('-');
}

export function timelineLines(entries: ReportTimelineRow[], tz: string): ReportTimelineLine[] {
  return entries.map((e) => ({
    entryId: e.id,
    at: new Date(e.at).toISOString(),
    time: formatZoned(e.at, tz),
    day: dayHeading(e.at, tz),
    text: lineOf(e),
    cursor: `${e.at}.${e.id}`,
  }));
}

/** Conn's proposed text for a section, from what was recorded; null when there is nothing to say. */
export function proposalFor(key: TextSectionKey, a: AssembleInput, digest: RecordDigest): string | null {
  const tz = a.draft.timezone;
  const facts = {
    classification: digest.lastClassification ? lineOf(digest.lastClassification) : null,
    resolution: digest.lastResolution ? lineOf(digest.lastResolution) : null,
  };
  if (key === 'overview') {
    const title = (a.draft.title ?? a.incident.title).replace(/[.!\s]+$/, '');
    const hub = a.incident.hub;
    const where = hub && !title.toLowerCase().includes(hub.toLowerCase()) ? ` on the ${hub} hub` : '';
    const lines = [`${title}${where}.`];
    if (facts.classification) lines.push(`Classified as: ${facts.classification}.`);
    const start = formatZoned(a.draft.impact_start, tz);
    const duration = formatDuration(a.draft.impact_start, a.draft.impact_end);
    lines.push(
      a.draft.impact_end === null
        ? `Impact began around ${start} (${tz}); the end of the impact is not recorded yet.`
        : `Impact began around ${start} and ended at ${formatZoned(a.draft.impact_end, tz)} (${tz})${
            duration ? `, ${duration} in all` : ''
          }.`,
    );
    if (facts.resolution) lines.push(`Resolution: ${facts.resolution}`);
    return lines.join(' ');
  }
  if (key === 'whatHappened') return whatHappenedOf(digest, tz);
  if (key === 'resolution') return resolutionOf(digest, tz);
  return null;
}

export function assembleReport(a: AssembleInput): ReportView {
  const { draft, incident } = a;
  const tz = draft.timezone;
  const title = draft.title ?? incident.title;
  const digest = a.digest ?? digestOf(a.entries);
  const sections: ReportSection[] = sectionKeys.map((key) => {
    if (key === 'actionItems') return { kind: 'actionItems', key, title: sectionTitles[key] };
    if (key === 'timeline') return { kind: 'timeline', key, title: sectionTitles[key] };
    const stored = readStored(draft[sectionColumns[key]] as string | null);
    const proposed = proposedSections.includes(key) ? proposalFor(key, a, digest) : null;
    // An accepted proposal nobody changed follows the record while the report is a Draft.
    const following = stored.untouched && draft.status === 'draft' && proposed !== null;
    const body = following ? proposed : stored.text;
    return {
      kind: 'text',
      key,
      title: sectionTitles[key],
      body,
      proposal: body === null ? proposed : null,
      following: stored.untouched,
    };
  });
  const base = fileBaseName(title, incident.hub, draft.impact_start, tz);
  const view: ReportView = {
    incidentId: incident.id,
    version: draft.version,
    header: {
      title,
      owner: draft.owner,
      impactStart: new Date(draft.impact_start).toISOString(),
      impactEnd: draft.impact_end === null ? null : new Date(draft.impact_end).toISOString(),
      impactEndProposal: draft.impact_end === null ? incident.resolvedAt : null,
      timezone: tz,
      duration: formatDuration(draft.impact_start, draft.impact_end),
      status: draft.status,
    },
    hub: incident.hub,
    sections,
    actionItems: a.items.map((r) => toActionItem(r, a.issueRequests?.get(r.id) ?? null)),
    timeline: timelineLines(a.page ? a.page.rows : a.entries, tz),
    timelineTotal: a.page ? a.page.total : a.entries.length,
    timelineHasAfter: a.page ? a.page.hasAfter : false,
    citations: [],
    warnings: [],
    fileBase: base,
    reportUrl: `${a.publishBaseUrl.replace(/\/?$/, '/')}${base}.pdf`,
    githubRepo: a.githubRepo ?? null,
    updatedAt: new Date(draft.updated_at).toISOString(),
  };
  const cited = [...new Set(sections.flatMap((s) => (s.kind === 'text' && s.body ? citedIds(s.body) : [])))];
  const byId = new Map((a.record ?? (a.cited ? a.cited(cited) : a.entries)).map((e) => [e.id, e]));
  view.citations = timelineLines(
    cited.map((id) => byId.get(id)).filter((e): e is ReportTimelineRow => e !== undefined),
    tz,
  );
  view.warnings = reviewWarnings(view, a.roster);
  return view;
}
