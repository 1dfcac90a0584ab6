import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/domain';
import type { Note, NotePage, NoteRevision } from '../../src/shared/notes';
import { callOf, cleanAfterEach, testCore } from '../helpers/core';

const fresh = cleanAfterEach(testCore);

async function setup() {
  const t = fresh();
  const r = await t.core.invoke('incidents.declare', { title: 'Hub down' });
  if (!r.ok) throw new Error(r.error.message);
  const incident = r.value as Incident;
  const call = callOf(t.core);
  return { t, incident, call };
}

describe('notes.append', () => {
  const savesTheNoteIts =
    'saves the note (its own timeline entry) and its outbox jobs in one go, emits, and indexes it for search after';
  it(savesTheNoteIts, async () => {
    const { t, incident, call } = await setup();
    const yuvi = await call<{ id: string }>('people.save', { name: 'Yuvi', timezone: 'UTC' });
    await call('people.setMe', { personId: yuvi.id });
    const seen: string[] = [];
    t.core.bus.subscribe((name) => seen.push(name));
    const note = await call<Note>('notes.append', {
      incidentId: incident.id,
      body: 'Rolled back **deploy** 42',
      kind: 'action',
      share: { slack: true, pagerduty: true },
    });
    expect(note).toMatchObject({ kind: 'action', author: 'Yuvi', pinned: false, editedAt: null });
    expect(note.shares.map((s) => [s.vendor, s.state])).toEqual([
      ['slack', 'queued'],
      ['pagerduty', 'queued'],
    ]);
    const entry = t.core.db
      .prepare("SELECT source, kind, body, actor, ref_id FROM timeline_entries WHERE source = 'note'")
      .get();
    expect(entry).toEqual({
      source: 'note',
      kind: 'action',
      body: 'Rolled back **deploy** 42',
      actor: 'Yuvi',
      ref_id: note.id,
    });
    const jobs = t.core.db.prepare('SELECT kind, payload, ref_type FROM outbox_jobs ORDER BY kind').all();
    expect(jobs).toEqual([
      {
        kind: 'pagerduty.addNote',
        payload: JSON.stringify({ content: 'Action taken: Rolled back **deploy** 42' }),
        ref_type: 'note',
      },
      {
        kind: 'slack.postMessage',
        payload: JSON.stringify({ text: 'Action taken: Rolled back **deploy** 42' }),
        ref_type: 'note',
      },
    ]);
    t.core.services.searchIndex.flush(); // the index is filled in batches after the commit
    expect(t.core.db.prepare("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'deploy'").pluck().get()).toBe(1);
    expect(seen).toEqual(['notes.appended', 'timeline.appended', 'outbox.changed', 'outbox.changed']);
  });

  it('has no author (null) when nobody is marked "me"', async () => {
    const { incident, call } = await setup();
    const note = await call<Note>('notes.append', { incidentId: incident.id, body: 'x' });
    expect(note.author).toBeNull();
    expect(note.kind).toBe('note');
  });

  it('is idempotent with a clientId: a retried append returns the same note and writes nothing new', async () => {
    const { t, incident, call } = await setup();
    const a = await call<Note>('notes.append', {
      incidentId: incident.id,
      body: 'once',
      clientId: 'c-1',
      share: { slack: true },
    });
    const b = await call<Note>('notes.append', {
      incidentId: incident.id,
      body: 'once',
      clientId: 'c-1',
      share: { slack: true },
    });
    expect(b.id).toBe(a.id);
    expect(t.core.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(1);
    expect(t.core.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(1);
  });

  const answers409ConflictNaming =
    'answers 409 conflict naming the saved note when a clientId is reused with a different body, kind or share';
  it(answers409ConflictNaming, async () => {
    const { t, incident, call } = await setup();
    const a = await call<Note>('notes.append', {
      incidentId: incident.id,
      body: 'once',
      kind: 'finding',
      clientId: 'c-2',
    });
    const variants = [
      { body: 'twice', kind: 'finding' },
      { body: 'once', kind: 'decision' },
      { body: 'once', kind: 'finding', share: { slack: true } },
    ];
    for (const v of variants) {
      const r = await t.core.invoke('notes.append', { incidentId: incident.id, clientId: 'c-2', ...v });
      expect(r.ok, JSON.stringify(v)).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('conflict');
      expect(r.error.message).toContain(`note ${a.id}`);
      expect(r.error.details).toMatchObject({ noteId: a.id });
    }
    // The saved note is untouched and nothing was queued; the same request is still a quiet retry.
    expect(t.core.db.prepare('SELECT kind, body FROM notes').all()).toEqual([{ kind: 'finding', body: 'once' }]);
    expect(t.core.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(0);
    const again = await call<Note>('notes.append', {
      incidentId: incident.id,
      body: 'once',
      kind: 'finding',
      clientId: 'c-2',
    });
    expect(again.id).toBe(a.id);
    // A retry of the original still matches after the note was edited since.
    await call('notes.edit', { noteId: a.id, body: 'once, edited' });
    const afterEdit = await call<Note>('notes.append', {
      incidentId: incident.id,
      body: 'once',
      kind: 'finding',
      clientId: 'c-2',
    });
    expect(afterEdit.id).toBe(a.id);
  });

  const refusesOversizedNotesWith =
    'refuses oversized notes with a clear message at N+1 bytes, accepts N (multibyte text), and keeps the draft';
  it(refusesOversizedNotesWith, async () => {
    const { t, incident, call } = await setup();
    const euro = '€'; // 3 bytes in UTF-8
    const exactly = euro.repeat(Math.floor((64 * 1024) / 3)) + 'a'.repeat((64 * 1024) % 3);
    expect(Buffer.byteLength(exactly)).toBe(64 * 1024);
    await call('notes.saveDraft', { incidentId: incident.id, body: exactly + 'b' });
    const over = await t.core.invoke('notes.append', { incidentId: incident.id, body: exactly + 'b' });
    expect(over.ok).toBe(false);
    if (over.ok) return;
    expect(over.error.code).toBe('too_large');
    expect(over.error.message).toMatch(/64 KiB.*Nothing was saved.*Command kind/);
    expect(t.core.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
    const draft = await call<{ draft: { body: string } | null }>('notes.getDraft', { incidentId: incident.id });
    expect(draft.draft?.body).toBe(exactly + 'b');

    await call('notes.append', { incidentId: incident.id, body: exactly });
    const bigCommand = 'x'.repeat(1024 * 1024);
    await call('notes.append', { incidentId: incident.id, body: bigCommand, kind: 'command' });
    const tooBig = await t.core.invoke('notes.append', {
      incidentId: incident.id,
      body: bigCommand + 'y',
      kind: 'command',
    });
    expect(!tooBig.ok && tooBig.error.message).toMatch(/1024 KiB/);
  });

  it('refuses NUL, lone surrogates, empty notes and unknown incidents; stores HTML as typed', async () => {
    const { t, incident, call } = await setup();
    for (const body of ['a\u0000b', 'broken \uD83D text', '   \n ']) {
      const r = await t.core.invoke('notes.append', { incidentId: incident.id, body });
      expect(r.ok, JSON.stringify(body)).toBe(false);
    }
    const missing = await t.core.invoke('notes.append', { incidentId: 'nope', body: 'x' });
    expect(!missing.ok && missing.error.code).toBe('not_found');
    const html = '<script>alert(1)</script> [x](javascript:alert(1)) \u202Eevil';
    const note = await call<Note>('notes.append', { incidentId: incident.id, body: html });
    expect(note.body).toBe(html);
    expect(t.core.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(1);
  });

  it('drops the draft in the same transaction when the saved text is exactly the draft', async () => {
    const { incident, call } = await setup();
    await call('notes.saveDraft', { incidentId: incident.id, body: 'draft text', kind: 'finding' });
    await call('notes.append', { incidentId: incident.id, body: 'other text' });
    expect((await call<{ draft: unknown }>('notes.getDraft', { incidentId: incident.id })).draft).not.toBeNull();
    await call('notes.append', { incidentId: incident.id, body: 'draft text', kind: 'finding' });
    expect((await call<{ draft: unknown }>('notes.getDraft', { incidentId: incident.id })).draft).toBeNull();
  });
});

describe('notes.edit and notes.history', () => {
  const keepsEveryEarlierVersion =
    'keeps every earlier version with when it was written and replaced; the timeline shows the current text';
  it(keepsEveryEarlierVersion, async () => {
    const { t, incident, call } = await setup();
    const note = await call<Note>('notes.append', { incidentId: incident.id, body: 'DB is fine' });
    t.clock.advance(60_000);
    const edited = await call<Note>('notes.edit', { noteId: note.id, body: 'DB is NOT fine', kind: 'finding' });
    t.clock.advance(60_000);
    await call<Note>('notes.edit', { noteId: note.id, body: 'DB failed over' });
    expect(edited.editedAt).toBe('2026-11-26T12:01:00.000Z');
    expect(edited.createdAt).toBe(note.createdAt);
    const history = await call<NoteRevision[]>('notes.history', { noteId: note.id });
    expect(history.map((h) => [h.rev, h.kind, h.body, h.writtenAt, h.replacedAt])).toEqual([
      [1, 'note', 'DB is fine', '2026-11-26T12:00:00.000Z', '2026-11-26T12:01:00.000Z'],
      [2, 'finding', 'DB is NOT fine', '2026-11-26T12:01:00.000Z', '2026-11-26T12:02:00.000Z'],
      [3, 'finding', 'DB failed over', '2026-11-26T12:02:00.000Z', null],
    ]);
    const entry = t.core.db.prepare('SELECT kind, body FROM timeline_entries WHERE ref_id = ?').get(note.id);
    expect(entry).toEqual({ kind: 'finding', body: 'DB failed over' });
    t.core.services.searchIndex.flush();
    expect(t.core.db.prepare("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'fine'").pluck().get()).toBe(0);
    expect(t.core.db.prepare("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'failed'").pluck().get()).toBe(1);
    expect(() => t.core.db.prepare("UPDATE note_revisions SET body = 'forged'").run()).toThrow(/append-only/);
  });

  it('an edit to the same text records nothing; an oversized edit is refused and the note unchanged', async () => {
    const { t, incident, call } = await setup();
    const note = await call<Note>('notes.append', { incidentId: incident.id, body: 'same' });
    await call('notes.edit', { noteId: note.id, body: 'same' });
    expect((await call<NoteRevision[]>('notes.history', { noteId: note.id })).length).toBe(1);
    const r = await t.core.invoke('notes.edit', { noteId: note.id, body: 'x'.repeat(64 * 1024 + 1) });
    expect(!r.ok && r.error.code).toBe('too_large');
    expect(t.core.db.prepare('SELECT body FROM notes').pluck().get()).toBe('same');
  });
});

describe('notes.list, pin and share', () => {
  it('pages newest first with keyset cursors, and centres a page on a note', async () => {
    const { t, incident, call } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      ids.push((await call<Note>('notes.append', { incidentId: incident.id, body: `n${i}` })).id);
      if (i % 3 === 0) t.clock.advance(1000); // some notes share a millisecond: order still stable
    }
    const latest = await call<NotePage>('notes.list', { incidentId: incident.id, limit: 10 });
    expect(latest.items.map((n) => n.body)).toEqual(Array.from({ length: 10 }, (_, i) => `n${15 + i}`));
    expect([latest.hasBefore, latest.hasAfter, latest.timeZone]).toEqual([true, false, 'UTC']);
    const older = await call<NotePage>('notes.list', {
      incidentId: incident.id,
      limit: 10,
      before: latest.items[0]!.cursor,
    });
    expect(older.items.map((n) => n.body)[0]).toBe('n5');
    const oldest = await call<NotePage>('notes.list', {
      incidentId: incident.id,
      limit: 10,
      before: older.items[0]!.cursor,
    });
    expect(oldest.items.map((n) => n.body)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    expect(oldest.hasBefore).toBe(false);
    const after = await call<NotePage>('notes.list', {
      incidentId: incident.id,
      limit: 3,
      after: oldest.items[4]!.cursor,
    });
    expect(after.items.map((n) => n.body)).toEqual(['n5', 'n6', 'n7']);
    const around = await call<NotePage>('notes.list', { incidentId: incident.id, limit: 5, around: ids[12] });
    expect(around.items.map((n) => n.body)).toEqual(['n10', 'n11', 'n12', 'n13', 'n14']);
    expect([around.hasBefore, around.hasAfter]).toEqual([true, true]);
  });

  it('pins, and shares an existing note once per target', async () => {
    const { t, incident, call } = await setup();
    const note = await call<Note>('notes.append', {
      incidentId: incident.id,
      body: 'Status: degraded',
      kind: 'status',
    });
    expect((await call<Note>('notes.pin', { noteId: note.id, pinned: true })).pinned).toBe(true);
    const shared = await call<Note>('notes.share', { noteId: note.id, slack: true });
    expect(shared.shares.map((s) => s.vendor)).toEqual(['slack']);
    const again = await call<Note>('notes.share', { noteId: note.id, slack: true, pagerduty: true });
    expect(again.shares.map((s) => s.vendor)).toEqual(['slack', 'pagerduty']);
    expect(t.core.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(2);
    const missing = await t.core.invoke('notes.pin', { noteId: 'nope', pinned: true });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });
});
