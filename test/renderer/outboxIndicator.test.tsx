// @vitest-environment jsdom
// The top bar's headline and vendor list: never "Online" or "all sent" while a vendor is unreachable or a job needs
// you; per-vendor connectivity with plain reasons and the raw error behind a disclosure.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { headline, OutboxIndicator } from '../../src/renderer/src/features/outbox/OutboxIndicator';
import { useOutbox } from '../../src/renderer/src/features/outbox/store';
import { setApi } from '../../src/renderer/src/api/client';
import { jobStates, type JobState, type OutboxStatus, type VendorConnection } from '../../src/shared/outbox';

afterEach(cleanup);

const ok = (vendor: VendorConnection['vendor']): VendorConnection => ({
  vendor,
  state: 'ok',
  reason: null,
  detail: null,
  pausedUntil: null,
});
const status = (over: Partial<OutboxStatus> = {}, counts: Partial<Record<JobState, number>> = {}): OutboxStatus => {
  const c = { ...Object.fromEntries(jobStates.map((s) => [s, 0])), ...counts } as Record<JobState, number>;
  const pending = c.queued + c.sending + c.retrying + c.uncertain + c.needs_you;
  return {
    counts: c,
    pending,
    needsYou: c.needs_you,
    online: true,
    vendors: [ok('slack'), ok('pagerduty'), ok('freshdesk')],
    ...over,
  };
};
const unreachable: VendorConnection = {
  vendor: 'slack',
  state: 'unreachable',
  reason: 'Slack cannot be reached (the connection failed). Conn keeps trying; nothing is lost.',
  detail: 'fetch failed: other side closed (UND_ERR_SOCKET)',
  pausedUntil: null,
};

describe('the top-bar outbox indicator', () => {
  it('says Online and all sent only when every vendor is reachable and nothing waits or needs you', () => {
    expect(headline(status())).toEqual({ text: 'Online · all sent', tone: 'ok' });
    expect(headline(status({}, { queued: 4 })).text).toBe('Online · 4 pending');
    const outage = headline(
      status({ vendors: [unreachable, { ...unreachable, vendor: 'pagerduty' }, ok('freshdesk')] }, { queued: 4 }),
    );
    expect(outage.text).toBe('Slack, PagerDuty unreachable · 4 pending');
    const quietOutage = headline(status({ vendors: [unreachable, ok('pagerduty'), ok('freshdesk')] })).text;
    expect(quietOutage).not.toMatch(/Online|all sent/);
    const needsYou = headline(status({}, { needs_you: 2, queued: 1 }));
    expect(needsYou).toEqual({ text: '2 need you · 1 pending', tone: 'bad' });
    expect(headline(status({ online: false }, { queued: 1 })).text).toBe('Offline · 1 pending');
    const token = headline(
      status({ vendors: [{ ...ok('slack'), state: 'reconnect', reason: 'r' }, ok('pagerduty'), ok('freshdesk')] }),
    );
    expect(token.text).toBe('Slack needs token · nothing waiting');
  });

  it('lists each vendor as reachable / unreachable / needs token, the raw error behind a disclosure', () => {
    setApi({
      call: new Proxy({}, { get: () => async () => ({ ok: false, error: { code: 'internal', message: 'x' } }) }),
      subscribe: () => () => {},
    } as never);
    useOutbox.setState({
      status: status(
        {
          vendors: [
            unreachable,
            { ...ok('pagerduty'), state: 'reconnect', reason: 'PagerDuty: the token was refused.' },
            ok('freshdesk'),
          ],
        },
        { queued: 3 },
      ),
    });
    render(<OutboxIndicator onOpen={() => {}} onReconnect={() => {}} />);
    const list = screen.getByRole('list', { name: 'Vendors' });
    expect(list.textContent).toContain('Slack: unreachable');
    expect(list.textContent).toContain('PagerDuty: needs token');
    expect(list.textContent).toContain('Freshdesk: reachable');
    expect(screen.getByText(unreachable.reason!)).toBeTruthy();
    const raw = screen.getByText(unreachable.detail!);
    expect(raw.closest('details')?.querySelector('summary')?.textContent).toBe('Technical detail');
    expect(screen.getByRole('button', { name: /^Outbox:/ }).textContent).not.toMatch(/Online/);
  });
});
