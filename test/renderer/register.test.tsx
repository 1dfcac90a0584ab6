// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../src/renderer/src/api/client';
import { RegisterScreen } from '../../src/renderer/src/features/register/RegisterScreen';
import { useRegister } from '../../src/renderer/src/features/register/store';
import { useNavigation } from '../../src/renderer/src/features/search/navigation';
import { DEFAULT_REGISTRY_DIR } from '../simulators/hubs';
import { coreApi } from '../helpers/coreApi';
import { declare, reportCore, updateReport } from '../helpers/report';

let t: ReturnType<typeof reportCore>;
beforeEach(() => {
  t = reportCore();
  setApi(coreApi(t.core));
  useRegister.setState({
    filter: {},
    register: null,
    error: null,
    pdDebt: null,
    backfillError: null,
    backfilling: null,
  });
});
afterEach(() => {
  cleanup();
  t.cleanup();
});

describe('RegisterScreen', () => {
  it('lists incidents with their figures and a month chart, filters by hub, and opens an incident', async () => {
    const a = await declare(t.core, 'Servers do not start', 'uw-hub');
    await declare(t.core, 'Slow logins', 'ocean-data');
    await updateReport(t.core, a.id, { impactEnd: new Date(Date.parse(a.declaredAt) + 50 * 60_000).toISOString() });
    const open = vi.fn();
    render(<RegisterScreen onOpenIncident={open} />);
    const row = await screen.findByRole('row', { name: /Servers do not start/ });
    expect(row.textContent).toContain('uw-hub');
    expect(row.textContent).toContain('50m');
    expect(screen.getByRole('row', { name: /Slow logins/ }).textContent).toContain('ongoing or no end');
    expect(screen.getByRole('img', { name: 'Incidents per month' }).textContent).toContain('2');

    fireEvent.change(screen.getByLabelText('Hub'), { target: { value: 'ocean-data' } });
    await waitFor(() => expect(screen.queryByRole('row', { name: /Servers do not start/ })).toBeNull());
    expect(screen.getByRole('row', { name: /Slow logins/ })).toBeTruthy();

    await act(async () =>
      fireEvent.click(
        within(screen.getByRole('row', { name: /Slow logins/ })).getByRole('button', { name: 'Slow logins' }),
      ),
    );
    expect(open).toHaveBeenCalledWith(expect.any(String));
    expect(open.mock.calls[0]![0]).not.toBe(a.id);
  });

  it('filters by cluster of the scope and by runbook', async () => {
    const r = await t.core.invoke('registry.import', { folder: DEFAULT_REGISTRY_DIR });
    expect(r.ok).toBe(true);
    const seaweed = await t.core.invoke('incidents.declare', {
      title: 'Seaweed servers down',
      hub: 'ocean-data',
      scope: { kind: 'cluster', value: 'seaweed' },
    });
    expect(seaweed.ok).toBe(true);
    const other = await declare(t.core, 'Slow logins', 'uw-hub');
    render(<RegisterScreen onOpenIncident={() => {}} />);
    await screen.findByRole('row', { name: /Slow logins/ });
    fireEvent.change(screen.getByLabelText('Cluster'), { target: { value: 'seaweed' } });
    await waitFor(() => expect(screen.queryByRole('row', { name: /Slow logins/ })).toBeNull());
    expect(screen.getByRole('row', { name: /Seaweed servers down/ })).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Cluster'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Runbook'), { target: { value: 'no-such-runbook' } });
    expect(await screen.findByText('No incidents match.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Runbook'), { target: { value: other.runbookId } });
    expect(await screen.findByRole('row', { name: /Slow logins/ })).toBeTruthy();
  });

  it('opens the timeline at the entry a figure came from', async () => {
    const a = await declare(t.core, 'Servers do not start', 'uw-hub');
    const declared = Date.parse(a.declaredAt);
    const insert = t.core.db.prepare(
      `INSERT INTO timeline_events (id, incident_id, at, source, kind, body, actor, summary, in_report, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, NULL, 1, ?)`,
    );
    const entry = (id: string, min: number, source: string, kind: string, body = '') =>
      insert.run(id, a.id, declared + min * 60_000, source, kind, body, declared + min * 60_000);
    entry('ev-pd', 1, 'pagerduty', 'log.trigger', 'Triggered: P2');
    entry('ev-chan', 2, 'slack', 'message', 'channel is up');
    entry('ev-ack', 4, 'pagerduty', 'log.acknowledge', 'Acknowledged');
    entry('ev-reply', 7, 'freshdesk', 'conversation.reply', 'We are on it');
    const open = vi.fn();
    render(<RegisterScreen onOpenIncident={open} />);
    const row = await screen.findByRole('row', { name: /Servers do not start/ });
    const official = within(row).getByRole('button', { name: /^Official start 7m: open its evidence/ });
    expect(official.textContent).toBe('7m');
    // The "time to" figures stand under their own headings (official start with its four numbered evidence links).
    const headings = screen.getAllByRole('columnheader').map((h) => h.textContent);
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    const under = (heading: string) => cells[headings.indexOf(heading)];
    expect([under('First reply'), under('Official start'), under('Resolved after')]).toEqual(['7m', '7m1234', '—']);
    await act(async () => fireEvent.click(official));
    expect(open).toHaveBeenCalledWith(a.id);
    expect(useNavigation.getState().target).toMatchObject({ incidentId: a.id, tab: 'timeline', entryId: 'ev-reply' });
    await act(async () =>
      fireEvent.click(within(row).getByRole('button', { name: /^Official start: evidence 3 of 4/ })),
    );
    expect(useNavigation.getState().target?.entryId).toBe('ev-ack');
    await act(async () =>
      fireEvent.click(within(row).getByRole('button', { name: /^Severity P2: open its evidence/ })),
    );
    expect(useNavigation.getState().target?.entryId).toBe('ev-pd');
  });

  it('opens the report from the figures the report states: impact start, duration and its state', async () => {
    const a = await declare(t.core, 'Servers do not start', 'uw-hub');
    await updateReport(t.core, a.id, { impactEnd: new Date(Date.parse(a.declaredAt) + 50 * 60_000).toISOString() });
    const open = vi.fn();
    render(<RegisterScreen onOpenIncident={open} />);
    const row = await screen.findByRole('row', { name: /Servers do not start/ });
    for (const name of [
      /^Impact start: open the report/,
      /^Duration 50m: open the report/,
      /^Report: open the report/,
    ]) {
      useNavigation.setState({ target: null });
      open.mockClear();
      await act(async () => fireEvent.click(within(row).getByRole('button', { name })));
      expect(open).toHaveBeenCalledWith(a.id);
      expect(useNavigation.getState().target).toMatchObject({ incidentId: a.id, tab: 'report', entryId: null });
    }
  });

  it('says what to do when PagerDuty is not connected for the past-incident list', async () => {
    render(<RegisterScreen onOpenIncident={() => {}} />);
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: /PagerDuty incidents without a report/ })),
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Connect PagerDuty first');
  });
});
