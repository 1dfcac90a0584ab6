// The notes search index is filled in batches after the append commits: search still sees every saved note,
// a backlog is repaired at start, and edits and deletes of indexed and not-yet-indexed notes keep it exact.
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { notesRepo } from '../../src/main/core/db/repos/notes';
import type { Incident } from '../../src/shared/domain';
import type { Note, SearchResult } from '../../src/shared/notes';
import { callOf, testCore } from '../helpers/core';
import { tempDir } from '../helpers/tempDir';

const open: Array<{ cleanup(): void }> = [];
afterEach(() =>
  open
    .splice(0)
    .reverse()
    .forEach((c) => c.cleanup()),
); // cores before their folder

function start(dataDir?: string) {
  const t = testCore(dataDir ? { dataDir } : {});
  open.push(t);
  const call = callOf(t.core);
  return { t, call };
}

/** Rows of notes_fts matching a word, read straight from the index (no flush). */
const indexed = (db: Database.Database, word: string) =>
  db.prepare('SELECT rowid FROM notes_fts WHERE notes_fts MATCH ? ORDER BY rowid').pluck().all(word) as number[];
const upto = (db: Database.Database) =>
  db.prepare("SELECT upto FROM search_index_state WHERE name = 'notes'").pluck().get() as number;

/** FTS5's own check, then the strict one: the index holds exactly the notes' current bodies. */
function checkIndex(db: Database.Database): void {
  db.prepare("INSERT INTO notes_fts(notes_fts) VALUES('integrity-check')").run();
  db.prepare("INSERT INTO notes_fts(notes_fts, rank) VALUES('integrity-check', 1)").run();
}

