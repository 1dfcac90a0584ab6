// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../src/renderer/src/api/client';
import { connectEvents } from '../../src/renderer/src/events';
import { IncidentsScreen } from '../../src/renderer/src/features/incidents/IncidentsScreen';
import { useIncidents } from '../../src/renderer/src/features/incidents/store';
import { coreApi } from '../helpers/coreApi';
import { testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
let disconnect: () => void;

beforeEach(() => {
  t = testCore();
  const api = coreApi(t.core);
  setApi(api);
  disconnect = connectEvents(api);
  useIncidents.setState({ items: [], selectedId: null, error: null, declareError: null });
});
afterEach(() => {
  cleanup();
  disconnect();
  t.cleanup();
});

describe('IncidentsScreen', () => {
  it('declares an incident from the keyboard and lists it', async () => {
    render(<IncidentsScreen />);
    await screen.findByText(/No incidents yet/);
    fireEvent.keyDown(window, { key: 'n' });
    const title = await screen.findByLabelText('Title');
    expect(document.activeElement).toBe(title);
    fireEvent.change(title, { target: { value: 'Users cannot log in' } });
    fireEvent.change(screen.getByLabelText(/Hub or community/), { target: { value: 'uw-hub' } });
    await act(async () => {
      fireEvent.submit(title.closest('form')!);
    });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Users cannot log in'));
    expect(screen.getByRole('list', { name: 'Incidents' }).textContent).toContain('uw-hub');
    expect(t.core.db.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(1);
  });

  it('shows the server’s validation message and keeps what was typed', async () => {
    render(<IncidentsScreen />);
    fireEvent.keyDown(window, { key: 'n' });
    const title = await screen.findByLabelText('Title');
    fireEvent.change(title, { target: { value: 'Ticket link wrong' } });
    fireEvent.change(screen.getByLabelText(/Freshdesk ticket URL/), { target: { value: 'not a url' } });
    await act(async () => {
      fireEvent.submit(title.closest('form')!);
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/ticketUrl/);
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Ticket link wrong');
  });

  it('shows incidents declared elsewhere (another window, a script) through events', async () => {
    render(<IncidentsScreen />);
    await screen.findByText(/No incidents yet/);
    await act(async () => {
      await t.core.invoke('incidents.declare', { title: 'Declared by curl' });
    });
    expect(await screen.findByText('Declared by curl')).toBeTruthy();
  });

  it('Enter only declares: nothing is sent to a vendor', async () => {
    render(<IncidentsScreen />);
    fireEvent.keyDown(window, { key: 'n' });
    const title = await screen.findByLabelText('Title');
    fireEvent.change(title, { target: { value: 'Spawner times out' } });
    fireEvent.change(screen.getByLabelText(/Freshdesk ticket URL/), {
      target: { value: 'https://x.freshdesk.com/a/tickets/7' },
    });
    await act(async () => {
      fireEvent.keyDown(title, { key: 'Enter' });
    });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Spawner times out'));
    const [incident] = useIncidents.getState().items;
    expect(t.core.services.outbox.list({ incidentId: incident!.id })).toEqual([]);
  });

  it('Ctrl+Enter declares and runs the opening steps the dialog names, in order', async () => {
    render(<IncidentsScreen />);
    fireEvent.keyDown(window, { key: 'n' });
    const title = await screen.findByLabelText('Title');
    // The choice names what it sends before it is made.
    const sends = await screen.findByText(/Declare and send also runs:/);
    expect(sends.textContent).toBe(
      'Declare and send also runs: 1. Tell the community we are on it · 2. Open the PagerDuty incident',
    );
    expect(screen.getByRole('button', { name: /Declare and send the first steps/ })).toBeTruthy();
    fireEvent.change(title, { target: { value: 'Hub pod CrashLoopBackOff' } });
    fireEvent.change(screen.getByLabelText(/Freshdesk ticket URL/), {
      target: { value: 'https://x.freshdesk.com/a/tickets/8' },
    });
    await act(async () => {
      fireEvent.keyDown(title, { key: 'Enter', ctrlKey: true });
    });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Hub pod CrashLoopBackOff'));
    const [incident] = useIncidents.getState().items;
    await waitFor(() =>
      expect(
        t.core.services.outbox
          .list({ incidentId: incident!.id })
          .map((j) => j.kind)
          .sort(),
      ).toEqual(['freshdesk.reply', 'pagerduty.createIncident', 'slack.createChannel']),
    );
    // Each job belongs to its step, as if A had been pressed on it.
    const steps = await t.core.invoke('checklist.list', { incidentId: incident!.id });
    if (!steps.ok) throw new Error(steps.error.message);
    const state = Object.fromEntries(
      (steps.value as Array<{ stepId: string; jobs: unknown[] }>).map((st) => [st.stepId, st.jobs.length]),
    );
    expect(state).toMatchObject({ acknowledge: 1, trigger_pagerduty: 2, work_in_channel: 0 });
  });

  it('a list read while an event arrives keeps what the event brought (newer, or not yet in the list)', async () => {
    const api = coreApi(t.core);
    const older = await api.call['incidents.declare']({ title: 'Spawns fail' });
    if (!older.ok) throw new Error(older.error.message);
    // The list is read now, but its answer is held back until two events have arrived.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const list = api.call['incidents.list'];
    setApi({
      ...api,
      call: {
        ...api.call,
        'incidents.list': async (input: Parameters<typeof list>[0]) => {
          const answer = await list(input);
          await held;
          return answer;
        },
      },
    });
    const loading = useIncidents.getState().load();
    await new Promise((r) => setTimeout(r, 20));
    const declared = await api.call['incidents.declare']({ title: 'Registry slow' });
    const mitigated = await api.call['incidents.setStatus']({ incidentId: older.value.id, status: 'mitigated' });
    if (!declared.ok || !mitigated.ok) throw new Error('could not change the incidents');
    await waitFor(() => expect(useIncidents.getState().items.map((i) => i.title)).toContain('Registry slow'));
    release();
    await loading;
    const items = useIncidents.getState().items;
    expect(items.map((i) => i.title).sort()).toEqual(['Registry slow', 'Spawns fail']);
    expect(items.find((i) => i.id === older.value.id)?.status).toBe('mitigated');
  });
});
