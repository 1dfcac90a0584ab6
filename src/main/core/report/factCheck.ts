// The fact checker: reads the report's prose against the record and lists what does not hold. Pure: the service
// passes the report view, every timeline entry of the incident and what else Conn knows (hubs, the ticket link).
//
// Findings: a section left empty; a time written in prose that matches no record entry within ±2 minutes (with the
// nearest entries offered); an impact start or end the record contradicts; a hub, ticket, pull request or issue named
// in prose that the record never mentions; an action item without an issue; blaming language.
import type { ReportTimelineRow } from '../db/repos/report';
import {
  sectionTitles,
  type Finding,
  type NearEntry,
  type ReportView,
  type TextSectionKey,
} from '../../../shared/report';
import { formatZoned, wallTimeToUtc, zonedParts } from '../../../shared/zonedTime';
import { findBlame } from './blameless';
import { withoutCitations } from './propose';
import { lineOf } from './sources';

export interface FactCheckFindingInput {
  view: ReportView;
  /** Every timeline entry of the incident (in the report or not), oldest first. */
  record: ReportTimelineRow[];
  /** People the blameless check looks for. */
  roster: readonly string[];
  /** Hubs Conn knows of (every incident's hub). */
  knownHubs: readonly string[];
  /** The incident's Freshdesk ticket link, if any. */
  ticketUrl: string | null;
}

export const TIME_TOLERANCE_MS = 2 * 60_000;
const DAY_MIN = 24 * 60;

const blank = (s: string | null | undefined) => !s || s.trim().length === 0;
const stripComments = (s: string) => s.replace(/<!--[\s\S]*?-->/g, '');
const prose = (s: string) => withoutCitations(stripComments(s));

interface Text {
  section: TextSectionKey | 'actionItems';
  itemId?: string;
  text: string;
}

/** Texts written by people (or accepted from proposals) that the checker reads. */
function textsOf(view: ReportView): Text[] {
  const out: Text[] = [];
  for (const s of view.sections)
    if (s.kind === 'text' && !blank(s.body)) out.push({ section: s.key, text: prose(s.body ?? '') });
  for (const a of view.actionItems)
    out.push({ section: 'actionItems', itemId: a.id, text: `${a.what}\n${a.doneWhen}` });
  return out;
}

const place = (t: Text) => ({ section: t.section, ...(t.itemId ? { itemId: t.itemId } : {}) });
const near = (e: FactCheckFindingInput['record'][number], tz: string): NearEntry => ({
  entryId: e.id,
  time: formatZoned(e.at, tz),
  text: lineOf(e),
});

// ---- times -------------------------------------------------------------------------------------------------------

/** 'HH:MM' or 'YYYY-MM-DD HH:MM', optionally followed by UTC/Z; not part of a longer number or a version string. */
const TIME = /(?<![\d:./-])(?:(\d{4}-\d{2}-\d{2})[ T])?([01]?\d|2[0-3]):([0-5]\d)(?![\d:])(\s*(?:UTC|Z)\b)?/g;

export interface WrittenTime {
  excerpt: string;
  /** Exact instant when a date was written; else minutes after local midnight. */
  at: number | null;
  minuteOfDay: number;
  zone: string;
}

export function timesIn(text: string, tz: string): WrittenTime[] {
  const out: WrittenTime[] = [];
  for (const m of text.matchAll(TIME)) {
    const [excerpt, date, h, mi, utc] = m;
    const zone = utc ? 'UTC' : tz;
    const hh = Number(h);
    const mm = Number(mi);
    const at = date ? wallTimeToUtc(`${date} ${String(hh).padStart(2, '0')}:${mi}`, zone) : null;
    out.push({ excerpt: excerpt.trim(), at, minuteOfDay: hh * 60 + mm, zone });
  }
  return out;
}

function minuteOfDay(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  return p.hour * 60 + p.minute;
}

/** Distance from a written time to an instant: exact when dated, else on the clock face (wrapping at midnight). */
function distance(w: WrittenTime, ms: number): number {
  if (w.at !== null) return Math.abs(w.at - ms);
  const d = Math.abs(minuteOfDay(ms, w.zone) - w.minuteOfDay) * 60_000;
  return Math.min(d, DAY_MIN * 60_000 - d);
}

