// Read-only SQL for what a brief or a status update says: notes by kind, and who started a checklist step.
import type Database from 'better-sqlite3';
import type { NoteKind } from '../../../../shared/notes';
import { perDb } from '../perDb';
import { authorOf } from './notes';

export interface SessionNote {
  kind: NoteKind;
  body: string;
  author: string | null;
  at: number;
}

export const sessionReadRepo = perDb((db: Database.Database) => {
  const inKinds = (kinds: readonly string[]) => `(${kinds.map(() => '?').join(', ')})`;
  const starter = db.prepare<[string, string], { actor: string | null }>(
    `SELECT actor FROM timeline_entries WHERE incident_id = ? AND source = 'checklist' AND ref_id = ? AND kind =
      'step_started'
     ORDER BY at DESC, id DESC LIMIT 1`,
  );
  return {
    /** The latest `limit` notes of these kinds, oldest first. */
    notes(incidentId: string, kinds: readonly NoteKind[], limit: number): SessionNote[] {
      return db
        .prepare<unknown[], { kind: NoteKind; body: string; author: string; created_at: number }>(
          `SELECT kind, body, author, created_at FROM (SELECT kind, body, author, created_at, seq FROM notes
             WHERE incident_id = ? AND kind IN ${inKinds(kinds)} ORDER BY created_at DESC, seq DESC LIMIT ?)
           ORDER BY created_at, seq`,
        )
        .all(incidentId, ...kinds, limit)
        .map((r) => ({ kind: r.kind, body: r.body, author: authorOf(r.author), at: r.created_at }));
    },
    /** Who started a step (the actor of its latest "Started" entry), if known. */
    stepStarter: (incidentId: string, stepId: string): string | null => starter.get(incidentId, stepId)?.actor ?? null,
  };
});
