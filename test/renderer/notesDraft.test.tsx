// @vitest-environment jsdom
// The note box keeps what was typed: the debounced draft is saved at once on blur, page hide and incident switch,
// and the (uncontrolled) box keeps its text while notes arrive.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/domain';
import { setApi } from '../../src/renderer/src/api/client';
import { connectEvents } from '../../src/renderer/src/events';
import { NotesPanel } from '../../src/renderer/src/features/notes/NotesPanel';
import { useNotes } from '../../src/renderer/src/features/notes/store';
import { coreApi } from '../helpers/coreApi';
import { testCore } from '../helpers/core';
import { giveElementsASize } from '../helpers/jsdomLayout';

let t: ReturnType<typeof testCore>;
let api: ReturnType<typeof coreApi>;
let disconnect: () => void;
let a: Incident;
let b: Incident;

const declare = async (title: string) => {
  const r = await t.core.invoke('incidents.declare', { title });
  if (!r.ok) throw new Error(r.error.message);
  return r.value as Incident;
};

beforeEach(async () => {
  giveElementsASize();
  t = testCore();
  api = coreApi(t.core);
  setApi(api);
  disconnect = connectEvents(api);
  useNotes.setState({ incidentId: null, items: [], draft: '', saveError: null });
  a = await declare('Hub down');
  b = await declare('Login slow');
});
afterEach(() => {
  cleanup();
  disconnect();
  t.cleanup();
});

const box = () => screen.getByLabelText('Note') as HTMLTextAreaElement;
const saves = () => api.calls.filter((c) => c === 'notes.saveDraft').length;
const draftIn = (incidentId: string) =>
  t.core.db.prepare('SELECT body FROM note_drafts WHERE incident_id = ?').pluck().get(incidentId) as string | undefined;

describe('note box drafts', () => {
  it('saves the draft as soon as the box loses focus, without waiting for the debounce', async () => {
    render(<NotesPanel incidentId={a.id} />);
    await screen.findByText(/No notes yet/);
    fireEvent.change(box(), { target: { value: 'pods OOMKilled' } });
    const before = saves();
    fireEvent.blur(box());
    // Issued on blur itself, not by the 400 ms timer.
    expect(saves()).toBe(before + 1);
    await waitFor(() => expect(draftIn(a.id)).toBe('pods OOMKilled'));
  });

  it('saves the draft when the page is hidden (reload, close)', async () => {
    render(<NotesPanel incidentId={a.id} />);
    await screen.findByText(/No notes yet/);
    fireEvent.change(box(), { target: { value: 'about to reload' } });
    const before = saves();
    window.dispatchEvent(new Event('pagehide'));
    expect(saves()).toBe(before + 1);
    await waitFor(() => expect(draftIn(a.id)).toBe('about to reload'));
  });

  it('keeps the draft of the incident being left, and shows it again on return', async () => {
    const { rerender } = render(<NotesPanel incidentId={a.id} />);
    await screen.findByText(/No notes yet/);
    fireEvent.change(box(), { target: { value: 'half a thought' } });
    rerender(<NotesPanel incidentId={b.id} />);
    await waitFor(() => expect(draftIn(a.id)).toBe('half a thought'));
    await waitFor(() => expect(useNotes.getState().incidentId).toBe(b.id));
    expect(box().value).toBe('');
    expect(draftIn(b.id)).toBeUndefined();
    rerender(<NotesPanel incidentId={a.id} />);
    await waitFor(() => expect(box().value).toBe('half a thought'));
  });

  it('leaves the text being typed alone while notes arrive, and clears it once sent', async () => {
    render(<NotesPanel incidentId={a.id} />);
    await screen.findByText(/No notes yet/);
    fireEvent.change(box(), { target: { value: 'still typing' } });
    await act(async () => {
      await t.core.invoke('notes.append', { incidentId: a.id, body: 'written by someone else' });
    });
    expect(await screen.findByText('written by someone else')).toBeTruthy();
    expect(box().value).toBe('still typing');
    expect(useNotes.getState().draft).toBe('still typing');
    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter' });
    });
    await waitFor(() => expect(box().value).toBe(''));
    expect(t.core.db.prepare('SELECT body FROM notes ORDER BY seq').pluck().all()).toEqual([
      'written by someone else',
      'still typing',
    ]);
  });

  it('enables Save only when there is text, and shows the size meter near the limit', async () => {
    render(<NotesPanel incidentId={a.id} />);
    await screen.findByText(/No notes yet/);
    const save = screen.getByRole('button', { name: /Save/ }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.change(box(), { target: { value: '   ' } });
    expect(save.disabled).toBe(true);
    fireEvent.change(box(), { target: { value: 'x' } });
    expect(save.disabled).toBe(false);
    fireEvent.change(box(), { target: { value: 'é'.repeat(20 * 1024) } });
    expect(screen.getByText('40 KiB of 64 KiB')).toBeTruthy();
  });

  const emptiesTheBoxOn =
    'empties the box on Enter so the next note can be typed while one saves; a failed save puts its text back first';
  it(emptiesTheBoxOn, async () => {
    render(<NotesPanel incidentId={a.id} />);
    await screen.findByText(/No notes yet/);
    const calls = api.call as unknown as Record<string, (input: unknown) => Promise<unknown>>;
    const realAppend = calls['notes.append']!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    calls['notes.append'] = async () => {
      await gate;
      return { ok: false, error: { code: 'busy', message: 'The database is busy. Not saved yet; try again.' } };
    };
    fireEvent.change(box(), { target: { value: 'first note' } });
    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter' });
    });
    expect(box().value).toBe('');
    fireEvent.change(box(), { target: { value: 'second, typed during the save' } });
    await act(async () => {
      release();
      await gate;
    });
    await waitFor(() => expect(box().value).toBe('first note\nsecond, typed during the save'));
    expect(screen.getByRole('alert').textContent).toMatch(/busy/);
    calls['notes.append'] = realAppend;
  });
});
