// Proposed report sections composed from the record, deterministically: one plain sentence per finding, decision,
// action, status change and vendor event, each ending with a citation marker `[^e:<entryId>]` naming the entry it
// came from. The markers are stored in the section text as written; the screen shows them as links to the timeline,
// the exports turn them into footnotes (Markdown) or a Sources list (HTML/PDF). No model is involved.
import type { ReportTimelineRow } from '../db/repos/report';
import { formatZoned, zonedDate } from '../../../shared/zonedTime';
import { CLASSIFICATION_KINDS, lineOf } from './sources';

export const CITATION = /\[\^e:([A-Za-z0-9_-]{1,64})\]/g;
export const cite = (entryId: string) => `[^e:${entryId}]`;

/** Entry ids cited in a text, in order of first appearance. */
export function citedIds(text: string): string[] {
  return [...new Set([...text.matchAll(CITATION)].map((m) => m[1] as string))];
}

/** The text with every citation marker removed (what the fact checker reads as prose). */
export const withoutCitations = (text: string) => text.replace(CITATION, '');

export type Role = 'finding' | 'decision' | 'action' | 'command' | 'status' | 'vendor' | 'resolution';

const VENDOR_KINDS =
  /^(log\.(trigger|acknowledge|resolve|escalate|assign|unacknowledge|priority_change|urgency_change)|ticket\.opened)$/;
const GITHUB_KINDS = /^(pull\.(opened|merged|closed)|issue\.(opened|closed))$/;
const RESOLUTION_KINDS = new Set(['resolution', 'resolved']);

/** What part an entry plays in the story, or null when it is conversation, checklist bookkeeping or similar. */
export function roleOf(e: Pick<ReportTimelineRow, 'kind' | 'source'>): Role | null {
  if (RESOLUTION_KINDS.has(e.kind)) return 'resolution';
  if (e.source === 'status' && (e.kind === 'status_changed' || e.kind === 'reopened')) return 'status';
  if (e.source === 'note' || e.source === 'system') {
    const noteRoles: readonly string[] = ['finding', 'decision', 'action', 'command', 'status'];
    return noteRoles.includes(e.kind) ? (e.kind as Role) : null;
  }
  if ((e.source === 'pagerduty' || e.source === 'freshdesk') && VENDOR_KINDS.test(e.kind)) return 'vendor';
  if (e.source === 'github' && GITHUB_KINDS.test(e.kind)) return 'vendor';
  return null;
}

export interface ProposeInput {
  /** The record's entries marked for the report, oldest first. */
  entries: ReportTimelineRow[];
  timezone: string;
  impactStart: number;
  impactEnd: number | null;
}

const vendorName: Record<string, string> = {
  pagerduty: 'PagerDuty',
  freshdesk: 'Freshdesk',
  slack: 'Slack',
  github: 'GitHub',
};

/** A line as the end of a sentence: one line, no trailing punctuation run, Markdown emphasis characters kept. */
function clause(text: string): string {
  const one = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.;:,]+$/, '');
  return one.length > 280 ? `${one.slice(0, 279).trimEnd()}…` : one;
}

function statusClause(line: string): string {
  const m = /^(?:Status|Reopened):\s*(.+?)\s*→\s*(.+?)(?:\s*\((.*)\))?$/.exec(line);
  if (!m) return `the status was recorded: ${clause(line)}`;
  const why = m[3] ? ` (${clause(m[3])})` : '';
  return `the incident went from ${m[1]} to ${m[2]}${why}`;
}

function sentenceFor(e: ReportTimelineRow, role: Role, when: string): string {
  const line = lineOf(e);
  const body = (() => {
    switch (role) {
      case 'finding':
        return `a finding was recorded: ${clause(line)}`;
      case 'decision':
        return `the team decided: ${clause(line)}`;
      case 'action':
        return `the team acted: ${clause(line)}`;
      case 'command':
        return `the team ran \`${clause(line).replace(/`/g, "'")}\``;
      case 'status':
        return statusClause(line);
      case 'vendor':
        return `${vendorName[e.source] ?? e.source} recorded: ${clause(line)}`;
      case 'resolution':
        return `the resolution was recorded: ${clause(line)}`;
    }
  })();
  return `At ${when}, ${body}. ${cite(e.id)}`;
}

