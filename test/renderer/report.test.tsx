// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setApi } from '../../src/renderer/src/api/client';
import { connectEvents } from '../../src/renderer/src/events';
import { DebtBanner } from '../../src/renderer/src/features/report/DebtBanner';
import { ReportPanel } from '../../src/renderer/src/features/report/ReportPanel';
import { useReport } from '../../src/renderer/src/features/report/store';
import { useNavigation } from '../../src/renderer/src/features/search/navigation';
import { coreApi } from '../helpers/coreApi';
import { addEntry, declare, reportCore } from '../helpers/report';

let t: ReturnType<typeof reportCore>;
let disconnect: () => void;

beforeEach(() => {
  t = reportCore();
  const api = coreApi(t.core);
  setApi(api);
  disconnect = connectEvents(api);
  useReport.setState({
    views: {},
    error: null,
    warnings: null,
    exported: null,
    exportError: null,
    debt: [],
    snoozedUntil: 0,
    factCheck: null,
  });
});
afterEach(() => {
  cleanup();
  disconnect();
  t.cleanup();
});

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

describe('ReportPanel', () => {
  it('shows the first page of a long timeline and loads the rest on Show more', async () => {
    const inc = await declare(t.core);
    for (let i = 0; i < 260; i++)
      addEntry(t.core, inc.id, { at: T0 + (i + 1) * 1000, kind: 'finding', body: `step ${i}` });
    render(<ReportPanel incidentId={inc.id} />);
    expect(await screen.findByText('step 198')).toBeTruthy();
    expect(screen.queryByText('step 259')).toBeNull();
    expect(screen.getByText(/Showing 200 of 261 entries/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show more' })));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull(), { timeout: 5000 });
    expect(screen.getByText('step 259')).toBeTruthy();
    expect(screen.getAllByText('step 100')).toHaveLength(1);
  });

  it('shows the proposal marked as such, and Accept puts it in the report', async () => {
    const inc = await declare(t.core);
    addEntry(t.core, inc.id, { at: T0 + 60_000, kind: 'finding', body: 'Node pool full' });
    render(<ReportPanel incidentId={inc.id} />);
    const proposal = await screen.findByLabelText('Proposed What Happened');
    expect(proposal.textContent).toContain('Proposed by Conn');
    expect(proposal.textContent).toContain('At 12:01, a finding was recorded: Node pool full.');
    await act(async () => fireEvent.click(within(proposal).getByRole('button', { name: 'Accept' })));
    await waitFor(() => expect(screen.queryByLabelText('Proposed What Happened')).toBeNull());
    const stored = t.core.db.prepare('SELECT what_happened FROM report_drafts').pluck().get() as string;
    expect(stored).toContain('At 12:01, a finding was recorded: Node pool full. [^e:');
    expect(await screen.findByText(/follows the record until you change it/)).toBeTruthy();
  });

  const savesASectionOn =
    'saves a section on blur, validates issue links; Reviewed shows the fact check, and an override marks it with ' +
    'warnings';
  it(savesASectionOn, async () => {
    const inc = await declare(t.core);
    render(<ReportPanel incidentId={inc.id} />);
    const lucky = await screen.findByRole('textbox', { name: 'Where we got lucky' });
    fireEvent.change(lucky, { target: { value: 'It happened <b>during</b> office hours.' } });
    await act(async () => fireEvent.blur(lucky));
    await waitFor(() =>
      expect(t.core.db.prepare('SELECT lucky FROM report_drafts').pluck().get()).toBe(
        'It happened <b>during</b> office hours.',
      ),
    );

    fireEvent.change(screen.getByLabelText('New item: what needs to happen'), { target: { value: 'Alert on quota' } });
    fireEvent.change(screen.getByLabelText('New item: GitHub issue'), {
      target: { value: 'https://gitlab.com/x/y/issues/1' },
    });
    expect(screen.getByText(/Use a link like/)).toBeTruthy();
    expect((screen.getByRole('button', { name: /Add/ }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('New item: GitHub issue'), { target: { value: '' } });
    await act(async () => fireEvent.submit(screen.getByRole('form', { name: 'Add an action item' })));
    await waitFor(() => expect(screen.getByDisplayValue('Alert on quota')).toBeTruthy());

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reviewed' })));
    const check = await screen.findByRole('region', { name: 'Fact check' });
    expect(check.textContent).toMatch(/Not marked Reviewed: the fact check has \d+ open findings/);
    expect(check.textContent).toContain('Action item “Alert on quota” has no GitHub issue.');
    expect(screen.getByRole('button', { name: 'Reviewed' }).getAttribute('aria-pressed')).toBe('false');
    const override = within(check).getByRole('button', { name: 'Override and mark Reviewed' }) as HTMLButtonElement;
    expect(override.disabled).toBe(true);
    fireEvent.change(within(check).getByRole('textbox'), { target: { value: 'Reviewed in the retro call' } });
    await act(async () => fireEvent.click(override));
    const warnings = await screen.findByRole('status', { name: 'Review warnings' });
    expect(screen.queryByRole('region', { name: 'Fact check' })).toBeNull();
    expect(
      t.core.db.prepare("SELECT body FROM timeline_entries WHERE kind = 'report_check_overridden'").pluck().get(),
    ).toMatch(/Reason: Reviewed in the retro call$/);
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

describe('citations and the fact check', () => {
  it('shows each citation as a link that opens its entry on the timeline', async () => {
    const inc = await declare(t.core);
    const finding = addEntry(t.core, inc.id, { at: T0 + 60_000, kind: 'finding', body: 'Node pool full' });
    render(<ReportPanel incidentId={inc.id} />);
    const proposal = await screen.findByLabelText('Proposed What Happened');
    // The summary and the story both cite the finding: the same number each time.
    const cites = within(proposal).getAllByRole('button', { name: 'Source: 2026-11-26 12:01: Node pool full' });
    expect(new Set(cites.map((c) => c.textContent)).size).toBe(1);
    const cite = cites[0]!;
    expect(cite.textContent).toMatch(/^\d+$/);
    expect(proposal.textContent).not.toContain('[^e:');
    fireEvent.click(cite);
    expect(useNavigation.getState().target).toMatchObject({ incidentId: inc.id, tab: 'timeline', entryId: finding });
  });

  const listsFindingsOnDemand =
    'lists findings on demand, links each to its place and the nearest entries, and clears them as they are fixed';
  it(listsFindingsOnDemand, async () => {
    const inc = await declare(t.core);
    const finding = addEntry(t.core, inc.id, { at: T0 + 10 * 60_000, kind: 'finding', body: 'Node pool full' });
    render(<ReportPanel incidentId={inc.id} />);
    const area = await screen.findByRole('textbox', { name: 'Where we got lucky' });
    fireEvent.change(area, { target: { value: 'At 12:30 nobody was using the gpu-east hub.' } });
    await act(async () => fireEvent.blur(area));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check facts' })));
    const check = await screen.findByRole('region', { name: 'Fact check' });
    await waitFor(() => expect(check.textContent).toContain('“12:30” matches nothing on the record within 2 minutes'));
    expect(check.textContent).toContain('the hub in “gpu-east hub” is not mentioned anywhere on the record');
    // Go to the place: the section's text box gets the focus.
    const places = within(check).getAllByRole('button', { name: 'Where we got lucky' });
    fireEvent.click(places[0]!);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Where we got lucky' }));
    // The nearest entry opens on the timeline.
    fireEvent.click(within(check).getAllByRole('button', { name: /12:10 Node pool full/ })[0]!);
    expect(useNavigation.getState().target).toMatchObject({ tab: 'timeline', entryId: finding });
    // Fixing the text clears both findings from the open panel.
    const box = screen.getByRole('textbox', { name: 'Where we got lucky' });
    fireEvent.change(box, { target: { value: 'At 12:10 nobody was using the uw-hub hub.' } });
    await act(async () => fireEvent.blur(box));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Fact check' }).textContent).not.toContain('12:30'));
    expect(screen.getByRole('region', { name: 'Fact check' }).textContent).not.toContain('gpu-east');
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

  it('without GitHub, Publish (Shift+G) says plainly it is not connected and points at the export', async () => {
    const inc = await declare(t.core);
    render(<ReportPanel incidentId={inc.id} />);
    const bar = await screen.findByRole('group', { name: 'Publish the report' });
    expect(within(bar).getByTestId('publish-state').textContent).toBe('GitHub is not connected');
    await act(async () => fireEvent.keyDown(window, { key: 'G', code: 'KeyG', shiftKey: true }));
    const alert = await within(bar).findByRole('alert');
    expect(alert.textContent).toMatch(/GitHub is not connected.*export the report/);
    expect(t.core.services.outbox.list({})).toHaveLength(0);
  });
});
