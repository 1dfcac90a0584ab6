import { SEARCH_POOL } from '../../src/main/core/db/repos/search';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/domain';
import type { Note, SearchResult, TimelinePage } from '../../src/shared/notes';
import { timelineRepo } from '../../src/main/core/db/repos/timeline';
import { callOf, cleanAfterEach, testCore } from '../helpers/core';

const fresh = cleanAfterEach(testCore);

async function setup() {
  const t = fresh();
  const call = callOf(t.core);
  const incident = await call<Incident>('incidents.declare', { title: 'Hub down' });
  return { t, incident, call };
}

describe('timeline.list', () => {
  it('orders by original time (not insertion), then id, and filters by source and kind', async () => {
    const { t, incident, call } = await setup();
    t.clock.advance(10_000);
    await call('notes.append', { incidentId: incident.id, body: 'checked the logs', kind: 'finding' });
    await call('notes.append', { incidentId: incident.id, body: 'restarted pods', kind: 'action' });
    // An imported Slack message that happened earlier than both notes, recorded later.
    const repo = timelineRepo(t.core.db);
    repo.append({
      id: 'slack1',
      incidentId: incident.id,
      at: t.clock.now() - 5_000,
      source: 'slack',
      kind: 'message',
      body: 'users report 502s',
      recordedAt: t.clock.now(),
    });
    const all = await call<TimelinePage>('timeline.list', { incidentId: incident.id });
    expect(all.items.map((e) => e.body)).toEqual([
      'Incident declared: Hub down',
      'users report 502s',
      'checked the logs',
      'restarted pods',
    ]);
    const notes = await call<TimelinePage>('timeline.list', { incidentId: incident.id, sources: ['note'] });
    expect(notes.items.map((e) => e.kind)).toEqual(['finding', 'action']);
    const actions = await call<TimelinePage>('timeline.list', {
      incidentId: incident.id,
      kinds: ['action', 'message'],
    });
    expect(actions.items.map((e) => e.body)).toEqual(['users report 502s', 'restarted pods']);
    const both = await call<TimelinePage>('timeline.list', {
      incidentId: incident.id,
      sources: ['note'],
      kinds: ['action'],
    });
    expect(both.items.map((e) => e.body)).toEqual(['restarted pods']);
  });

  it('pages with cursors in both directions, and around an entry', async () => {
    const { t, incident, call } = await setup();
    for (let i = 0; i < 12; i++) {
      t.clock.advance(1000);
      await call('notes.append', { incidentId: incident.id, body: `n${i}` });
    }
    const first = await call<TimelinePage>('timeline.list', { incidentId: incident.id, limit: 5 });
    expect(first.items.map((e) => e.body)).toEqual(['Incident declared: Hub down', 'n0', 'n1', 'n2', 'n3']);
    expect([first.hasBefore, first.hasAfter]).toEqual([false, true]);
    const next = await call<TimelinePage>('timeline.list', {
      incidentId: incident.id,
      limit: 5,
      after: first.items[4]!.cursor,
    });
    expect(next.items.map((e) => e.body)).toEqual(['n4', 'n5', 'n6', 'n7', 'n8']);
    const back = await call<TimelinePage>('timeline.list', {
      incidentId: incident.id,
      limit: 2,
      before: next.items[0]!.cursor,
    });
    expect(back.items.map((e) => e.body)).toEqual(['n2', 'n3']);
    const around = await call<TimelinePage>('timeline.list', {
      incidentId: incident.id,
      limit: 3,
      around: next.items[2]!.id,
    });
    expect(around.items.map((e) => e.body)).toEqual(['n5', 'n6', 'n7']);
    const bad = await t.core.invoke('timeline.list', { incidentId: incident.id, after: 'garbage' });
    expect(!bad.ok && bad.error.code).toBe('invalid_input');
  });

  it('sets report inclusion and a one-line summary, and emits timeline.changed', async () => {
    const { t, incident, call } = await setup();
    const page = await call<TimelinePage>('timeline.list', { incidentId: incident.id });
    const entry = page.items[0]!;
    const seen: string[] = [];
    t.core.bus.subscribe((name) => seen.push(name));
    expect(
      (await call<{ inReport: boolean }>('timeline.setInReport', { entryId: entry.id, inReport: false })).inReport,
    ).toBe(false);
    expect(
      (
        await call<{ summary: string }>('timeline.setSummary', {
          entryId: entry.id,
          summary: ' Declared after alerts ',
        })
      ).summary,
    ).toBe('Declared after alerts');
    expect(seen).toEqual(['timeline.changed', 'timeline.changed']);
    const multi = await t.core.invoke('timeline.setSummary', { entryId: entry.id, summary: 'a\nb' });
    expect(!multi.ok && multi.error.code).toBe('invalid_input');
    expect(
      (await call<{ summary: string | null }>('timeline.setSummary', { entryId: entry.id, summary: '' })).summary,
    ).toBeNull();
  });
});

describe('timeline.setTimeZone', () => {
  it('stores the incident timezone that pages report, and refuses unknown names', async () => {
    const { t, incident, call } = await setup();
    expect((await call<TimelinePage>('timeline.list', { incidentId: incident.id })).timeZone).toBe('UTC');
    await call('timeline.setTimeZone', { incidentId: incident.id, timeZone: 'Europe/Berlin' });
    expect((await call<TimelinePage>('timeline.list', { incidentId: incident.id })).timeZone).toBe('Europe/Berlin');
    expect((await call<{ timeZone: string }>('notes.list', { incidentId: incident.id })).timeZone).toBe(
      'Europe/Berlin',
    );
    const bad = await t.core.invoke('timeline.setTimeZone', { incidentId: incident.id, timeZone: 'Mars/Olympus' });
    expect(!bad.ok && bad.error.message).toMatch(/not a timezone/);
  });
});

