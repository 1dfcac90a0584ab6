// @vitest-environment jsdom
// The composer and banner against a real core: placeholders block sending, a failed send keeps the
// text, a tray/notification request opens the composer.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../src/renderer/src/api/client';
import { connectEvents } from '../../src/renderer/src/events';
import { useIncidents } from '../../src/renderer/src/features/incidents/store';
import { RemindersHost } from '../../src/renderer/src/features/reminders/RemindersHost';
import { useReminders } from '../../src/renderer/src/features/reminders/store';
import { useUpdates } from '../../src/renderer/src/features/updates/store';
import type { Incident } from '../../src/shared/domain';
import { coreApi } from '../helpers/coreApi';
import { testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
let disconnect: () => void;
let incident: Incident;

beforeEach(async () => {
  t = testCore();
  const api = coreApi(t.core);
  setApi(api);
  disconnect = connectEvents(api);
  useUpdates.setState({ incidentId: null, draftsOf: null, drafts: {}, sent: null, error: null });
  useReminders.setState({ overview: null, latest: null });
  const r = await t.core.invoke('incidents.declare', { title: 'Hub down', hub: 'uw' });
  if (!r.ok) throw new Error(r.error.message);
  incident = r.value as Incident;
  useIncidents.setState({ items: [incident], selectedId: null });
});
afterEach(() => {
  cleanup();
  disconnect();
  t.cleanup();
});

describe('update composer', () => {
  it('opens on a ui.actionRequested event, blocks sending until placeholders are gone, then sends', async () => {
    render(<RemindersHost />);
    await act(async () => {
      t.core.bus.emit('ui.actionRequested', { action: 'openComposer', incidentId: incident.id });
    });
    const box = (await screen.findByRole('textbox')) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toContain('"Hub down" on uw'));
    expect(useIncidents.getState().selectedId).toBe(incident.id);
    const send = screen.getByRole('button', { name: /Send update/ }) as HTMLButtonElement;
    // Looks disabled and says why (a disabled button could not be focused or explain itself).
    expect(send.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('status').textContent).toContain('{{current_state}}');
    expect(document.getElementById('send-blocked-reason')?.textContent).toMatch(
      /fill or remove \{\{current_state\}\}.*line \d+/,
    );
    // Ctrl+Enter while blocked sends nothing and shows the reason as an alert.
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    });
    expect(screen.getByRole('alert').textContent).toMatch(/Not sent yet/);
    expect(t.core.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(0);

    fireEvent.change(box, { target: { value: 'We found it. {{whoever}}' } });
    expect(document.querySelector('code.ph-unknown')?.textContent).toBe('{{whoever}}');
    fireEvent.change(box, { target: { value: 'We found the cause and are fixing it.' } });
    expect(send.getAttribute('aria-disabled')).toBe('false');
    await act(async () => {
      fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    });
    await screen.findByText(/Queued for the ticket, Slack and PagerDuty \(3 messages\)/);
    expect(t.core.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(3);
  });

  it('keeps the typed text and says why when sending fails', async () => {
    render(<RemindersHost />);
    await act(async () => {
      await useUpdates.getState().open(incident.id);
    });
    const box = (await screen.findByRole('textbox')) as HTMLTextAreaElement;
    fireEvent.change(box, { target: { value: 'Carefully written update' } });
    t.core.db.exec("UPDATE incidents SET status = 'closed'");
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /Send update/ }));
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(/closed.*Your text is still here/);
    expect(box.value).toBe('Carefully written update');
  });
});

describe('reminder banner', () => {
  it('shows nothing while the update is far off, then the due state with snooze buttons', async () => {
    render(<RemindersHost />);
    await act(async () => {
      await useReminders.getState().load();
    });
    expect(screen.queryByRole('status', { name: 'Reminder' })).toBeNull();
    t.clock.advance(175 * 60_000);
    await act(async () => {
      await useReminders.getState().load();
    });
    const banner = screen.getByRole('status', { name: 'Reminder' });
    expect(banner.className).toContain('state-due_soon');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '15 min' }));
    });
    await waitFor(() => expect(screen.getByRole('status', { name: 'Reminder' }).textContent).toContain('snoozed'));
  });
});
