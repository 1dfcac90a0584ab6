// @vitest-environment jsdom
// The take-over preview lists each source (PagerDuty, Slack, Freshdesk) as read or failed with why, and "Retry"
// reads again only the failed ones (integrations.import with `sources`).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setApi } from '../../src/renderer/src/api/client';
import { TakeoverDialog } from '../../src/renderer/src/features/handoff/TakeoverDialog';
import { useTakeover } from '../../src/renderer/src/features/handoff/store';
import type { ApiWithEvents } from '../../src/shared/contract';
import type { TakeoverPreview } from '../../src/shared/ops/handoff';

afterEach(cleanup);

const preview: TakeoverPreview = {
  previewId: 'p1',
  title: 'Users cannot start servers',
  incident: null,
  existing: false,
  pagerduty: {
    id: 'Q1',
    url: 'https://x/incidents/Q1',
    title: 'Users cannot start servers',
    status: 'triggered',
    service: 'Managed JupyterHubs',
    assignees: [],
  },
  slackChannel: { id: 'C1', name: 'inc-20261126-ocean-data' },
  ticket: null,
  brief: null,
  record: { entries: 4 },
  sources: [
    {
      source: 'pagerduty',
      status: 'failed',
      fetched: 0,
      reason: 'PagerDuty sent an answer Conn could not understand (x).',
    },
    { source: 'slack', status: 'ok', fetched: 3 },
    { source: 'freshdesk', status: 'ok', fetched: 1 },
  ],
  warnings: ['PagerDuty sent an answer Conn could not understand (x). Use "Retry" to read it again.'],
};

describe('take-over sources', () => {
  it('shows which source failed and retries only that one', async () => {
    const asked: unknown[] = [];
    const result: TakeoverPreview = {
      ...preview,
      record: { entries: 9 },
      sources: [{ source: 'pagerduty', status: 'ok', fetched: 5 }, ...preview.sources.slice(1)],
      warnings: [],
    };
    const call = {
      'takeover.retry': async (input: unknown) => {
        asked.push(input);
        return { ok: true, value: result };
      },
    };
    setApi({ call } as unknown as ApiWithEvents);
    useTakeover.setState({ open: true, ref: 'Q1', loading: false, error: null, preview, confirmed: false });
    render(<TakeoverDialog />);
    const list = screen.getByRole('list', { name: 'What was read from each source' });
    expect(list.textContent).toContain('PagerDuty: failed: PagerDuty sent an answer Conn could not understand');
    expect(list.textContent).toContain('Slack: read (3 records)');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Retry PagerDuty' }));
    });
    expect(asked).toEqual([{ previewId: 'p1', sources: ['pagerduty'] }]);
    expect(screen.getByRole('list', { name: 'What was read from each source' }).textContent).toContain(
      'PagerDuty: read (5 records)',
    );
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
    expect(screen.getByText(/9 entries to import on Confirm/)).toBeTruthy();
    expect(screen.queryByText(/Use "Retry"/)).toBeNull();
  });
});
