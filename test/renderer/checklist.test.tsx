// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../src/renderer/src/api/client';
import { connectEvents } from '../../src/renderer/src/events';
import { ChecklistPanel } from '../../src/renderer/src/features/checklist/ChecklistPanel';
import { useChecklist } from '../../src/renderer/src/features/checklist/store';
import { coreApi } from '../helpers/coreApi';
import { call } from '../helpers/call';
import { testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
let disconnect: () => void;
let incidentId: string;

beforeEach(async () => {
  t = testCore();
  const api = coreApi(t.core);
  setApi(api);
  useChecklist.setState({ steps: {}, selected: {}, error: null, busy: false });
  incidentId = (
    await call(t.core, 'incidents.declare', { title: 'Hub down', ticketUrl: 'https://x.freshdesk.com/a/tickets/1' })
  ).id;
  disconnect = connectEvents(api);
});
afterEach(() => {
  cleanup();
  disconnect();
  t.cleanup();
});

const heading = () => screen.getByRole('article', { name: 'Current step' }).querySelector('h3')!.textContent;

describe('ChecklistPanel', () => {
  it('completes with c and follows the work to the next step; shortcuts are ignored while typing', async () => {
    render(<ChecklistPanel incidentId={incidentId} />);
    await waitFor(() => expect(heading()).toBe('Tell the community we are on it'));
    await act(async () => {
      fireEvent.keyDown(window, { key: 'c' });
    });
    await waitFor(() => expect(heading()).toBe('Open the PagerDuty incident'));
    await act(async () => {
      fireEvent.keyDown(window, { key: 'b' });
    });
    const reason = screen.getByLabelText('What is blocking it?');
    // typing "c" in the reason field must not complete anything
    await act(async () => {
      fireEvent.keyDown(reason, { key: 'c' });
    });
    expect((await call(t.core, 'checklist.list', { incidentId }))[1]!.state).toBe('todo');
    fireEvent.change(reason, { target: { value: 'no PagerDuty access' } });
    await act(async () => {
      fireEvent.submit(reason.closest('form')!);
    });
    await waitFor(() =>
      expect(screen.getByRole('article', { name: 'Current step' }).textContent).toContain(
        'Blocked: no PagerDuty access',
      ),
    );
  });

  const showsAChangeMade =
    'shows a change made in another window, and a stale click gets a clear conflict without losing the typed reason';
  it(showsAChangeMade, async () => {
    render(<ChecklistPanel incidentId={incidentId} />);
    await waitFor(() => expect(heading()).toBe('Tell the community we are on it'));
    await act(async () => {
      fireEvent.keyDown(window, { key: 's' });
    });
    const reason = screen.getByLabelText('Why skip this step?');
    fireEvent.change(reason, { target: { value: 'told them by phone' } });
    // another window completes the step behind our back, and its event is delayed: simulate a stale view
    disconnect();
    await call(t.core, 'checklist.complete', { incidentId, stepId: 'acknowledge' });
    await act(async () => {
      fireEvent.submit(reason.closest('form')!);
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/changed elsewhere/);
    expect((screen.getByLabelText('Why skip this step?') as HTMLInputElement).value).toBe('told them by phone');
    expect(screen.getByRole('article', { name: 'Current step' }).textContent).toContain('Done');
  });

  const aSentActionShows =
    "a sent action shows 'Sent · Send again…'; A then asks, naming the vendor effect, and sends nothing by itself";
  it(aSentActionShows, async () => {
    render(<ChecklistPanel incidentId={incidentId} />);
    await waitFor(() => expect(heading()).toBe('Tell the community we are on it'));
    await act(async () => {
      fireEvent.keyDown(window, { key: 'a' });
    });
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Requests for this step' }).textContent).toMatch(/queued/),
    );
    // The vendor took it (as the dispatcher would record it).
    t.core.db.prepare("UPDATE outbox_jobs SET state = 'sent' WHERE incident_id = ?").run(incidentId);
    await act(async () => {
      for (const j of t.core.services.outbox.list({ incidentId })) t.core.bus.emit('outbox.changed', j);
    });
    const card = screen.getByRole('article', { name: 'Current step' });
    await waitFor(() => expect(card.textContent).toMatch(/Sent .*· Send again…/));
    expect(screen.queryByRole('button', { name: /Reply on the ticket/ })).toBeNull();
    await act(async () => {
      fireEvent.keyDown(window, { key: 'a' });
    });
    const dialog = await screen.findByRole('dialog', { name: 'Send again?' });
    expect(dialog.textContent).toContain('e-mail another public reply to the requester on the Freshdesk ticket');
    expect(t.core.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(1);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send again' }));
    });
    await waitFor(() => expect(t.core.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(2));
  });
});
