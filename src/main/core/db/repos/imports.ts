// SQL for imported vendor records on the timeline: insert once per (incident, source, vendor ref).
import type Database from 'better-sqlite3';
import type { TimelineEntry } from '../../../../shared/domain';
import type { ImportedEntry } from '../../integrations/types';
import { perDb } from '../perDb';

export const importsRepo = perDb((db: Database.Database) => {
  const insert = db.prepare(
    `INSERT INTO timeline_events (id, incident_id, at, source, kind, body, actor, ref_id, recorded_at)
     VALUES (@id, @incidentId, @at, @source, @kind, @body, @actor, @refId, @recordedAt)
     ON CONFLICT DO NOTHING`,
  );
  const sentJob = db.prepare<[string], { id: string }>('SELECT id FROM outbox_jobs WHERE id = ?');
  return {
    /** Call inside a transaction. Returns the new entry, or null when this record was imported before. */
    add(incidentId: string, e: ImportedEntry, id: string, recordedAt: number): TimelineEntry | null {
      const at = Date.parse(e.at);
      const row = {
        id,
        incidentId,
        at,
        source: e.source,
        kind: e.kind,
        body: e.body,
        actor: e.actor,
        refId: e.vendorRef,
        recordedAt,
      };
      if (insert.run(row).changes === 0) return null;
      return {
        id,
        incidentId,
        at: new Date(at).toISOString(),
        source: e.source,
        kind: e.kind,
        body: e.body,
        actor: e.actor,
        refId: e.vendorRef,
        inReport: true,
        summary: null,
      };
    },
    /** True when this database sent the outbox job a [conn:<jobId>] marker names. */
    hasJob: (jobId: string): boolean => sentJob.get(jobId) !== undefined,
  };
});
