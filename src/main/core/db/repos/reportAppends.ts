// What changed in a watched incident's record since the report last read it, kept by TEMP triggers: this connection's
// own bookkeeping, not part of the schema (nothing is stored in the file, no migration). Every writer of notes and
// timeline_events (services, imports, tests writing SQL) fires them, so the report's cache cannot miss a change made
// through this connection; a change made by another connection shows in PRAGMA data_version.
//
// The triggers exist only while some incident is watched: a TEMP trigger on a main table costs every insert about
// 0.02 ms (the temp schema joins each write), which a note append should not pay when no report is open. They are
// created and dropped in the same transaction as the watch rows they serve, so a rollback takes both back together:
// a watch row never outlives its triggers.
import type Database from 'better-sqlite3';
import { BRIEF_BODY_CHARS, BRIEF_LINE_CHARS, type ReportTimelineRow } from './report';
import { perDb } from '../perDb';

export interface AppendedRow extends ReportTimelineRow {
  in_report: number;
}

/**
 * Appends listed per incident between two reads; past this many the incident is marked changed instead (a rebuild
 * reads less than folding them in would), so an incident nobody reads cannot grow the list without bound.
 */
export const APPEND_LOG_MAX = 2_000;

const WATCHED = (col: string) => `${col} IN (SELECT incident_id FROM temp.report_watch)`;
const DIRTY = (ids: string) => `UPDATE temp.report_watch SET dirty = 1 WHERE incident_id IN (${ids});`;
// An insert is listed while the incident is clean and under the cap. Any other change (an edit, a kind or flag
// changed, a delete, a pin) sends the cache back to the record.
const triggers = (table: string, rid: string, tag: string) => `
  CREATE TEMP TRIGGER IF NOT EXISTS report_watch_${table}_ins AFTER INSERT ON main.${table}
    WHEN NEW.incident_id IN (SELECT incident_id FROM temp.report_watch WHERE dirty = 0)
    BEGIN
      UPDATE temp.report_watch SET appended = appended + 1, dirty = (appended >= ${APPEND_LOG_MAX})
        WHERE incident_id = NEW.incident_id;
      INSERT INTO temp.report_appended (incident_id, tbl, rid)
        SELECT NEW.incident_id, '${tag}', NEW.${rid} FROM temp.report_watch
        WHERE incident_id = NEW.incident_id AND dirty = 0;
    END;
  CREATE TEMP TRIGGER IF NOT EXISTS report_watch_${table}_upd AFTER UPDATE ON main.${table}
    WHEN ${WATCHED('OLD.incident_id')} OR ${WATCHED('NEW.incident_id')}
    BEGIN ${DIRTY('OLD.incident_id, NEW.incident_id')} END;
  CREATE TEMP TRIGGER IF NOT EXISTS report_watch_${table}_del AFTER DELETE ON main.${table}
    WHEN ${WATCHED('OLD.incident_id')}
    BEGIN ${DIRTY('OLD.incident_id')} END;`;

const BRIEF_BODY =
  `substr(body, 1, CASE kind WHEN 'status_update' THEN ${BRIEF_BODY_CHARS} ` + `ELSE ${BRIEF_LINE_CHARS} END)`;

