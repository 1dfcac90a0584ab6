// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../src/renderer/src/api/client';
import { connectEvents } from '../../src/renderer/src/events';
import { DebtBanner } from '../../src/renderer/src/features/report/DebtBanner';
import { ReportPanel } from '../../src/renderer/src/features/report/ReportPanel';
import { useReport } from '../../src/renderer/src/features/report/store';
import { coreApi } from '../helpers/coreApi';
import { addEntry, declare, reportCore } from '../helpers/report';

let t: ReturnType<typeof reportCore>;
let disconnect: () => void;

beforeEach(() => {
  t = reportCore();
  const api = coreApi(t.core);
  setApi(api);
  disconnect = connectEvents(api);
  useReport.setState({ views: {}, error: null, warnings: null, exported: null, exportError: null, debt: [], snoozedUntil: 0 });
});
afterEach(() => {
  cleanup();
  disconnect();
  t.cleanup();
});

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('ReportPanel', () => {
  it('shows the proposal marked as such, and Accept puts it in the report', async () => {
    const inc = await declare(t.core);
    addEntry(t.core, inc.id, { at: T0 + 60_000, kind: 'finding', body: 'Node pool full' });
    render(<ReportPanel incidentId={inc.id} />);
    const proposal = await screen.findByLabelText('Proposed What Happened');
    expect(proposal.textContent).toContain('Proposed by Conn');
    expect(proposal.textContent).toContain('Finding: Node pool full');
    await act(async () => fireEvent.click(within(proposal).getByRole('button', { name: 'Accept' })));
    await waitFor(() => expect(screen.queryByLabelText('Proposed What Happened')).toBeNull());
    const stored = t.core.db.prepare('SELECT what_happened FROM report_drafts').pluck().get();
    expect(stored).toBe('- 2026-11-26 12:01 — Finding: Node pool full');
  });

  it('saves a section on blur, validates issue links, and shows warnings when moving to Reviewed', async () => {
    const inc = await declare(t.core);
    render(<ReportPanel incidentId={inc.id} />);
    const lucky = await screen.findByRole('textbox', { name: 'Where we got lucky' });
    fireEvent.change(lucky, { target: { value: 'It happened <b>during</b> office hours.' } });
    await act(async () => fireEvent.blur(lucky));
    await waitFor(() => expect(t.core.db.prepare('SELECT lucky FROM report_drafts').pluck().get()).toBe('It happened <b>during</b> office hours.'));

    fireEvent.change(screen.getByLabelText('New item: what needs to happen'), { target: { value: 'Alert on quota' } });
    fireEvent.change(screen.getByLabelText('New item: GitHub issue'), { target: { value: 'https://gitlab.com/x/y/issues/1' } });
    expect(screen.getByText(/Use a link like/)).toBeTruthy();
    expect((screen.getByRole('button', { name: /Add/ }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('New item: GitHub issue'), { target: { value: '' } });
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'Add an action item' })));
    await waitFor(() => expect(screen.getByDisplayValue('Alert on quota')).toBeTruthy());

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reviewed' })));
    const warnings = await screen.findByRole('status', { name: 'Review warnings' });
    expect(warnings.textContent).toContain('has no GitHub issue linked');
    expect(warnings.textContent).toContain('impact end time is missing');
    expect(screen.getByRole('button', { name: 'Reviewed' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps the typed text when a save fails', async () => {
    const inc = await declare(t.core);
    render(<ReportPanel incidentId={inc.id} />);
    const area = await screen.findByRole('textbox', { name: 'Resolution' });
    fireEvent.change(area, { target: { value: 'bad \u0000 text' } });
    await act(async () => fireEvent.blur(area));
    expect(await screen.findByText(/Not saved: your text is kept here/)).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Resolution' }) as HTMLTextAreaElement).value).toBe('bad \u0000 text');
  });
});

describe('DebtBanner', () => {
  it('reminds about resolved incidents with open reports and can be snoozed', async () => {
    const inc = await declare(t.core, 'Hub down');
    t.core.db.prepare("UPDATE incidents SET status = 'resolved' WHERE id = ?").run(inc.id);
    render(<DebtBanner />);
    const banner = await screen.findByRole('region', { name: 'Reports to finish' });
    expect(banner.textContent).toContain('One resolved incident still has an open report');
    expect(banner.textContent).toContain('Hub down');
    await act(async () => fireEvent.click(within(banner).getByRole('button', { name: 'Remind me later' })));
    expect(screen.queryByRole('region', { name: 'Reports to finish' })).toBeNull();
  });
});