describe('batched notes search index', () => {
  it('finds a note searched for right after it is appended: the search adds what is waiting first', async () => {
    const { t, call } = start();
    const incident = await call<Incident>('incidents.declare', { title: 'Hub down' });
    const note = await call<Note>('notes.append', { incidentId: incident.id, body: 'kafka broker wedged' });
    // Not written by the append's transaction: a batch is scheduled instead.
    expect(indexed(t.core.db, 'wedged')).toEqual([]);
    expect(t.core.services.searchIndex.scheduled()).toBe(true);
    const hits = (await call<SearchResult>('search.query', { text: 'wedged' })).hits;
    expect(hits.map((h) => h.noteId)).toEqual([note.id]);
    expect(t.core.services.searchIndex.scheduled()).toBe(false);
    checkIndex(t.core.db);
  });

  it('indexes many appends in one scheduled batch shortly after, with no search', async () => {
    const { t, call } = start();
    const incident = await call<Incident>('incidents.declare', { title: 'Hub down' });
    const seqs: number[] = [];
    for (let i = 0; i < 20; i++) {
      await call<Note>('notes.append', { incidentId: incident.id, body: `step ${i} restarted zookeeper` });
      seqs.push(t.core.db.prepare('SELECT max(seq) FROM notes').pluck().get() as number);
    }
    expect(indexed(t.core.db, 'zookeeper')).toEqual([]);
    await expect.poll(() => indexed(t.core.db, 'zookeeper'), { timeout: 5_000, interval: 20 }).toEqual(seqs);
    expect(upto(t.core.db)).toBe(seqs[seqs.length - 1]);
    expect(t.core.services.searchIndex.scheduled()).toBe(false);
    checkIndex(t.core.db);
  });

  it('a core that starts on notes left out of the index (killed before its batch) indexes them all', async () => {
    const dir = tempDir();
    open.push(dir);
    const first = start(dir.path);
    const incident = await first.call<Incident>('incidents.declare', { title: 'Hub down' });
    await first.call<Note>('notes.append', { incidentId: incident.id, body: 'first saved note' });
    // More than one chunk of notes written with no batch scheduled, then the file closed without the core's close.
    const notes = notesRepo(first.t.core.db);
    first.t.core.db.transaction(() => {
      for (let i = 0; i < 1_234; i++) {
        notes.insert({
          id: `n${i}`,
          incidentId: incident.id,
          kind: 'note',
          body: `backlog item ${i} flapping`,
          author: 'me',
          at: 1,
          clientId: null,
        });
      }
    })();
    first.t.core.db.close();
    const second = start(dir.path);
    const db = second.t.core.db;
    expect(indexed(db, 'flapping')).toHaveLength(1_234);
    expect(indexed(db, 'saved')).toHaveLength(1);
    expect(upto(db)).toBe(db.prepare('SELECT max(seq) FROM notes').pluck().get());
    checkIndex(db);
    const hits = (await second.call<SearchResult>('search.query', { text: '"backlog item 1233"' })).hits;
    expect(hits.map((h) => h.noteId)).toEqual(['n1233']);
  });

  it('core close indexes the last batch before the file closes', async () => {
    const dir = tempDir();
    open.push(dir);
    const first = start(dir.path);
    const incident = await first.call<Incident>('incidents.declare', { title: 'Hub down' });
    await first.call<Note>('notes.append', { incidentId: incident.id, body: 'closing words' });
    expect(indexed(first.t.core.db, 'closing')).toEqual([]);
    first.t.core.close();
    const second = start(dir.path);
    expect(indexed(second.t.core.db, 'closing')).toHaveLength(1);
  });

  it('an edit of a note not yet indexed leaves only its new text searchable', async () => {
    const { t, call } = start();
    const incident = await call<Incident>('incidents.declare', { title: 'Hub down' });
    const note = await call<Note>('notes.append', { incidentId: incident.id, body: 'suspect the loadbalancer' });
    await call<Note>('notes.edit', { noteId: note.id, body: 'it was the certificate' });
    t.core.services.searchIndex.flush();
    expect(indexed(t.core.db, 'loadbalancer')).toEqual([]);
    expect(indexed(t.core.db, 'certificate')).toHaveLength(1);
    checkIndex(t.core.db);
    // And an edit of an indexed note replaces its tokens at once.
    await call<Note>('notes.edit', { noteId: note.id, body: 'it was DNS after all' });
    expect(indexed(t.core.db, 'certificate')).toEqual([]);
    expect((await call<SearchResult>('search.query', { text: 'dns' })).hits.map((h) => h.noteId)).toEqual([note.id]);
    checkIndex(t.core.db);
  });

  const deletingAnIncidentWith =
    'deleting an incident with indexed and unindexed notes, then reusing their seq values, keeps the index exact';
  it(deletingAnIncidentWith, async () => {
    const { t, call } = start();
    const db = t.core.db;
    const keep = await call<Incident>('incidents.declare', { title: 'Stays' });
    const gone = await call<Incident>('incidents.declare', { title: 'Goes' });
    for (let i = 0; i < 3; i++) await call<Note>('notes.append', { incidentId: keep.id, body: `keeper ${i}` });
    await call<Note>('notes.append', { incidentId: gone.id, body: 'doomed indexed' });
    t.core.services.searchIndex.flush();
    await call<Note>('notes.append', { incidentId: gone.id, body: 'doomed pending one' });
    await call<Note>('notes.append', { incidentId: gone.id, body: 'doomed pending two' });
    const goneSeqs = db
      .prepare('SELECT seq FROM notes WHERE incident_id = ? ORDER BY seq')
      .pluck()
      .all(gone.id) as number[];
    expect(upto(db)).toBe(goneSeqs[0]);

    db.prepare('DELETE FROM incidents WHERE id = ?').run(gone.id);
    expect(db.prepare('SELECT count(*) FROM notes WHERE incident_id = ?').pluck().get(gone.id)).toBe(0);
    expect(indexed(db, 'doomed')).toEqual([]);
    expect(upto(db)).toBe(db.prepare('SELECT max(seq) FROM notes').pluck().get());
    checkIndex(db);

    // The freed seq values come back for new notes, which must count as not yet indexed.
    const fresh: Note[] = [];
    for (const body of ['reborn alpha', 'reborn beta', 'reborn gamma'])
      fresh.push(await call<Note>('notes.append', { incidentId: keep.id, body }));
    const freshSeqs = fresh.map((n) => db.prepare('SELECT seq FROM notes WHERE id = ?').pluck().get(n.id) as number);
    expect(freshSeqs).toEqual(goneSeqs);
    const hits = (await call<SearchResult>('search.query', { text: 'reborn' })).hits;
    expect(hits.map((h) => h.noteId).sort()).toEqual(fresh.map((n) => n.id).sort());
    expect((await call<SearchResult>('search.query', { text: 'doomed' })).hits).toEqual([]);
    expect(indexed(db, 'keeper')).toHaveLength(3);
    checkIndex(db);
  });

  const aSearchOnA =
    'a search on a full disk answers from what is indexed instead of failing: reading never needs a write';
  it(aSearchOnA, async () => {
    const { t, call } = start();
    t.core.services.searchIndex.stop(); // no timer: the test decides when indexing is tried
    const incident = await call<Incident>('incidents.declare', { title: 'Hub down' });
    const indexedNote = await call<Note>('notes.append', { incidentId: incident.id, body: 'zookeeper quorum lost' });
    t.core.services.searchIndex.flush();
    // A note big enough that indexing it needs new pages, then a database that may not grow (SQLITE_FULL).
    const words = Array.from({ length: 4000 }, (_, i) => `pending${i}`).join(' ');
    await call<Note>('notes.append', { incidentId: incident.id, body: `zookeeper ${words}` });
    const pages = t.core.db.pragma('page_count', { simple: true }) as number;
    t.core.db.pragma(`max_page_count = ${pages}`);
    expect(() => t.core.services.searchIndex.flush()).toThrow(/full/);
    const res = await t.core.invoke('search.query', { text: 'quorum' });
    expect(res.ok).toBe(true);
    expect(res.ok && (res.value as SearchResult).hits.map((h) => h.noteId)).toEqual([indexedNote.id]);
  });
});