export const reportAppendsRepo = perDb((db: Database.Database) => {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS report_watch (
      incident_id TEXT PRIMARY KEY, dirty INTEGER NOT NULL DEFAULT 0, gen INTEGER NOT NULL DEFAULT 0,
      appended INTEGER NOT NULL DEFAULT 0);
    CREATE TEMP TABLE IF NOT EXISTS report_appended (
      seq INTEGER PRIMARY KEY, incident_id TEXT NOT NULL, tbl TEXT NOT NULL, rid INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS temp.report_appended_by_incident ON report_appended(incident_id, seq);
  `);
  const createTriggers = `${triggers('notes', 'seq', 'n')} ${triggers('timeline_events', 'rowid', 'e')}`;
  const dropTriggers = ['notes', 'timeline_events']
    .flatMap((t) => ['ins', 'upd', 'del'].map((op) => `DROP TRIGGER IF EXISTS temp.report_watch_${t}_${op};`))
    .join('\n');
  const anyWatched = db.prepare<[], { one: number }>('SELECT 1 AS one FROM temp.report_watch LIMIT 1');
  const triggersOn = db.prepare<[], { one: number }>(
    "SELECT 1 AS one FROM sqlite_temp_master WHERE type = 'trigger' AND name = 'report_watch_notes_ins'",
  );
  const watch = db.prepare<[string, number]>(
    `INSERT INTO temp.report_watch (incident_id, dirty, gen) VALUES (?, 0, ?)
     ON CONFLICT(incident_id) DO UPDATE SET dirty = 0, gen = excluded.gen, appended = 0`,
  );
  const setGen = db.prepare<[number, string]>('UPDATE temp.report_watch SET gen = ? WHERE incident_id = ?');
  const unwatch = db.prepare<[string]>('DELETE FROM temp.report_watch WHERE incident_id = ?');
  const state = db.prepare<[string], { dirty: number; gen: number }>(
    'SELECT dirty, gen FROM temp.report_watch WHERE incident_id = ?',
  );
  const clearList = db.prepare<[string]>('DELETE FROM temp.report_appended WHERE incident_id = ?');
  const clearCount = db.prepare<[string]>('UPDATE temp.report_watch SET appended = 0 WHERE incident_id = ?');
  const clear = {
    run(incidentId: string) {
      clearList.run(incidentId);
      clearCount.run(incidentId);
    },
  };
  // The appended entries as the view shows them (a note's source is 'note', its actor its author).
  const rows = db.prepare<{ incidentId: string }, AppendedRow>(
    `SELECT e.id, e.at, e.kind, e.source, ${BRIEF_BODY} AS body, e.summary, NULLIF(e.actor, '') AS actor, e.in_report
       FROM temp.report_appended a JOIN main.timeline_events e ON a.tbl = 'e' AND e.rowid = a.rid
       WHERE a.incident_id = @incidentId
     UNION ALL
     SELECT n.id, n.created_at, n.kind, 'note', ${BRIEF_BODY.replace(/\b(body|kind)\b/g, 'n.$1')}, n.summary,
       NULLIF(n.author, ''), n.in_report
       FROM temp.report_appended a JOIN main.notes n ON a.tbl = 'n' AND n.seq = a.rid
       WHERE a.incident_id = @incidentId
     ORDER BY 2, 1`,
  );
  const dataVersion = db.prepare<[], { data_version: number }>('PRAGMA data_version');

  return {
    /**
     * Starts (or restarts, clean) watching an incident: from now on its appends are listed, other changes flagged.
     * `gen` names the reader's copy; a rolled-back transaction takes it back with everything else (see stamp).
     */
    watch(incidentId: string, gen: number): void {
      if (!triggersOn.get()) db.exec(createTriggers);
      watch.run(incidentId, gen);
      clear.run(incidentId);
    },
    /** Records that the reader's copy is now `gen` (after folding in what take() returned). */
    stamp(incidentId: string, gen: number): void {
      setGen.run(gen, incidentId);
    },
    unwatch(incidentId: string): void {
      unwatch.run(incidentId);
      clear.run(incidentId);
      if (!anyWatched.get() && triggersOn.get()) db.exec(dropTriggers);
    },
    /** null when not watched; else whether anything but a listed insert changed, and the reader's copy. */
    state(incidentId: string): { dirty: boolean; gen: number } | null {
      const s = state.get(incidentId);
      return s ? { dirty: s.dirty === 1, gen: s.gen } : null;
    },
    /** The entries appended since the watch began or was last taken, oldest first; the list starts over. */
    take(incidentId: string): AppendedRow[] {
      const out = rows.all({ incidentId });
      clear.run(incidentId);
      return out;
    },
    /** Changes when another connection commits to the file (this connection's own writes fire the triggers). */
    dataVersion: () => dataVersion.get()?.data_version ?? 0,
  };
});