/** 'HH:mm' when everything cited happened on one local day, else 'YYYY-MM-DD HH:mm'. */
function whenFormatter(first: number | undefined, last: number | undefined, tz: string): (ms: number) => string {
  // Entries come oldest first: they share one local day when the first and the last do.
  const oneDay = first === undefined || last === undefined || zonedDate(first, tz) === zonedDate(last, tz);
  return oneDay ? (ms) => formatZoned(ms, tz).slice(11) : (ms) => formatZoned(ms, tz);
}

const MAX_SENTENCES = 40;
/** The story's sentences, then up to this many citations of the entries that follow them. */
const MORE_CITED = 5;
export const STORY_HEAD = MAX_SENTENCES + MORE_CITED;
export const STORY_ROLES: readonly Role[] = ['finding', 'decision', 'action', 'command', 'status', 'vendor'];
/** After the last finding, these are the fix the resolution tells. */
export const FIX_ROLES: readonly Role[] = ['action', 'command', 'decision'];

/**
 * What the proposals read from the record, all of it bounded except the resolution's few entries: counts, the first
 * and last entries, the head of the story. Built from the entries in memory (digestOf) or by bounded queries
 * (report/digest.ts), so report.get on a 10,000-note incident reads a few dozen rows, not all of them.
 */
export interface RecordDigest {
  /** Entries marked for the report, and the first and last of them. */
  total: number;
  first: ReportTimelineRow | null;
  last: ReportTimelineRow | null;
  /** How many entries play each role. */
  roles: Partial<Record<Role, number>>;
  /** The first STORY_HEAD entries with a STORY_ROLES role, oldest first, and the last such entry. */
  storyHead: ReportTimelineRow[];
  storyLast: ReportTimelineRow | null;
  /** The entries the resolution tells, oldest first: every entry that closes, and the fix after the last finding. */
  resolution: ReportTimelineRow[];
  lastFinding: ReportTimelineRow | null;
  /** The last entry of a classification kind and of a resolution kind (the overview's facts). */
  lastClassification: ReportTimelineRow | null;
  lastResolution: ReportTimelineRow | null;
}

/** A status change, vendor event or recorded resolution that closed the incident (mitigated, resolved). */
export function closes(e: ReportTimelineRow): boolean {
  const role = roleOf(e);
  if (role === 'resolution') return true;
  if (role === 'status') return /→\s*(mitigated|resolved|closed)/.test(lineOf(e).toLowerCase());
  if (role === 'vendor') return e.kind === 'log.resolve';
  return false;
}

const CLASSIFICATION = new Set<string>(CLASSIFICATION_KINDS);

export const emptyDigest = (): RecordDigest => ({
  total: 0,
  first: null,
  last: null,
  roles: {},
  storyHead: [],
  storyLast: null,
  resolution: [],
  lastFinding: null,
  lastClassification: null,
  lastResolution: null,
});

/**
 * Adds an entry marked for the report that comes after every entry already in the digest (by time, then id). The
 * digest of entries in memory is this fold; the report's cache folds in what was appended since its last read.
 */
export function addToDigest(d: RecordDigest, e: ReportTimelineRow): RecordDigest {
  const role = roleOf(e);
  d.total += 1;
  d.first ??= e;
  d.last = e;
  if (role) d.roles[role] = (d.roles[role] ?? 0) + 1;
  if (role && STORY_ROLES.includes(role)) {
    if (d.storyHead.length < STORY_HEAD) d.storyHead.push(e);
    d.storyLast = e;
  }
  // The resolution tells what closed the incident, and the fix: what was done after the last finding.
  if (role === 'finding') {
    d.lastFinding = e;
    d.resolution = d.resolution.filter(closes);
  }
  if (closes(e) || (d.lastFinding && role !== null && FIX_ROLES.includes(role))) d.resolution.push(e);
  if (CLASSIFICATION.has(e.kind)) d.lastClassification = e;
  if (RESOLUTION_KINDS.has(e.kind)) d.lastResolution = e;
  return d;
}

/** The digest of entries held in memory, oldest first (exports, the fact check, tests). */
export const digestOf = (entries: ReportTimelineRow[]): RecordDigest => entries.reduce(addToDigest, emptyDigest());

