// Read-only SQL for the provisional SessionFacts: the incident row and its note entries on the timeline.
import type Database from 'better-sqlite3';
import type { IncidentStatus } from '../../../../shared/domain';
import { perDb } from '../perDb';

interface IncidentRow {
  title: string;
  hub: string | null;
  ticket_url: string | null;
  status: IncidentStatus;
}

export const updateFactsRepo = perDb((db: Database.Database) => {
  const incident = db.prepare<[string], IncidentRow>(
    'SELECT title, hub, ticket_url, status FROM incidents WHERE id = ?',
  );
  const byKinds = (kinds: string[]) => `(${kinds.map(() => '?').join(', ')})`;
  return {
    incident(id: string) {
      const r = incident.get(id);
      return r ? { title: r.title, hub: r.hub, ticketUrl: r.ticket_url, status: r.status } : undefined;
    },
    latestNote(incidentId: string, kinds: string[]): string | null {
      const row = db
        .prepare<unknown[], { body: string }>(
          `SELECT body FROM timeline_entries WHERE incident_id = ? AND source = 'note' AND kind IN ${byKinds(kinds)}
           ORDER BY at DESC, id DESC LIMIT 1`,
        )
        .get(incidentId, ...kinds);
      return row?.body ?? null;
    },
    /** The latest `limit` notes of these kinds, returned oldest first. */
    notes(incidentId: string, kinds: string[], limit: number): string[] {
      return db
        .prepare<unknown[], { body: string }>(
          `SELECT body FROM (SELECT body, at, id FROM timeline_entries
             WHERE incident_id = ? AND source = 'note' AND kind IN ${byKinds(kinds)}
             ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at, id`,
        )
        .all(incidentId, ...kinds, limit)
        .map((r) => r.body);
    },
  };
});
export type UpdateFactsRepo = ReturnType<typeof updateFactsRepo>;
