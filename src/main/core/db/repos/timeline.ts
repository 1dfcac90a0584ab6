// SQL for recording timeline happenings other than notes (a note is its own entry: see migration 0010).
import type Database from 'better-sqlite3';
import type { TimelineEntry, TimelineSource } from '../../../../shared/domain';
import { perDb } from '../perDb';

export interface NewTimelineEntry {
  id: string;
  incidentId: string;
  at: number;
  source: TimelineSource;
  kind: string;
  body: string;
  actor?: string | null;
  refId?: string | null;
  recordedAt: number;
}

export const timelineRepo = perDb((db: Database.Database) => {
  const insert = db.prepare(
    `INSERT INTO timeline_events (id, incident_id, at, source, kind, body, actor, ref_id, recorded_at)
     VALUES (@id, @incidentId, @at, @source, @kind, @body, @actor, @refId, @recordedAt)`,
  );
  return {
    /** Call inside the domain transaction; emit `timeline.appended` with the result after COMMIT. */
    append(e: NewTimelineEntry): TimelineEntry {
      const row = { actor: null, refId: null, ...e };
      insert.run(row);
      return {
        id: row.id,
        incidentId: row.incidentId,
        at: new Date(row.at).toISOString(),
        source: row.source,
        kind: row.kind,
        body: row.body,
        actor: row.actor ?? null,
        refId: row.refId ?? null,
        inReport: true,
        summary: null,
      };
    },
  };
});
export type TimelineRepo = ReturnType<typeof timelineRepo>;