function story(d: RecordDigest, tz: string): string[] {
  const count = STORY_ROLES.reduce((n, r) => n + (d.roles[r] ?? 0), 0);
  const when = whenFormatter(d.storyHead[0]?.at, d.storyLast?.at, tz);
  const sentences = d.storyHead.slice(0, MAX_SENTENCES).map((e) => sentenceFor(e, roleOf(e) as Role, when(e.at)));
  if (count > MAX_SENTENCES) {
    sentences.push(
      `${count - MAX_SENTENCES} more entries follow on the timeline. ${d.storyHead
        .slice(MAX_SENTENCES, STORY_HEAD)
        .map((e) => cite(e.id))
        .join('')}`,
    );
  }
  return sentences;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One paragraph summing up the timeline: what it holds and the span it covers, citing its first and last entries. */
export function timelineSummaryOf(d: RecordDigest, timezone: string): string | null {
  const { first, last } = d;
  if (d.total === 0 || !first || !last) return null;
  const n = (r: Role) => d.roles[r] ?? 0;
  const parts = [
    n('finding') ? plural(n('finding'), 'finding', 'findings') : '',
    n('decision') ? plural(n('decision'), 'decision', 'decisions') : '',
    n('action') + n('command') ? plural(n('action') + n('command'), 'action', 'actions') : '',
    n('status') ? plural(n('status'), 'status change', 'status changes') : '',
    n('vendor') ? plural(n('vendor'), 'vendor event', 'vendor events') : '',
  ].filter(Boolean);
  const span =
    first.id === last.id
      ? `at ${formatZoned(first.at, timezone)} ${cite(first.id)}`
      : `from ${formatZoned(first.at, timezone)} ${cite(first.id)} to ${formatZoned(last.at, timezone)} ` +
        `${cite(last.id)}`;
  const holds = parts.length
    ? `, among them ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`}`
    : '';
  return `The timeline holds ${plural(d.total, 'entry', 'entries')}${holds}, ${span} (${timezone}).`;
}

/** What Happened: the timeline summary, then the story of findings, decisions, actions, status and vendor events. */
export function whatHappenedOf(d: RecordDigest, timezone: string): string | null {
  const sentences = story(d, timezone);
  if (sentences.length === 0) return null;
  const summary = timelineSummaryOf(d, timezone);
  return [summary, sentences.join(' ')].filter(Boolean).join('\n\n');
}

/**
 * Resolution: the recorded resolution, what was done after the last finding (the fix), and the status changes and
 * vendor events that closed the incident (mitigated, resolved).
 */
export function resolutionOf(d: RecordDigest, timezone: string): string | null {
  const picked = d.resolution;
  if (picked.length === 0) return null;
  const when = whenFormatter(picked[0]?.at, picked.at(-1)?.at, timezone);
  return picked.map((e) => sentenceFor(e, roleOf(e) as Role, when(e.at))).join(' ');
}

export const proposeTimelineSummary = ({ entries, timezone }: ProposeInput) =>
  timelineSummaryOf(digestOf(entries), timezone);
export const proposeWhatHappened = ({ entries, timezone }: ProposeInput) => whatHappenedOf(digestOf(entries), timezone);
export const proposeResolution = ({ entries, timezone }: ProposeInput) => resolutionOf(digestOf(entries), timezone);

// An accepted proposal is stored with a trailing marker holding a hash of its text. While the text still matches the
// hash the writer has not changed a word, so the report may show the proposal as the record now reads; any edit
// (saved without the marker, or with a changed text) freezes it. No schema change is needed for this.
const ACCEPTED = /\n*<!-- conn:proposed:([0-9a-f]{8}) -->\s*$/;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The text to store when the writer accepts a proposal as it stands. */
export const markAccepted = (text: string) => `${text}\n\n<!-- conn:proposed:${fnv1a(text)} -->`;

/** The stored text without any acceptance marker, and whether it is an accepted proposal nobody has changed since. */
export function readStored(stored: string | null): { text: string | null; untouched: boolean } {
  if (stored === null) return { text: null, untouched: false };
  const m = ACCEPTED.exec(stored);
  if (!m) return { text: stored, untouched: false };
  const text = stored.slice(0, m.index);
  return { text, untouched: fnv1a(text) === m[1] };
}
