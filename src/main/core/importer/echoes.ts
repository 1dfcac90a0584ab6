// A note shared to Slack and PagerDuty comes back from both when the record is imported on another machine. Each
// copy carries a Conn marker ([conn:<job>]: one per outbox job, so the two differ); two copies that both carry one,
// come from different vendors, say the same thing and were sent within minutes are one note, kept once.
import type Database from 'better-sqlite3';
import type { RecordEntry } from './record';

/** Copies of one share are sent seconds apart; a retry after an outage can take longer. */
export const ECHO_WINDOW_MS = 30 * 60_000;

/** The words of a shared note, whatever each vendor did to them (escapes, Markdown marks, part labels, truncation). */
export function echoKey(body: string): string {
  return body
    .replace(/\s*(<!--\s*)?\[conn:[A-Za-z0-9_-]+\](\s*-->)?/g, '')
    .replace(/_\(part \d+ of \d+\)_/g, '')
    .replace(/… \[truncated, full text in Conn\]$/, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[*_~`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const SHARED_SOURCES = new Set(['slack', 'pagerduty']);

interface Seen {
  source: string;
  at: number;
  key: string;
}

const echoOf = (e: { source: string; at: number; key: string }, seen: readonly Seen[]): boolean =>
  seen.some((s) => s.source !== e.source && s.key === e.key && Math.abs(s.at - e.at) <= ECHO_WINDOW_MS);

/**
 * The entries without the second copy of a note Conn shared to both Slack and PagerDuty: only entries that carry a
 * Conn marker are compared (two people typing the same words both stay), within this batch and against what the
 * incident's timeline already holds from the other vendor.
 */
export function withoutSharedEchoes(entries: RecordEntry[], already: readonly Seen[] = []): RecordEntry[] {
  const seen: Seen[] = [...already];
  const out: RecordEntry[] = [];
  for (const e of entries) {
    if (!e.connJobId || !SHARED_SOURCES.has(e.source)) {
      out.push(e);
      continue;
    }
    const probe = { source: e.source, at: Date.parse(e.at), key: echoKey(e.body) };
    if (probe.key && echoOf(probe, seen)) continue;
    seen.push(probe);
    out.push(e);
  }
  return out;
}

/** What the incident's timeline already holds from Slack and PagerDuty near these entries, as echo probes. */
export function importedNearby(db: Database.Database, incidentId: string, entries: RecordEntry[]): Seen[] {
  const times = entries.filter((e) => e.connJobId && SHARED_SOURCES.has(e.source)).map((e) => Date.parse(e.at));
  if (times.length === 0) return [];
  const rows = db
    .prepare<[string, number, number], { source: string; at: number; body: string }>(
      `SELECT source, at, body FROM timeline_events
       WHERE incident_id = ? AND source IN ('slack', 'pagerduty') AND at BETWEEN ? AND ?`,
    )
    .all(incidentId, Math.min(...times) - ECHO_WINDOW_MS, Math.max(...times) + ECHO_WINDOW_MS);
  return rows.map((r) => ({ source: r.source, at: r.at, key: echoKey(r.body) }));
}