describe('search.query', () => {
  it('ranks better matches first across incidents, with highlighted snippets and where to open', async () => {
    const { t, incident, call } = await setup();
    const other = await call<Incident>('incidents.declare', { title: 'Dask gateway' });
    await call('notes.append', {
      incidentId: incident.id,
      body: 'the database was slow for a while, unrelated to anything',
    });
    const best = await call<Note>('notes.append', {
      incidentId: other.id,
      body: 'database database failover of the database',
      kind: 'finding',
    });
    timelineRepo(t.core.db).append({
      id: 'pd1',
      incidentId: incident.id,
      at: t.clock.now(),
      source: 'pagerduty',
      kind: 'log',
      body: 'Alert: database CPU high',
      recordedAt: t.clock.now(),
    });
    const hits = (await call<SearchResult>('search.query', { text: 'datab' })).hits;
    expect(hits.length).toBe(3);
    // bm25 ranks within each index; the note with the most matches beats the note with one.
    const noteHits = hits.filter((h) => h.type === 'note');
    expect(noteHits[0]).toMatchObject({
      noteId: best.id,
      incidentId: other.id,
      incidentTitle: 'Dask gateway',
      kind: 'finding',
    });
    expect(noteHits[0]!.entryId).toBeTruthy();
    expect(noteHits[0]!.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['database', 'database', 'database']);
    expect(noteHits[1]!.incidentTitle).toBe('Hub down');
    const pd = hits.find((h) => h.type === 'timeline')!;
    expect(pd).toMatchObject({ entryId: 'pd1', source: 'pagerduty', noteId: null });
    // Notes are found once (through the notes index), not again through their timeline entries.
    expect(hits.filter((h) => h.noteId === best.id).length).toBe(1);
  });

  it('keeps quoted phrases exact and supports OR / NOT between terms', async () => {
    const { incident, call } = await setup();
    await call('notes.append', { incidentId: incident.id, body: 'disk full on node a' });
    await call('notes.append', { incidentId: incident.id, body: 'full disk alarm' });
    await call('notes.append', { incidentId: incident.id, body: 'memory pressure' });
    const phrase = (await call<SearchResult>('search.query', { text: '"disk full"' })).hits;
    expect(phrase.map((h) => h.snippet.map((p) => p.text).join(''))).toEqual(['disk full on node a']);
    const or = (await call<SearchResult>('search.query', { text: 'alarm OR memory' })).hits;
    expect(or.length).toBe(2);
    const not = (await call<SearchResult>('search.query', { text: 'disk NOT alarm' })).hits;
    expect(not.length).toBe(1);
    const punct = (await call<SearchResult>('search.query', { text: 'node-a' })).hits;
    expect(punct.length).toBe(1);
  });

  it('answers syntax problems with helpful invalid_input messages, never a crash', async () => {
    const { t } = await setup();
    const cases: Array<[string, RegExp]> = [
      ['"unbalanced', /closing quote/],
      ['OR', /needs something to search for on both sides/],
      ['disk AND', /needs something/],
      ['NOT disk', /needs something/],
      ['(', /does not understand “\(”/],
      ['*', /does not understand/],
      ['   ', /at least one word/],
      ['""', /at least one word/],
    ];
    for (const [text, message] of cases) {
      const r = await t.core.invoke('search.query', { text });
      expect(r.ok, text).toBe(false);
      if (r.ok) continue;
      expect(r.error.code, text).toBe('invalid_input');
      expect(r.error.message, text).toMatch(message);
    }
    // Things FTS5 would treat as syntax are searched as words.
    for (const text of ['col:value', 'a^b', 'NEAR(a b)', 'x* y+', "it's", '{a b}']) {
      const r = await t.core.invoke('search.query', { text });
      expect(r.ok, text).toBe(true);
    }
  });
});

describe('search.query on a long history', () => {
  it('ranks the newest matches, and a narrower query reaches older ones', async () => {
    const { incident, call } = await setup();
    // The oldest notes are the best bm25 matches for "disk", but more than a pool of newer matches follow them.
    for (let i = 0; i < 3; i++)
      await call('notes.append', { incidentId: incident.id, body: `disk disk disk ancient ${i}` });
    for (let i = 0; i < SEARCH_POOL + 20; i++)
      await call('notes.append', { incidentId: incident.id, body: `disk check number ${i} on node ${i % 7}` });
    const recent = (await call<SearchResult>('search.query', { text: 'disk', limit: 200 })).hits;
    expect(recent.length).toBe(200);
    expect(recent.some((h) => h.snippet.some((p) => p.text.includes('ancient')))).toBe(false);
    const narrower = (await call<SearchResult>('search.query', { text: 'disk ancient' })).hits;
    expect(narrower.length).toBe(3);
    // Within what is ranked, more matches in a shorter note rank first.
    await call('notes.append', { incidentId: incident.id, body: 'disk disk disk' });
    const top = (await call<SearchResult>('search.query', { text: 'disk', limit: 1 })).hits;
    expect(top[0]!.snippet.map((p) => p.text).join('')).toBe('disk disk disk');
  });
});