function checkTimes(input: FactCheckFindingInput, texts: Text[], out: Finding[]) {
  const tz = input.view.header.timezone;
  const known: number[] = [
    ...input.record.map((e) => e.at),
    Date.parse(input.view.header.impactStart),
    ...(input.view.header.impactEnd ? [Date.parse(input.view.header.impactEnd)] : []),
  ];
  for (const t of texts) {
    timesIn(t.text, tz).forEach((w, i) => {
      // Written to the minute: anything in the same minute ±2 matches (seconds are not written).
      if (known.some((ms) => distance(w, ms) <= TIME_TOLERANCE_MS + 59_000)) return;
      const nearest = [...input.record]
        .sort((a, b) => distance(w, a.at) - distance(w, b.at) || a.at - b.at)
        .slice(0, 3)
        .map((e) => near(e, tz));
      out.push({
        id: `unmatched_time:${t.section}:${t.itemId ?? ''}:${w.excerpt}:${i}`,
        code: 'unmatched_time',
        place: place(t),
        excerpt: w.excerpt,
        nearest,
        message: `${sectionTitles[t.section]}: “${w.excerpt}” matches nothing on the record within 2 minutes${
          nearest.length ? '; the nearest entries are offered' : ''
        }.`,
      });
    });
  }
}

// ---- impact window -----------------------------------------------------------------------------------------------

/** Evidence that users were affected at that moment: alerts firing, failures reported, users writing in. */
const FAILING_KIND = /(^|\.)(trigger|escalate)$|fail|alert|outage|down/i;
const USER_REPORT_KIND = /^ticket\.opened$/;

function checkImpact(input: FactCheckFindingInput, out: Finding[]) {
  const { header } = input.view;
  const tz = header.timezone;
  const start = Date.parse(header.impactStart);
  const failing = input.record.filter((e) => FAILING_KIND.test(e.kind));
  const firstAffected = input.record.filter((e) => FAILING_KIND.test(e.kind) || USER_REPORT_KIND.test(e.kind))[0];
  if (firstAffected && firstAffected.at < start - TIME_TOLERANCE_MS) {
    out.push({
      id: `impact_contradiction:start:${firstAffected.id}`,
      code: 'impact_contradiction',
      place: { section: 'header', field: 'impactStart' },
      excerpt: formatZoned(start, tz),
      nearest: [near(firstAffected, tz)],
      message:
        `The impact start (${formatZoned(start, tz)}) is after the record shows users affected ` +
        `(${formatZoned(firstAffected.at, tz)}).`,
    });
  }
  if (header.impactEnd) {
    const end = Date.parse(header.impactEnd);
    const lastFailing = failing.at(-1);
    if (lastFailing && lastFailing.at > end + TIME_TOLERANCE_MS) {
      out.push({
        id: `impact_contradiction:end:${lastFailing.id}`,
        code: 'impact_contradiction',
        place: { section: 'header', field: 'impactEnd' },
        excerpt: formatZoned(end, tz),
        nearest: [near(lastFailing, tz)],
        message:
          `The impact end (${formatZoned(end, tz)}) is before the last failure on the record ` +
          `(${formatZoned(lastFailing.at, tz)}).`,
      });
    }
  }
}

// ---- names the record never saw ----------------------------------------------------------------------------------

/** Words that come before "hub" in ordinary prose and are not hub names. */
const NOT_HUB_NAMES = new Set(
  (
    'the a an this that our their its your each every any one same other another which whole new old shared main ' +
    'jupyter jupyterhub user users community affected entire single second first staging production prod'
  ).split(' '),
);

