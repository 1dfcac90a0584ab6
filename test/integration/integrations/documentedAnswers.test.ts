// Conn parses the answers the vendors document, not only what our simulators add: the Freshdesk reply answer of
// API-CONTRACTS.md (no `incoming`/`private`) settles a reply as sent without reading the conversation back; and a
// vendor that keeps sending the same page position is stopped, not followed.
import { describe, expect, it } from 'vitest';
import { isVendorError } from '../../../src/main/core/integrations';
import { SIM_TICKET_ID } from '../../simulators';
import { contractExample } from '../../contract/vendorDocs';
import { useSimulators, type SimCore } from '../../helpers/simCore';
import { caught, useSim } from './setup';

describe('documented answers', () => {
  const suite = useSimulators();
  let t: SimCore | undefined;

  it('the documented Freshdesk reply answer, verbatim, settles a reply as sent with no lookup', async () => {
    const documented = contractExample('#### 3.6.3') as Record<string, unknown>;
    expect(documented).not.toHaveProperty('incoming');
    expect(documented).not.toHaveProperty('private');
    t = suite.core();
    const inc = t.incident();
    suite.sim.fault({
      vendor: 'freshdesk',
      method: 'POST',
      path: `/api/v2/tickets/${SIM_TICKET_ID}/reply`,
      action: { type: 'status', status: 201, body: documented },
    });
    const reply = t.enqueue(inc.id, 'freshdesk.reply', { body: 'We are investigating.' });
    await t.drain();
    expect(t.job(reply).state).toBe('sent');
    const fd = suite.sim.requests({ vendor: 'freshdesk' });
    expect(fd.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(fd.filter((r) => r.method === 'GET' && r.path.includes('/conversations'))).toHaveLength(0);
    t.cleanup();
  });

  it('our simulator answers a reply with exactly the documented fields', async () => {
    t = suite.core();
    const inc = t.incident();
    t.enqueue(inc.id, 'freshdesk.reply', { body: 'Shape check' });
    await t.drain();
    const [post] = suite.sim.requests({ vendor: 'freshdesk', method: 'POST' });
    const documented = contractExample('#### 3.6.3') as Record<string, unknown>;
    expect(Object.keys(post!.response as object).sort()).toEqual(Object.keys(documented).sort());
    t.cleanup();
  });
});

describe('bounded paging', () => {
  const { sim, clients } = useSim();

  it('a looping Slack cursor stops with a classified malformed error after one repeat', async () => {
    sim().fault({
      vendor: 'slack',
      path: '/api/conversations.list',
      count: 1000,
      action: {
        type: 'status',
        status: 200,
        body: { ok: true, channels: [], response_metadata: { next_cursor: 'dGVhbTpDMDYx' } },
      },
    });
    const err = await caught(clients().slack.findChannelByName('never-there'));
    expect(isVendorError(err) && err.kind === 'malformed').toBe(true);
    expect(String((err as Error).message)).toMatch(/same page position/);
    expect(sim().requests({ vendor: 'slack', path: '/api/conversations.list' })).toHaveLength(2);
  });

  it('a PagerDuty list whose offset never advances stops instead of looping', async () => {
    sim().fault({
      vendor: 'pagerduty',
      path: '/services',
      count: 1000,
      action: {
        type: 'status',
        status: 200,
        body: { services: [{ id: 'P1', name: 'x' }], limit: 0, offset: 0, more: true },
      },
    });
    const err = await caught(clients().pagerduty.listServices());
    expect(isVendorError(err) && err.kind === 'malformed').toBe(true);
    expect(sim().requests({ vendor: 'pagerduty', path: '/services' }).length).toBeLessThanOrEqual(2);
  });

  const aPagerdutyPageWithout =
    'a PagerDuty page without limit/offset/more/total (all optional in its spec) is read as the last page';
  it(aPagerdutyPageWithout, async () => {
    sim().fault({
      vendor: 'pagerduty',
      path: '/services',
      action: { type: 'status', status: 200, body: { services: [{ id: 'P1', name: 'Managed JupyterHubs' }] } },
    });
    expect((await clients().pagerduty.listServices()).map((s) => s.name)).toEqual(['Managed JupyterHubs']);
  });

  it('the channel lookup asks conversations.info by the stored id before any list walk', async () => {
    const created = await clients().slack.createChannel('inc-info-first');
    sim().clearRequests();
    const found = await clients().slack.findChannelByName('inc-info-first', { knownId: created.id });
    expect(found?.id).toBe(created.id);
    expect(
      sim()
        .requests({ vendor: 'slack' })
        .map((r) => r.path),
    ).toEqual(['/api/conversations.info']);
  });

  it('the by-name lookup leaves archived channels out unless asked', async () => {
    await clients().slack.findChannelByName('inc-archived-example');
    const [list] = sim().requests({ vendor: 'slack', path: '/api/conversations.list' });
    expect(JSON.stringify(list!.body)).toMatch(/exclude_archived.{0,4}true/);
    expect(await clients().slack.findChannelByName('inc-archived-example')).toBeNull();
    expect(
      (await clients().slack.findChannelByName('inc-archived-example', { includeArchived: true }))?.is_archived,
    ).toBe(true);
  });
});
