// SQL for the timeline: every recorded happening of an incident, in its original time order.
import type Database from 'better-sqlite3';

export interface NewTimelineEntry {
  id: string;
  incidentId: string;
  at: number;
  source: string;
  kind: string;
  body: string;
  actor?: string | null;
  refId?: string | null;
  recordedAt: number;
}

export function timelineRepo(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO timeline_entries (id, incident_id, at, source, kind, body, actor, ref_id, recorded_at)
     VALUES (@id, @incidentId, @at, @source, @kind, @body, @actor, @refId, @recordedAt)`,
  );
  return {
    append(e: NewTimelineEntry): void {
      insert.run({ actor: null, refId: null, ...e });
    },
  };
}
export type TimelineRepo = ReturnType<typeof timelineRepo>;
