// Import and take-over per source: PagerDuty, Slack and Freshdesk each import or fail on their own, the answer says
// which failed and why, and a retry reads only the failed source.
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/domain';
import { simConn } from '../helpers/handoffSim';
import { SIM_TICKET_URL as TICKET } from '../helpers/simCore';
import { declaredAtVendors, useSimSuite } from '../helpers/simSuite';

const s = useSimSuite(Date.UTC(2026, 10, 26, 14, 0, 0));

async function incidentOnAllThree(): Promise<{ inc: Incident; pdId: string }> {
  const { inc, pdId, channelId } = await declaredAtVendors(s, s.a, {
    title: 'Users cannot start servers',
    channel: 'inc-20261126-ocean-data',
    commander: s.a.people.alice.id,
  });
  await s.control('/slack/messages', {
    channel: channelId,
    user: 'U0CHEN001',
    text: 'Registry latency graph attached',
  });
  s.sim.clearRequests();
  return { inc, pdId };
}

const brokenPages = {
  garbage: { type: 'malformed' as const },
  'a page whose entries are not a list': {
    type: 'status' as const,
    status: 200,
    body: { log_entries: 'not a list', more: 'maybe' },
  },
};

describe('integrations.import per source', () => {
  for (const [what, action] of Object.entries(brokenPages)) {
    it(`a broken PagerDuty page (${what}) still imports Slack and Freshdesk, and says PagerDuty failed`, async () => {
      const { inc, pdId } = await incidentOnAllThree();
      s.sim.fault({ vendor: 'pagerduty', method: 'GET', path: `/incidents/${pdId}/log_entries`, count: 100, action });
      const r = await s.a.call('integrations.import', { incidentId: inc.id });
      const by = Object.fromEntries(r.sources.map((s) => [s.source, s]));
      expect(by.pagerduty).toMatchObject({ status: 'failed', fetched: 0, reason: expect.stringMatching(/PagerDuty/) });
      expect(by.slack).toMatchObject({ status: 'ok' });
      expect(by.freshdesk).toMatchObject({ status: 'ok' });
      expect(by.slack!.fetched + by.freshdesk!.fetched).toBe(r.fetched);
      const tl = await s.a.call('timeline.list', { incidentId: inc.id, limit: 200 });
      expect(tl.items.some((e) => e.source === 'slack' && e.body === 'Registry latency graph attached')).toBe(true);
      expect(tl.items.some((e) => e.source === 'freshdesk' && e.kind === 'ticket.opened')).toBe(true);
      expect(tl.items.some((e) => e.source === 'pagerduty' && e.kind.startsWith('log.'))).toBe(false);
    });
  }

  it('a page without limit/offset/more/total (all optional in the spec) imports as the last page', async () => {
    const { inc, pdId } = await incidentOnAllThree();
    const entries = s.sim.state.pagerduty.logEntries.get(pdId)!;
    s.sim.fault({
      vendor: 'pagerduty',
      method: 'GET',
      path: `/incidents/${pdId}/log_entries`,
      action: { type: 'status', status: 200, body: { log_entries: entries } },
    });
    const r = await s.a.call('integrations.import', { incidentId: inc.id });
    expect(r.sources.find((s) => s.source === 'pagerduty')).toMatchObject({
      status: 'ok',
      fetched: expect.any(Number),
    });
    expect(r.sources.every((s) => s.status === 'ok')).toBe(true);
  });

  it('a retry with `sources` reads only the source that failed', async () => {
    const { inc, pdId } = await incidentOnAllThree();
    s.sim.fault({
      vendor: 'pagerduty',
      method: 'GET',
      path: `/incidents/${pdId}/log_entries`,
      count: 100,
      action: { type: 'malformed' },
    });
    const first = await s.a.call('integrations.import', { incidentId: inc.id });
    expect(first.sources.filter((s) => s.status === 'failed').map((s) => s.source)).toEqual(['pagerduty']);
    s.sim.clearFaults();
    s.sim.clearRequests();
    const retry = await s.a.call('integrations.import', { incidentId: inc.id, sources: ['pagerduty'] });
    expect(retry.sources).toEqual([{ source: 'pagerduty', status: 'ok', fetched: expect.any(Number) }]);
    expect(retry.added).toBeGreaterThan(0);
    expect(s.sim.requests({ vendor: 'slack' })).toHaveLength(0);
    expect(s.sim.requests({ vendor: 'freshdesk' })).toHaveLength(0);
  });

  it('when every source fails, the import fails and names each source', async () => {
    const { inc } = await incidentOnAllThree();
    s.sim.fault({ action: { type: 'malformed' }, count: 1000 });
    const failing = await s.a.call('integrations.import', { incidentId: inc.id }).then(
      () => null,
      (e: { error?: { details?: { sources?: Array<{ source: string; status: string }> } } }) => e,
    );
    expect(failing?.error?.details?.sources?.map((s) => `${s.source}:${s.status}`)).toEqual([
      'pagerduty:failed',
      'slack:failed',
      'freshdesk:failed',
    ]);
  });
});

describe('takeover.import per source', () => {
  const aBrokenPagerdutyLog =
    'a broken PagerDuty log still takes over with the Slack and Freshdesk parts, and the preview says PagerDuty failed';
  it(aBrokenPagerdutyLog, async () => {
    const { inc, pdId } = await incidentOnAllThree();
    // What a handoff leaves in PagerDuty: where the channel and the ticket are.
    const channel = s.sim.state.slack.channels.find((c) => c.name === 'inc-20261126-ocean-data')!;
    s.a.enqueue(inc.id, 'pagerduty.addNote', {
      content: `Slack channel: #${channel.name} (${channel.id})\nFreshdesk ticket: ${TICKET}`,
    });
    await s.a.drain();
    const b = await simConn(s.sim, s.clock, 'bob');
    try {
      s.sim.fault({
        vendor: 'pagerduty',
        method: 'GET',
        path: `/incidents/${pdId}/log_entries`,
        count: 100,
        action: { type: 'malformed' },
      });
      const preview = await b.call('takeover.import', { pagerdutyIncident: pdId });
      expect(preview.pagerduty?.id).toBe(pdId);
      expect(preview.sources.find((s) => s.source === 'pagerduty')).toMatchObject({
        status: 'failed',
        reason: expect.any(String),
      });
      expect(preview.sources.map((s) => `${s.source}:${s.status}`)).toEqual([
        'pagerduty:failed',
        'slack:ok',
        'freshdesk:ok',
      ]);
      expect(preview.record.entries).toBeGreaterThan(0);
      expect(preview.warnings.some((w) => /Retry/.test(w))).toBe(true);
      s.sim.clearFaults();
      s.sim.clearRequests();
      const retry = await b.call('takeover.retry', { previewId: preview.previewId, sources: ['pagerduty'] });
      expect(retry.sources.map((s) => `${s.source}:${s.status}`)).toEqual(['pagerduty:ok', 'slack:ok', 'freshdesk:ok']);
      expect(retry.record.entries).toBeGreaterThan(preview.record.entries);
      expect(retry.warnings.some((w) => /Retry/.test(w))).toBe(false);
      // Only the failed source was read again.
      expect(s.sim.requests({ vendor: 'slack' })).toEqual([]);
      expect(s.sim.requests({ vendor: 'freshdesk' })).toEqual([]);
      const done = await b.call('takeover.confirm', { previewId: preview.previewId, confirmed: true });
      expect(done.imported.added).toBe(retry.record.entries);
    } finally {
      b.cleanup();
    }
  });
});
