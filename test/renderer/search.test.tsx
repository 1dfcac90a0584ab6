// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/domain';
import { setApi } from '../../src/renderer/src/api/client';
import { useIncidents } from '../../src/renderer/src/features/incidents/store';
import { useNavigation } from '../../src/renderer/src/features/search/navigation';
import { SearchOverlay } from '../../src/renderer/src/features/search/SearchOverlay';
import { useSearch } from '../../src/renderer/src/features/search/store';
import { coreApi } from '../helpers/coreApi';
import { testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
beforeEach(() => {
  t = testCore();
  setApi(coreApi(t.core));
  useSearch.setState({ open: false, text: '', hits: [], capped: [], error: null });
});
afterEach(() => {
  cleanup();
  t.cleanup();
});

describe('SearchOverlay', () => {
  const opensWithCtrlK =
    'opens with Ctrl+K, highlights matches as text (never HTML), and Enter opens the incident at the note';
  it(opensWithCtrlK, async () => {
    const r = await t.core.invoke('incidents.declare', { title: 'Hub down' });
    if (!r.ok) throw new Error(r.error.message);
    const incident = r.value as Incident;
    const n = await t.core.invoke('notes.append', {
      incidentId: incident.id,
      body: '<img src=x onerror=alert(1)> oomkilled pods',
    });
    if (!n.ok) throw new Error(n.error.message);
    render(<SearchOverlay />);
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const input = await screen.findByLabelText('Search notes and timelines');
    fireEvent.change(input, { target: { value: 'oom' } });
    const option = await screen.findByRole('option');
    expect(option.querySelector('mark')?.textContent).toBe('oomkilled');
    expect(option.querySelector('img')).toBeNull();
    expect(option.textContent).toContain('<img src=x onerror=alert(1)>');
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    expect(useIncidents.getState().selectedId).toBe(incident.id);
    expect(useNavigation.getState().target).toMatchObject({
      incidentId: incident.id,
      tab: 'work',
      noteId: (n.value as { id: string }).id,
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says when a short prefix stood for too many words, and stops saying it once more letters narrow it', async () => {
    const r = await t.core.invoke('incidents.declare', { title: 'Hub down' });
    if (!r.ok) throw new Error(r.error.message);
    const incidentId = (r.value as Incident).id;
    for (let i = 0; i < 70; i++) await t.core.invoke('notes.append', { incidentId, body: `pod p${i}x restarted` });
    render(<SearchOverlay />);
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    const input = await screen.findByLabelText('Search notes and timelines');
    fireEvent.change(input, { target: { value: 'p' } });
    const notice = await screen.findByRole('note');
    expect(notice.textContent).toMatch(/“p…” stands for too many words: only the commonest were searched/);
    expect(notice.textContent).toMatch(/Type more letters to narrow it/);
    fireEvent.change(input, { target: { value: 'p12x' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('shows the helpful message for a syntax problem', async () => {
    render(<SearchOverlay />);
    fireEvent.keyDown(window, { key: '/' });
    const input = await screen.findByLabelText('Search notes and timelines');
    fireEvent.change(input, { target: { value: 'disk OR' } });
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/needs something to search for on both sides/),
    );
  });
});
