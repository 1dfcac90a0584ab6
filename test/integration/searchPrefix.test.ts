// Typed prefixes are searched through the notes' vocabulary (search_terms): a prefix finds the words that start
// with it, folded as the index folds them, including words of notes saved a moment ago, and a prefix with more
// completions than the cap is searched by itself and its commonest completions.
import { afterEach, describe, expect, it } from 'vitest';
import { searchTermsRepo } from '../../src/main/core/db/repos/searchTerms';
import { COMPLETIONS_CAP } from '../../src/main/core/db/repos/searchTerms';
import type { Incident } from '../../src/shared/domain';
import type { Note, SearchResult } from '../../src/shared/notes';
import { callOf, testCore } from '../helpers/core';

const open: Array<{ cleanup(): void }> = [];
afterEach(() => open.splice(0).forEach((c) => c.cleanup()));

function start() {
  const t = testCore({});
  open.push(t);
  const call = callOf(t.core);
  return { t, call };
}

describe('prefix search through the vocabulary', () => {
  it('finds words that start with a prefix, accents and case folded, in notes saved just before', async () => {
    const { call } = start();
    const incident = await call<Incident>('incidents.declare', { title: 'Hub down' });
    const cafe = await call<Note>('notes.append', { incidentId: incident.id, body: 'The Café hub is down' });
    const kernels = await call<Note>('notes.append', { incidentId: incident.id, body: 'kernels restarting' });
    const kernel = await call<Note>('notes.append', { incidentId: incident.id, body: 'one kernel died' });
    await call<Note>('notes.append', { incidentId: incident.id, body: 'nothing related' });
    const ids = async (text: string) =>
      (await call<SearchResult>('search.query', { text })).hits.map((h) => h.noteId).sort();
    expect(await ids('cafe')).toEqual([cafe.id]);
    expect(await ids('CAF')).toEqual([cafe.id]);
    expect(await ids('café')).toEqual([cafe.id]);
    expect(await ids('kern')).toEqual([kernel.id, kernels.id].sort());
    expect(await ids('kernels')).toEqual([kernels.id]);
    expect(await ids('kern NOT died')).toEqual([kernels.id]);
    expect(await ids('kern rest')).toEqual([kernels.id]);
    expect(await ids('rest kern OR caf')).toEqual([cafe.id, kernels.id].sort());
    expect(await ids('zebra')).toEqual([]);
    // A word first seen in a new note is found by its prefix once indexed (the search indexes what waits).
    const fresh = await call<Note>('notes.append', { incidentId: incident.id, body: 'Zwölf zebras escaped' });
    expect(await ids('zebr')).toEqual([fresh.id]);
    expect(await ids('zwol')).toEqual([fresh.id]);
    // The last word of a joined word ("kernel-rest") is a prefix phrase.
    expect(await ids('kernels-rest')).toEqual([kernels.id]);
    // An edited note's new words too.
    await call('notes.edit', { noteId: kernel.id, body: 'one kernel revived' });
    expect(await ids('reviv')).toEqual([kernel.id]);
  });

  it('past the cap, searches the prefix itself and its commonest completions', async () => {
    const { t, call } = start();
    const incident = await call<Incident>('incidents.declare', { title: 'Hub down' });
    for (let i = 0; i < COMPLETIONS_CAP + 6; i++)
      await call('notes.append', { incidentId: incident.id, body: `rare word q${i}x` });
    const common: string[] = [];
    for (let i = 0; i < 3; i++)
      common.push((await call<Note>('notes.append', { incidentId: incident.id, body: 'qcommon again' })).id);
    const itself = await call<Note>('notes.append', { incidentId: incident.id, body: 'just q' });
    t.core.services.searchIndex.flush();
    const c = searchTermsRepo(t.core.db).completions('q');
    expect(c.capped).toBe(true);
    expect(c.terms).toHaveLength(COMPLETIONS_CAP);
    expect(c.terms.slice(0, 2)).toEqual(['q', 'qcommon']);
    const { hits, capped } = await call<SearchResult>('search.query', { text: 'q', limit: 200 });
    expect(capped).toEqual(['q']); // the answer says so, for the overlay to tell
    expect((await call<SearchResult>('search.query', { text: 'qcomm' })).capped).toEqual([]);
    const ids = hits.map((h) => h.noteId);
    expect(ids).toEqual(expect.arrayContaining([...common, itself.id]));
    // Some rare completions are left out: that is the cap.
    expect(hits.length).toBeLessThan(COMPLETIONS_CAP + 6 + 4);
    // Enough terms in 64 notes or more: those are the commonest, found without reading the rare ones.
    for (let i = 0; i < COMPLETIONS_CAP; i++)
      t.core.db.prepare('INSERT INTO search_terms (term, docs) VALUES (?, ?)').run(`qq${i}`, 100 + i);
    const many = searchTermsRepo(t.core.db).completions('q');
    expect(many.terms).toEqual([
      'q',
      ...Array.from({ length: COMPLETIONS_CAP - 1 }, (_, i) => `qq${COMPLETIONS_CAP - 1 - i}`),
    ]);
  });
});
