// SQL for the status-update clock: cadence, last public update and snooze per incident, plus sent updates.
import type Database from 'better-sqlite3';
import type { IncidentStatus } from '../../../../shared/domain';
import { DEFAULT_CADENCE_MINUTES } from '../../../../shared/reminders';
import type { CadenceFact } from '../../reminders/cadence';
import { perDb } from '../perDb';

interface FactRow {
  id: string;
  title: string;
  status: IncidentStatus;
  declared_at: number;
  cadence_minutes: number | null;
  last_public_update_at: number | null;
  snoozed_until: number | null;
}

const toFact = (r: FactRow): CadenceFact => ({
  incidentId: r.id,
  title: r.title,
  status: r.status,
  declaredAt: r.declared_at,
  lastPublicUpdateAt: r.last_public_update_at,
  cadenceMinutes: r.cadence_minutes ?? DEFAULT_CADENCE_MINUTES,
  snoozedUntil: r.snoozed_until,
});

export const cadenceRepo = perDb((db: Database.Database) => {
  const facts = db.prepare<[], FactRow>(
    `SELECT i.id, i.title, i.status, i.declared_at, c.cadence_minutes, c.last_public_update_at, c.snoozed_until
       FROM incidents i LEFT JOIN update_cadence c ON c.incident_id = i.id
      ORDER BY i.declared_at, i.id`,
  );
  const factById = db.prepare<[string], FactRow>(
    `SELECT i.id, i.title, i.status, i.declared_at, c.cadence_minutes, c.last_public_update_at, c.snoozed_until
       FROM incidents i LEFT JOIN update_cadence c ON c.incident_id = i.id WHERE i.id = ?`,
  );
  // Each upsert touches one column and leaves the others as they were (or at their defaults).
  const upsertCadence = db.prepare<[string, number, number]>(
    `INSERT INTO update_cadence (incident_id, cadence_minutes, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(incident_id) DO UPDATE SET cadence_minutes = excluded.cadence_minutes, updated_at =
       excluded.updated_at`,
  );
  const upsertSnooze = db.prepare<[string, number | null, number]>(
    `INSERT INTO update_cadence (incident_id, snoozed_until, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(incident_id) DO UPDATE SET snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at`,
  );
  const upsertPublicUpdate = db.prepare<[string, number, number]>(
    `INSERT INTO update_cadence (incident_id, last_public_update_at, snoozed_until, updated_at) VALUES (?, ?, NULL, ?)
     ON CONFLICT(incident_id) DO UPDATE SET last_public_update_at = excluded.last_public_update_at,
       snoozed_until = NULL, updated_at = excluded.updated_at`,
  );
  const insertUpdate = db.prepare<[string, string, string, number]>(
    'INSERT INTO status_updates (id, incident_id, body, sent_at) VALUES (?, ?, ?, ?)',
  );

  return {
    /** The CadenceSource the reminder scheduler reads (every incident; the planner filters by status). */
    listCadenceFacts(): CadenceFact[] {
      return facts.all().map(toFact);
    },
    factFor(incidentId: string): CadenceFact | undefined {
      const r = factById.get(incidentId);
      return r ? toFact(r) : undefined;
    },
    setCadence(incidentId: string, minutes: number, at: number): void {
      upsertCadence.run(incidentId, minutes, at);
    },
    setSnooze(incidentId: string, until: number | null, at: number): void {
      upsertSnooze.run(incidentId, until, at);
    },
    /** Restarts the update clock and clears any snooze: call in the transaction that records the update. */
    recordPublicUpdate(u: { id: string; incidentId: string; body: string; at: number }): void {
      insertUpdate.run(u.id, u.incidentId, u.body, u.at);
      upsertPublicUpdate.run(u.incidentId, u.at, u.at);
    },
  };
});
export type CadenceRepo = ReturnType<typeof cadenceRepo>;
