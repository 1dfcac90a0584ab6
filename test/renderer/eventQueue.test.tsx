// @vitest-environment jsdom
// Events reach the stores after the next frame, in the order they were sent, and still arrive when frames stop.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiWithEvents, EventName } from '../../src/shared/contract';
import { connectEvents } from '../../src/renderer/src/events';
import { useNotes } from '../../src/renderer/src/features/notes/store';
import type { Note } from '../../src/shared/notes';

const note = (id: string, at: string): Note => ({
  id,
  incidentId: 'inc-1',
  kind: 'note',
  body: `body ${id}`,
  author: 'me',
  createdAt: at,
  editedAt: null,
  pinned: false,
  shares: [],
  cursor: `${Date.parse(at)}.1`,
});

function fakeApi() {
  let listener: ((name: EventName, payload: unknown) => void) | null = null;
  const api = {
    subscribe: (l: typeof listener) => ((listener = l), () => (listener = null)),
  } as unknown as ApiWithEvents;
  return { api, emit: (name: EventName, payload: unknown) => listener!(name, payload) };
}

afterEach(() => vi.unstubAllGlobals());

describe('the renderer event queue', () => {
  it('applies events after the frame, in order, even when frames never come (a hidden window)', async () => {
    vi.stubGlobal('requestAnimationFrame', () => 0); // frames never fire
    useNotes.setState({ incidentId: 'inc-1', items: [], hasAfter: false });
    const { api, emit } = fakeApi();
    const stop = connectEvents(api);
    emit('notes.appended', note('a', '2026-11-27T10:00:00.000Z'));
    emit('notes.appended', note('b', '2026-11-27T10:00:01.000Z'));
    emit('notes.changed', { ...note('a', '2026-11-27T10:00:00.000Z'), body: 'edited a' });
    // Not applied in the middle of whatever the page was doing (a keystroke)…
    expect(useNotes.getState().items).toEqual([]);
    // …but soon, in order: the edit of "a" lands on the note it follows.
    await vi.waitFor(() => expect(useNotes.getState().items.map((n) => n.id)).toEqual(['a', 'b']), { timeout: 1000 });
    expect(useNotes.getState().items[0]!.body).toBe('edited a');
    stop();
  });
});
