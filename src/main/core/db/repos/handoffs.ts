// SQL for handoffs of command: who handed to whom, with the brief that went out.
import type Database from 'better-sqlite3';
import { perDb } from '../perDb';

export interface HandoffRow {
  id: string;
  incident_id: string;
  from_person_id: string | null;
  to_person_id: string;
  brief: string;
  liaison_moves: number;
  created_at: number;
}

export const handoffsRepo = perDb((db: Database.Database) => {
  const insert = db.prepare(
    `INSERT INTO handoffs (id, incident_id, from_person_id, to_person_id, brief, liaison_moves, created_at)
     VALUES (@id, @incidentId, @fromPersonId, @toPersonId, @brief, @liaisonMoves, @at)`,
  );
  const byId = db.prepare<[string], HandoffRow>('SELECT * FROM handoffs WHERE id = ?');
  const latest = db.prepare<[string], HandoffRow>(
    'SELECT * FROM handoffs WHERE incident_id = ? ORDER BY created_at DESC, id DESC LIMIT 1',
  );
  return {
    insert(h: {
      id: string;
      incidentId: string;
      fromPersonId: string | null;
      toPersonId: string;
      brief: string;
      liaisonMoves: boolean;
      at: number;
    }) {
      insert.run({ ...h, liaisonMoves: h.liaisonMoves ? 1 : 0 });
    },
    get: (id: string) => byId.get(id),
    latest: (incidentId: string) => latest.get(incidentId),
  };
});