interface Reference {
  kind: 'hub' | 'ticket' | 'pull request' | 'issue';
  excerpt: string;
  /** Ways the record might mention it (any one is enough). */
  seenAs: RegExp[];
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const num = (n: string) => new RegExp(`(?<!\\d)${n}(?!\\d)`);

export function referencesIn(text: string): Reference[] {
  const out: Reference[] = [];
  for (const m of text.matchAll(/github\.com\/([\w.-]+\/[\w.-]+)\/(pull|issues)\/(\d+)/gi)) {
    const [excerpt, repo, what, n] = m as unknown as [string, string, string, string];
    out.push({
      kind: what.toLowerCase() === 'pull' ? 'pull request' : 'issue',
      excerpt,
      seenAs: [new RegExp(`${esc(repo)}(?:/(?:pull|issues)/|#)${n}(?!\\d)`, 'i')],
    });
  }
  const withoutUrls = text.replace(/https?:\/\/\S+/g, ' ');
  for (const m of withoutUrls.matchAll(/\b(PR|pull request|issue)\s*#?(\d+)\b/gi)) {
    const [excerpt, what, n] = m as unknown as [string, string, string];
    const pr = !/^issue$/i.test(what);
    out.push({
      kind: pr ? 'pull request' : 'issue',
      excerpt,
      seenAs: [new RegExp(`(?:/(?:pull|issues)/|#|PR\\s*|issue\\s*)${n}(?!\\d)`, 'i')],
    });
  }
  for (const m of withoutUrls.matchAll(/\bticket\s*#?(\d{2,})\b/gi)) {
    out.push({ kind: 'ticket', excerpt: m[0], seenAs: [num(m[1] as string)] });
  }
  for (const m of withoutUrls.matchAll(/\b([\p{L}\p{N}][\p{L}\p{N}_-]{1,62})\s+hub\b/giu)) {
    const name = m[1] as string;
    if (NOT_HUB_NAMES.has(name.toLowerCase()) || /^\d+$/.test(name)) continue;
    out.push({
      kind: 'hub',
      excerpt: m[0],
      seenAs: [new RegExp(`(?<![\\p{L}\\p{N}_-])${esc(name)}(?![\\p{L}\\p{N}_])`, 'iu')],
    });
  }
  return out;
}

function checkReferences(input: FactCheckFindingInput, texts: Text[], out: Finding[]) {
  const record = [
    ...input.record.flatMap((e) => [e.body, e.summary ?? '']),
    input.ticketUrl ?? '',
    ...input.knownHubs,
    ...input.view.actionItems.map((a) => a.issueUrl ?? ''),
  ].join('\n');
  for (const t of texts) {
    referencesIn(t.text).forEach((r, i) => {
      if (r.seenAs.some((re) => re.test(record))) return;
      out.push({
        id: `unknown_reference:${t.section}:${t.itemId ?? ''}:${r.excerpt}:${i}`,
        code: 'unknown_reference',
        place: place(t),
        excerpt: r.excerpt,
        message:
          `${sectionTitles[t.section]}: the ${r.kind} in “${r.excerpt}” is not mentioned anywhere on the ` +
          `record. Check the name, or record where it came from.`,
      });
    });
  }
}

// ---- everything --------------------------------------------------------------------------------------------------

export function factCheck(input: FactCheckFindingInput): Finding[] {
  const { view } = input;
  const out: Finding[] = [];
  for (const s of view.sections) {
    if (s.kind === 'text' && blank(s.body)) {
      out.push({
        id: `empty_section:${s.key}`,
        code: 'empty_section',
        place: { section: s.key },
        message: s.proposal
          ? `“${s.title}” is empty: Conn’s proposal is not in the report until it is accepted.`
          : `“${s.title}” is empty.`,
      });
    } else if (s.kind === 'actionItems' && view.actionItems.length === 0) {
      out.push({
        id: 'empty_section:actionItems',
        code: 'empty_section',
        place: { section: s.key },
        message: 'There are no action items.',
      });
    } else if (s.kind === 'timeline' && view.timeline.length === 0) {
      out.push({
        id: 'empty_section:timeline',
        code: 'empty_section',
        place: { section: s.key },
        message: 'The timeline has no entries marked for the report.',
      });
    }
  }
  const texts = textsOf(view);
  checkTimes(input, texts, out);
  checkImpact(input, out);
  checkReferences(input, texts, out);
  for (const a of view.actionItems) {
    if (!a.issueUrl) {
      out.push({
        id: `missing_issue:${a.id}`,
        code: 'missing_issue',
        place: { section: 'actionItems', itemId: a.id },
        excerpt: a.what,
        message: `Action item “${a.what}” has no GitHub issue.`,
      });
    }
  }
  const blameTexts = [
    ...texts,
    ...view.timeline.map((l) => ({ section: 'timeline' as const, text: l.text, itemId: undefined })),
  ];
  for (const t of blameTexts) {
    findBlame(t.text, input.roster).forEach((hit, i) => {
      out.push({
        id: `blame:${t.section}:${t.itemId ?? ''}:${i}:${hit.sentence.slice(0, 40)}`,
        code: 'blame',
        place: { section: t.section, ...(t.itemId ? { itemId: t.itemId } : {}) },
        excerpt: hit.sentence,
        suggestion: hit.suggestion,
        message:
          `${sectionTitles[t.section]}: this sentence points at ${hit.name}. Reports describe what the ` +
          `system allowed, not who slipped.`,
      });
    });
  }
  return out;
}
