// Notes are signed with the roster person marked "me", not with their id; with nobody marked, the author is
// null like every other entry's actor (it was 'me', from a 'profile.name' setting nothing writes).
import { expect, it } from 'vitest';
import type { Note } from '../../src/shared/notes';
import { callOf, cleanAfterEach, testCore } from '../helpers/core';

const fresh = cleanAfterEach(testCore);

it('signs notes with the name of the person marked "me", and with null before anyone is', async () => {
  const t = fresh();
  const call = callOf(t.core);
  const { id: incidentId } = await call<{ id: string }>('incidents.declare', { title: 'Author check' });
  const before = await call<Note>('notes.append', { incidentId, body: 'first' });
  expect(before.author).toBeNull();
  // What the other panes read: the note's timeline entry and the notes list carry no author either.
  const entries = await call<{ items: Array<{ refId: string | null; actor: string | null }> }>('timeline.list', {
    incidentId,
  });
  expect(entries.items.find((e) => e.refId === before.id)?.actor).toBeNull();
  const listed = await call<{ items: Note[] }>('notes.list', { incidentId });
  expect(listed.items.find((n) => n.id === before.id)?.author).toBeNull();

  const ada = await call<{ id: string }>('people.save', { name: 'Ada Lovelace', timezone: 'Europe/London' });
  await call('people.setMe', { personId: ada.id });
  const after = await call<Note>('notes.append', { incidentId, body: 'second' });
  expect(after.author).toBe('Ada Lovelace');
});
