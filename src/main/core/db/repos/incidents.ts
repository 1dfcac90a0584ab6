// SQL for incidents. Rows are mapped to domain objects here and nowhere else.
import type Database from 'better-sqlite3';
import type { Incident, IncidentStatus } from '../../../../shared/domain';

interface IncidentRow {
  id: string;
  title: string;
  hub: string | null;
  ticket_url: string | null;
  status: IncidentStatus;
  declared_at: number;
  updated_at: number;
}

const toIncident = (r: IncidentRow): Incident => ({
  id: r.id,
  title: r.title,
  hub: r.hub,
  ticketUrl: r.ticket_url,
  status: r.status,
  declaredAt: new Date(r.declared_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

export function incidentsRepo(db: Database.Database) {
  const insert = db.prepare<[string, string, string | null, string | null, string, number, number]>(
    `INSERT INTO incidents (id, title, hub, ticket_url, status, declared_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], IncidentRow>('SELECT * FROM incidents WHERE id = ?');
  const all = db.prepare<[], IncidentRow>('SELECT * FROM incidents ORDER BY declared_at DESC, id DESC');

  return {
    insert(i: { id: string; title: string; hub: string | null; ticketUrl: string | null; at: number }): void {
      insert.run(i.id, i.title, i.hub, i.ticketUrl, 'declared', i.at, i.at);
    },
    get(id: string): Incident | undefined {
      const row = byId.get(id);
      return row ? toIncident(row) : undefined;
    },
    list(): Incident[] {
      return all.all().map(toIncident);
    },
  };
}
export type IncidentsRepo = ReturnType<typeof incidentsRepo>;
