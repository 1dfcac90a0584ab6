// SQL for reading and annotating the timeline: keyset pages with filters, report flags, summaries.
import type Database from 'better-sqlite3';
import type { TimelineEntry, TimelineSource } from '../../../../shared/domain';
import { timelineCursor } from '../../../../shared/notes';
import { perDb } from '../perDb';

interface EntryRow {
  id: string;
  incident_id: string;
  at: number;
  source: TimelineSource;
  kind: string;
  body: string;
  actor: string | null;
  ref_id: string | null;
  in_report: number;
  summary: string | null;
}

export type PagedEntry = TimelineEntry & { cursor: string };

const toEntry = (r: EntryRow): PagedEntry => ({
  id: r.id,
  incidentId: r.incident_id,
  at: new Date(r.at).toISOString(),
  source: r.source,
  kind: r.kind,
  body: r.body,
  actor: r.actor || null, // a note written with nobody marked me stores '' (repos/notes.ts authorOf)
  refId: r.ref_id,
  inReport: r.in_report === 1,
  summary: r.summary,
  cursor: timelineCursor({ at: new Date(r.at).toISOString(), id: r.id }),
});

export function parseEntryCursor(c: string): { at: number; id: string } | null {
  const m = /^(\d+)\.([0-9A-Za-z_-]+)$/.exec(c);
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}

export interface TimelineFilter {
  incidentId: string;
  sources?: readonly string[];
  kinds?: readonly string[];
}

const FILTER = `incident_id = @incidentId
  AND (@sources IS NULL OR source IN (SELECT value FROM json_each(@sources)))
  AND (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))`;

export const timelineQueryRepo = perDb((db: Database.Database) => {
  const first = db.prepare<Record<string, unknown>, EntryRow>(
    `SELECT * FROM timeline_entries WHERE ${FILTER} ORDER BY at, id LIMIT @limit`,
  );
  const before = db.prepare<Record<string, unknown>, EntryRow>(
    `SELECT * FROM timeline_entries WHERE ${FILTER} AND (at, id) < (@at, @id) ORDER BY at DESC, id DESC LIMIT @limit`,
  );
  const after = db.prepare<Record<string, unknown>, EntryRow>(
    `SELECT * FROM timeline_entries WHERE ${FILTER} AND (at, id) > (@at, @id) ORDER BY at, id LIMIT @limit`,
  );
  const byId = db.prepare<[string], EntryRow>('SELECT * FROM timeline_entries WHERE id = ?');
  const byRef = db.prepare<[string, string], EntryRow>(
    'SELECT * FROM timeline_entries WHERE ref_id = ? AND source = ? ORDER BY at, id LIMIT 1',
  );
  // The view is read-only: report flags go to whichever table holds the entry (a note's entry is the note).
  const setInReport = [
    db.prepare<[number, string]>('UPDATE timeline_events SET in_report = ? WHERE id = ?'),
    db.prepare<[number, string]>('UPDATE notes SET in_report = ? WHERE id = ?'),
  ];
  const setSummary = [
    db.prepare<[string | null, string]>('UPDATE timeline_events SET summary = ? WHERE id = ?'),
    db.prepare<[string | null, string]>('UPDATE notes SET summary = ? WHERE id = ?'),
  ];
  const firstChanged = (stmts: Database.Statement[], ...args: unknown[]) =>
    stmts.some((s) => s.run(...args).changes > 0);

  const params = (f: TimelineFilter, limit: number, pos?: { at: number; id: string }) => ({
    incidentId: f.incidentId,
    sources: f.sources && f.sources.length ? JSON.stringify(f.sources) : null,
    kinds: f.kinds && f.kinds.length ? JSON.stringify(f.kinds) : null,
    limit,
    at: pos?.at ?? 0,
    id: pos?.id ?? '',
  });

  return {
    first: (f: TimelineFilter, limit: number) => first.all(params(f, limit)).map(toEntry),
    /** Entries just before the position, oldest first. */
    before: (f: TimelineFilter, pos: { at: number; id: string }, limit: number) =>
      before
        .all(params(f, limit, pos))
        .reverse()
        .map(toEntry),
    after: (f: TimelineFilter, pos: { at: number; id: string }, limit: number) =>
      after.all(params(f, limit, pos)).map(toEntry),
    get(id: string): PagedEntry | undefined {
      const r = byId.get(id);
      return r ? toEntry(r) : undefined;
    },
    forRef(source: TimelineSource, refId: string): PagedEntry | undefined {
      const r = byRef.get(refId, source);
      return r ? toEntry(r) : undefined;
    },
    setInReport(id: string, inReport: boolean): void {
      firstChanged(setInReport, inReport ? 1 : 0, id);
    },
    setSummary(id: string, summary: string | null): void {
      firstChanged(setSummary, summary, id);
    },
  };
});
export type TimelineQueryRepo = ReturnType<typeof timelineQueryRepo>;
