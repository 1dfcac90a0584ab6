// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../src/renderer/src/api/client';
import { RegisterScreen } from '../../src/renderer/src/features/register/RegisterScreen';
import { useRegister } from '../../src/renderer/src/features/register/store';
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

    fireEvent.change(screen.getByLabelText('Hub or cluster'), { target: { value: 'ocean-data' } });
    await waitFor(() => expect(screen.queryByRole('row', { name: /Servers do not start/ })).toBeNull());
    expect(screen.getByRole('row', { name: /Slow logins/ })).toBeTruthy();

    await act(async () =>
      fireEvent.click(within(screen.getByRole('row', { name: /Slow logins/ })).getByRole('button')),
    );
    expect(open).toHaveBeenCalledWith(expect.any(String));
    expect(open.mock.calls[0]![0]).not.toBe(a.id);
  });

  it('says what to do when PagerDuty is not connected for the past-incident list', async () => {
    render(<RegisterScreen onOpenIncident={() => {}} />);
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: /PagerDuty incidents without a report/ })),
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Connect PagerDuty first');
  });
});
