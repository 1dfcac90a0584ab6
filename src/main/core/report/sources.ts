// What the report reads from the rest of the session. Small seams the integrator can enrich once
// roles, notes and classification land (today they read only timeline_entries and settings).
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { reportRepo, type ReportTimelineRow } from '../db/repos/report';
import { settingsRepo } from '../db/repos/settings';

/** Settings keys the report reads. */
export const REPORT_SETTINGS = {
  rosterNames: 'report.rosterNames',
  publishBaseUrl: 'report.publishBaseUrl',
  defaultTimezone: 'report.defaultTimezone',
} as const;

export const DEFAULT_PUBLISH_BASE_URL = 'https://github.com/2i2c-org/incident-reports/blob/main/reports/';

/** Timeline kinds that feed the proposed "What Happened" and the resolution line of the proposed overview. */
export const KEY_KINDS = ['finding', 'decision', 'status'] as const;
export const RESOLUTION_KINDS = ['resolution', 'resolved'] as const;
export const CLASSIFICATION_KINDS = ['classification', 'classified'] as const;

const names = z.array(z.string().trim().min(2).max(100)).max(500);

function setting<T>(db: Database.Database, key: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(settingsRepo(db).get(key));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * People the blameless check looks for: the roster from settings plus everyone who acted on this
 * incident's timeline. INTEGRATOR: add the roles table's people here when it exists.
 */
export function rosterNames(
  db: Database.Database,
  incidentId: string,
  actors: readonly string[] = reportRepo(db).actors(incidentId),
): string[] {
  const fromSettings = setting(db, REPORT_SETTINGS.rosterNames, names) ?? [];
  return [...new Set([...fromSettings, ...actors].map((n) => n.trim()).filter((n) => n.length >= 2))];
}

/** Who owns the review by default. INTEGRATOR: the Incident Commander's name once roles exist. */
export function defaultOwner(_db: Database.Database, _incidentId: string): string {
  return '';
}

export function defaultTimezone(db: Database.Database): string {
  return setting(db, REPORT_SETTINGS.defaultTimezone, z.string().min(1).max(64)) ?? 'UTC';
}

export function publishBaseUrl(db: Database.Database): string {
  return setting(db, REPORT_SETTINGS.publishBaseUrl, z.url({ protocol: /^https$/ })) ?? DEFAULT_PUBLISH_BASE_URL;
}

/** Timeline entries marked for the report, oldest first. */
export function reportTimelineEntries(db: Database.Database, incidentId: string): ReportTimelineRow[] {
  return reportRepo(db).timeline(incidentId);
}

/** The entry's line in the report: its summary if it has one, else the first line of its body. */
/** "Hello,", "Hi all,", "Dear community,": a greeting says nothing on a timeline. */
const GREETING = /^(hello|hi|hey|dear|good (morning|afternoon|evening))\b[^.!?]{0,40}[,!]?$/i;
/** "Best wishes,", "Thanks,", and the name under them. */
const SIGN_OFF = /^(best|kind|warm)?\s*(wishes|regards|thanks|thank you|cheers)\b.{0,20}$/i;
const UPDATE_CHARS = 400;

export function lineOf(e: Pick<ReportTimelineRow, 'summary' | 'body'> & { kind?: string }): string {
  const summary = e.summary?.trim();
  if (summary) return summary;
  const lines = e.body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (e.kind !== 'status_update') return lines[0] ?? '';
  // A public update: its real content, without the greeting and the sign-off.
  const end = lines.findIndex((l) => SIGN_OFF.test(l));
  const said = (end === -1 ? lines : lines.slice(0, end)).filter((l, i) => !(i === 0 && GREETING.test(l)));
  const text = said.join(' ').replace(/\s+/g, ' ');
  return text.length > UPDATE_CHARS ? `${text.slice(0, UPDATE_CHARS - 1).trimEnd()}…` : text || (lines[0] ?? '');
}

export interface SessionFacts {
  classification: string | null;
  keyEntries: ReportTimelineRow[];
  resolution: string | null;
}

/** Facts the proposals are assembled from. INTEGRATOR: read the declaration's classification answers here. */
export function sessionFacts(entries: ReportTimelineRow[]): SessionFacts {
  const is = (list: readonly string[]) => (e: ReportTimelineRow) => list.includes(e.kind);
  const classification = entries.filter(is(CLASSIFICATION_KINDS)).map(lineOf).at(-1) ?? null;
  const resolution = entries.filter(is(RESOLUTION_KINDS)).map(lineOf).at(-1) ?? null;
  return { classification, keyEntries: entries.filter(is(KEY_KINDS)), resolution };
}
