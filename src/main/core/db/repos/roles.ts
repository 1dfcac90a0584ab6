// SQL for incident roles: who holds which duty in which incident.
import type Database from 'better-sqlite3';
import { roleKinds, type RoleAssignment, type RoleKind } from '../../../../shared/people';
import { toPerson, type PersonRow } from './people';
import { perDb } from '../perDb';

interface RoleRow extends PersonRow {
  role: string;
  tech_lead: number;
  assigned_at: number;
}

const isRole = (s: string): s is RoleKind => (roleKinds as readonly string[]).includes(s);

export const rolesRepo = perDb((db: Database.Database) => {
  const forIncident = db.prepare<[string], RoleRow>(
    `SELECT p.*, r.role, r.tech_lead, r.assigned_at FROM incident_roles r JOIN people p ON p.id = r.person_id
     WHERE r.incident_id = ? ORDER BY r.assigned_at, p.name COLLATE NOCASE`,
  );
  const insert = db.prepare<[string, string, string, number, number]>(
    'INSERT INTO incident_roles (incident_id, role, person_id, tech_lead, assigned_at) VALUES (?, ?, ?, ?, ?)',
  );
  const removeOne = db.prepare<[string, string, string]>(
    'DELETE FROM incident_roles WHERE incident_id = ? AND role = ? AND person_id = ?',
  );
  const clearTechLead = db.prepare<[string]>(
    'UPDATE incident_roles SET tech_lead = 0 WHERE incident_id = ? AND tech_lead = 1',
  );
  const setTechLead = db.prepare<[number, string, string]>(
    "UPDATE incident_roles SET tech_lead = ? WHERE incident_id = ? AND role = 'subject_matter_expert' AND person_id " +
      '= ?',
  );
  return {
    list(incidentId: string): RoleAssignment[] {
      return forIncident.all(incidentId).flatMap((r) =>
        isRole(r.role)
          ? [
              {
                role: r.role,
                person: toPerson(r),
                techLead: r.tech_lead === 1,
                assignedAt: new Date(r.assigned_at).toISOString(),
              },
            ]
          : [],
      );
    },
    add(incidentId: string, role: RoleKind, personId: string, techLead: boolean, at: number): void {
      insert.run(incidentId, role, personId, techLead ? 1 : 0, at);
    },
    remove(incidentId: string, role: RoleKind, personId: string): boolean {
      return removeOne.run(incidentId, role, personId).changes > 0;
    },
    /** Makes personId the only tech lead (or clears them when techLead is false). */
    setTechLead(incidentId: string, personId: string, techLead: boolean): void {
      if (techLead) clearTechLead.run(incidentId);
      setTechLead.run(techLead ? 1 : 0, incidentId, personId);
    },
  };
});
export type RolesRepo = ReturnType<typeof rolesRepo>;
