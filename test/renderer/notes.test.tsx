// @vitest-environment jsdom
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
let incident: Incident;

beforeEach(async () => {
  giveElementsASize();
  t = testCore();
  api = coreApi(t.core);
  setApi(api);
  disconnect = connectEvents(api);
  useNotes.setState({ incidentId: null, items: [], draft: '', saveError: null });
  const r = await t.core.invoke('incidents.declare', { title: 'Hub down' });
  incident = r.ok ? (r.value as Incident) : (undefined as never);
});
afterEach(() => {
  cleanup();
  disconnect();
  t.cleanup();
});

const box = () => screen.getByLabelText('Note') as HTMLTextAreaElement;
const notesInDb = () => t.core.db.prepare('SELECT kind, body FROM notes ORDER BY seq').all();

describe('NotesPanel', () => {
  it('saves on Enter, adds a line on Shift+Enter, picks the kind with Alt+digit', async () => {
    render(<NotesPanel incidentId={incident.id} />);
    await screen.findByText(/No notes yet/);
    fireEvent.change(box(), { target: { value: 'first line' } });
    fireEvent.keyDown(box(), { key: 'Enter', shiftKey: true });
    expect(notesInDb()).toEqual([]);
    fireEvent.keyDown(box(), { key: '4', code: 'Digit4', altKey: true });
    expect(screen.getByRole('radio', { name: 'Decision' }).getAttribute('aria-checked')).toBe('true');
    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter' });
    });
    await waitFor(() => expect(notesInDb()).toEqual([{ kind: 'decision', body: 'first line' }]));
    await waitFor(() => expect(box().value).toBe(''));
    expect(await screen.findByText('first line')).toBeTruthy();
  });

  it('refuses an oversized note with a clear message and keeps the text, also across a restart', async () => {
    render(<NotesPanel incidentId={incident.id} />);
    await screen.findByText(/No notes yet/);
    const big = 'y'.repeat(64 * 1024 + 10);
    fireEvent.change(box(), { target: { value: big } });
    await act(async () => {
      fireEvent.keyDown(box(), { key: 'Enter' });
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/limit is 64 KiB.*your text is kept/);
    expect(box().value).toBe(big);
    expect(notesInDb()).toEqual([]);
    // The debounced draft reaches the database, so a crash now would not lose it.
    await waitFor(
      () => expect(t.core.db.prepare('SELECT length(body) FROM note_drafts').pluck().get()).toBe(big.length),
      { timeout: 3000 },
    );
    cleanup();
    useNotes.setState({ incidentId: null, items: [], draft: '' });
    render(<NotesPanel incidentId={incident.id} />);
    await waitFor(() => expect(box().value).toBe(big));
  });

  it('shows notes written elsewhere through events, without reloading the list, and share status', async () => {
    render(<NotesPanel incidentId={incident.id} />);
    await screen.findByText(/No notes yet/);
    const listCalls = api.calls.filter((c) => c === 'notes.list').length;
    await act(async () => {
      await t.core.invoke('notes.append', { incidentId: incident.id, body: 'from a script', share: { slack: true } });
    });
    expect(await screen.findByText('from a script')).toBeTruthy();
    expect(screen.getByText(/Slack: queued: not connected/)).toBeTruthy();
    expect(api.calls.filter((c) => c === 'notes.list').length).toBe(listCalls);
  });

  it('renders a command note monospace with its whitespace', async () => {
    await t.core.invoke('notes.append', {
      incidentId: incident.id,
      body: '$ kubectl get pods\nNAME   READY\nweb-1  1/1',
      kind: 'command',
    });
    const { container } = render(<NotesPanel incidentId={incident.id} />);
    await waitFor(() =>
      expect(container.querySelector('pre.note-command')?.textContent).toBe(
        '$ kubectl get pods\nNAME   READY\nweb-1  1/1',
      ),
    );
  });
});
