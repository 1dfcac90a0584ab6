// SQL for notes, their append-only revisions and per-incident drafts. Search indexing: repos/searchIndex.ts.
import type Database from 'better-sqlite3';
import type { NoteKind } from '../../../../shared/notes';
import { perDb } from '../perDb';

/**
 * notes.author is NOT NULL in the schema; '' stands for "nobody was marked me" (null everywhere above the repo,
 * like other timeline entries' actor). Rows written before that say 'me'.
 */
export const authorOf = (stored: string): string | null => (stored === '' ? null : stored);

export interface NoteRow {
  seq: number;
  id: string;
  incident_id: string;
  kind: NoteKind;
  body: string;
  author: string;
  created_at: number;
  pinned: number;
  edited_at: number | null;
  client_id: string | null;
  in_report: number;
  summary: string | null;
}

export interface RevisionRow {
  rev: number;
  kind: NoteKind;
  body: string;
  written_at: number;
  replaced_at: number;
}

export interface DraftRow {
  incident_id: string;
  kind: NoteKind;
  body: string;
  updated_at: number;
}

/** A note's place in its incident: time, then id (the order of the timeline, which notes are part of). */
export const noteCursor = (r: Pick<NoteRow, 'created_at' | 'id'>) => `${r.created_at}.${r.id}`;

/** Parses a note cursor; an unparsable one is a caller error, not a crash. */
export function parseNoteCursor(c: string): { at: number; id: string } | null {
  const m = /^(\d+)\.([0-9A-Za-z_-]+)$/.exec(c);
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}

export const notesRepo = perDb((db: Database.Database) => {
  const insert = db.prepare<[string, string, NoteKind, string, string, number, string | null]>(
    'INSERT INTO notes (id, incident_id, kind, body, author, created_at, client_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string], NoteRow>('SELECT * FROM notes WHERE id = ?');
  const byClient = db.prepare<[string, string], NoteRow>('SELECT * FROM notes WHERE incident_id = ? AND client_id = ?');
  const latest = db.prepare<[string, number], NoteRow>(
    'SELECT * FROM notes WHERE incident_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  );
  const before = db.prepare<[string, number, string, number], NoteRow>(
    `SELECT * FROM notes WHERE incident_id = ? AND (created_at, id) < (?, ?)
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const after = db.prepare<[string, number, string, number], NoteRow>(
    `SELECT * FROM notes WHERE incident_id = ? AND (created_at, id) > (?, ?)
     ORDER BY created_at, id LIMIT ?`,
  );
  const update = db.prepare<[NoteKind, string, number, string]>(
    'UPDATE notes SET kind = ?, body = ?, edited_at = ? WHERE id = ?',
  );
  const pin = db.prepare<[number, string]>('UPDATE notes SET pinned = ? WHERE id = ?');
  const addRevision = db.prepare(
    `INSERT INTO note_revisions (note_id, rev, kind, body, written_at, replaced_at)
     VALUES (@noteId, (SELECT coalesce(max(rev), 0) + 1 FROM note_revisions WHERE note_id = @noteId), @kind, @body,
       @writtenAt, @replacedAt)`,
  );
  const revisions = db.prepare<[string], RevisionRow>(
    'SELECT rev, kind, body, written_at, replaced_at FROM note_revisions WHERE note_id = ? ORDER BY rev',
  );
  const draft = db.prepare<[string], DraftRow>('SELECT * FROM note_drafts WHERE incident_id = ?');
  const putDraft = db.prepare(
    `INSERT INTO note_drafts (incident_id, kind, body, updated_at) VALUES (@incidentId, @kind, @body, @at)
     ON CONFLICT(incident_id) DO UPDATE SET kind = excluded.kind, body = excluded.body, updated_at =
       excluded.updated_at`,
  );
  const dropDraft = db.prepare<[string]>('DELETE FROM note_drafts WHERE incident_id = ?');
  const dropDraftIf = db.prepare<[string, string]>('DELETE FROM note_drafts WHERE incident_id = ? AND body = ?');

  return {
    /** Inserts the note and returns its row as stored, without reading it back. */
    insert(n: {
      id: string;
      incidentId: string;
      kind: NoteKind;
      body: string;
      author: string | null;
      at: number;
      clientId: string | null;
    }): NoteRow {
      const seq = Number(
        insert.run(n.id, n.incidentId, n.kind, n.body, n.author ?? '', n.at, n.clientId).lastInsertRowid,
      );
      return {
        seq,
        id: n.id,
        incident_id: n.incidentId,
        kind: n.kind,
        body: n.body,
        author: n.author ?? '',
        created_at: n.at,
        pinned: 0,
        edited_at: null,
        client_id: n.clientId,
        in_report: 1,
        summary: null,
      };
    },
    get: (id: string) => byId.get(id),
    byClientId: (incidentId: string, clientId: string) => byClient.get(incidentId, clientId),
    /** Newest `limit` notes, returned oldest first. */
    latest: (incidentId: string, limit: number) => latest.all(incidentId, limit).reverse(),
    /** Up to `limit` notes just before the position, oldest first. */
    before: (incidentId: string, at: number, id: string, limit: number) =>
      before.all(incidentId, at, id, limit).reverse(),
    after: (incidentId: string, at: number, id: string, limit: number) => after.all(incidentId, at, id, limit),
    update(id: string, kind: NoteKind, body: string, editedAt: number): void {
      update.run(kind, body, editedAt, id);
    },
    setPinned(id: string, pinned: boolean): void {
      pin.run(pinned ? 1 : 0, id);
    },
    addRevision(r: { noteId: string; kind: NoteKind; body: string; writtenAt: number; replacedAt: number }): void {
      addRevision.run(r);
    },
    revisions: (noteId: string) => revisions.all(noteId),
    draft: (incidentId: string) => draft.get(incidentId),
    putDraft(d: { incidentId: string; kind: NoteKind; body: string; at: number }): void {
      putDraft.run(d);
    },
    dropDraft(incidentId: string): void {
      dropDraft.run(incidentId);
    },
    /** Removes the draft only if it is exactly the text just saved (newer typing is kept). */
    dropDraftIfBody(incidentId: string, body: string): void {
      dropDraftIf.run(incidentId, body);
    },
  };
});
export type NotesRepo = ReturnType<typeof notesRepo>;
