// SQL for incidents. Rows are mapped to domain objects here and nowhere else.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { incidentStatuses, type Incident, type IncidentStatus } from '../../../../shared/domain';
import { perDb } from '../perDb';

interface IncidentRow {
  id: string;
  title: string;
  hub: string | null;
  ticket_url: string | null;
  status: string;
  declared_at: number;
  updated_at: number;
  runbook_id: string;
  runbook_version: number;
  impact_start_at: number | null;
  classification: string | null;
  active_at: number | null;
  mitigated_at: number | null;
  resolved_at: number | null;
  report_in_review_at: number | null;
  closed_at: number | null;
  commander_id: string | null;
  next_step_id: string | null;
  next_step_title: string | null;
}

const classificationSchema = z.object({
  answers: z.record(z.string(), z.boolean()),
  verdict: z.enum(['incident', 'support_ticket']),
});
const statusSchema = z.enum(incidentStatuses);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const toIncident = (r: IncidentRow): Incident => ({
  id: r.id,
  title: r.title,
  hub: r.hub,
  ticketUrl: r.ticket_url,
  status: statusSchema.parse(r.status),
  declaredAt: new Date(r.declared_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  runbookId: r.runbook_id,
  impactStartAt: new Date(r.impact_start_at ?? r.declared_at).toISOString(),
  classification: r.classification === null ? null : classificationSchema.parse(JSON.parse(r.classification)),
  commanderId: r.commander_id,
  nextStep: r.next_step_id && r.next_step_title ? { id: r.next_step_id, title: r.next_step_title } : null,
  activeAt: iso(r.active_at),
  mitigatedAt: iso(r.mitigated_at),
  resolvedAt: iso(r.resolved_at),
  reportInReviewAt: iso(r.report_in_review_at),
  closedAt: iso(r.closed_at),
});

const SELECT = `
  SELECT i.*,
    (SELECT person_id FROM incident_roles r WHERE r.incident_id = i.id AND r.role = 'incident_commander') AS
      commander_id,
    n.step_id AS next_step_id,
    n.title AS next_step_title
  FROM incidents i
  LEFT JOIN checklist_steps n ON n.incident_id = i.id AND n.position = (
    SELECT min(position) FROM checklist_steps c WHERE c.incident_id = i.id AND c.state NOT IN ('done', 'skipped')
  )`;

export interface NewIncident {
  id: string;
  title: string;
  hub: string | null;
  ticketUrl: string | null;
  at: number;
  runbookId: string;
  runbookVersion: number;
  impactStartAt: number;
  classification: { answers: Record<string, boolean>; verdict: 'incident' | 'support_ticket' } | null;
}

export const incidentsRepo = perDb((db: Database.Database) => {
  const insert = db.prepare(
    `INSERT INTO incidents (id, title, hub, ticket_url, status, declared_at, updated_at, runbook_id,
      runbook_version, impact_start_at, classification)
     VALUES (@id, @title, @hub, @ticketUrl, 'declared', @at, @at, @runbookId, @runbookVersion, @impactStartAt,
       @classification)`,
  );
  const byId = db.prepare<[string], IncidentRow>(`${SELECT} WHERE i.id = ?`);
  const known = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM incidents WHERE id = ?');
  const all = db.prepare<[], IncidentRow>(`${SELECT} ORDER BY i.declared_at DESC, i.id DESC`);
  const touch = db.prepare<[number, string]>('UPDATE incidents SET updated_at = ? WHERE id = ?');
  // Entering a status stamps its column and clears the columns of every later status (a reopen).
  const setStatus = db.prepare(
    `UPDATE incidents SET status = @status, updated_at = @at,
       active_at = CASE WHEN @rank < 1 THEN NULL WHEN @rank = 1 THEN @at ELSE active_at END,
       mitigated_at = CASE WHEN @rank < 2 THEN NULL WHEN @rank = 2 THEN @at ELSE mitigated_at END,
       resolved_at = CASE WHEN @rank < 3 THEN NULL WHEN @rank = 3 THEN @at ELSE resolved_at END,
       report_in_review_at = CASE WHEN @rank < 4 THEN NULL WHEN @rank = 4 THEN @at ELSE report_in_review_at END,
       closed_at = CASE WHEN @rank < 5 THEN NULL WHEN @rank = 5 THEN @at ELSE closed_at END
     WHERE id = @id`,
  );

  return {
    /** Whether an incident exists: a primary-key probe, for hot paths that need nothing else. */
    exists: (id: string): boolean => known.get(id) !== undefined,
    insert(i: NewIncident): void {
      insert.run({ ...i, classification: i.classification ? JSON.stringify(i.classification) : null });
    },
    get(id: string): Incident | undefined {
      const row = byId.get(id);
      return row ? toIncident(row) : undefined;
    },
    list(): Incident[] {
      return all.all().map(toIncident);
    },
    touch(id: string, at: number): void {
      touch.run(at, id);
    },
    setStatus(id: string, status: IncidentStatus, at: number): void {
      setStatus.run({ id, status, at, rank: incidentStatuses.indexOf(status) });
    },
  };
});
export type IncidentsRepo = ReturnType<typeof incidentsRepo>;
