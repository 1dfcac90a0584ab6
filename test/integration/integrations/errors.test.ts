// Failure kinds across the three clients: timeout, dropped connection, malformed bodies, 5xx, refused, and no tokens in
// messages.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { VendorError, explainVendorError, type VendorErrorInit } from '../../../src/main/core/integrations';
import { clientsFromConfigs } from '../../helpers/vendorClients';
import { SIM_TICKET_ID } from '../../simulators';
import { caught, useSim } from './setup';

const t = useSim(400);

describe('vendor error classification', () => {
  it('classifies a hang as timeout for every vendor (may have applied)', async () => {
    const c = t.clients();
    t.sim().fault({ action: { type: 'hang' }, count: 3 });
    for (const p of [c.pagerduty.listServices(), c.freshdesk.identify(), c.slack.identify()]) {
      expect(await caught(p)).toMatchObject({ kind: 'timeout', mayHaveApplied: true });
    }
  });

  it('classifies a dropped connection as network, and apply-then-drop leaves the effect in place', async () => {
    const c = t.clients();
    const sim = t.sim();
    sim.fault({ vendor: 'freshdesk', method: 'POST', action: { type: 'apply_then_drop' } });
    expect(await caught(c.freshdesk.reply(SIM_TICKET_ID, '<p>hello [conn:j9]</p>'))).toMatchObject({
      kind: 'network',
      mayHaveApplied: true,
    });
    expect(sim.requests({ vendor: 'freshdesk', method: 'POST' })[0]).toMatchObject({
      applied: true,
      fault: 'apply_then_drop',
    });
    expect(await c.freshdesk.findConversationByMarker(SIM_TICKET_ID, '[conn:j9]')).not.toBeNull();
    sim.fault({ vendor: 'pagerduty', action: { type: 'drop' } });
    expect(await caught(c.pagerduty.listUsers())).toMatchObject({ kind: 'network' });
  });

  it('classifies malformed bodies, and answers that do not match the schema, as malformed', async () => {
    const c = t.clients();
    const sim = t.sim();
    sim.fault({ action: { type: 'malformed' }, count: 3 });
    expect(await caught(c.pagerduty.getIncident('Q1'))).toMatchObject({
      kind: 'malformed',
      vendor: 'pagerduty',
      operation: 'getIncident',
    });
    expect(await caught(c.freshdesk.getTicket(SIM_TICKET_ID))).toMatchObject({
      kind: 'malformed',
      vendor: 'freshdesk',
    });
    expect(await caught(c.slack.identify())).toMatchObject({ kind: 'malformed', vendor: 'slack' });
    sim.fault({ vendor: 'freshdesk', action: { type: 'status', status: 200, body: { id: 'not-a-number' } } });
    const e = (await caught(c.freshdesk.getTicket(SIM_TICKET_ID))) as VendorError;
    expect(e.kind).toBe('malformed');
    expect(e.vendorMessage).toMatch(/id/);
  });

  it('classifies 5xx as server and a refused connection as network that never left', async () => {
    const c = t.clients();
    t.sim().fault({ vendor: 'pagerduty', action: { type: 'status', status: 502 } });
    expect(await caught(c.pagerduty.listServices())).toMatchObject({ kind: 'server', status: 502 });
    const port = await closedPort();
    const dead = clientsFromConfigs(
      {
        slack: { token: 'xoxb-secret-abc', apiUrl: `http://127.0.0.1:${port}/api/` },
        freshdesk: { domain: 'x', apiKey: 'fdSecretKey99', baseUrl: `http://127.0.0.1:${port}/api/v2` },
      },
      { timeoutMs: 2000 },
    );
    expect(await caught(dead.freshdesk!.identify())).toMatchObject({
      kind: 'network',
      vendorCode: 'ECONNREFUSED',
      mayHaveApplied: false,
    });
    expect(await caught(dead.slack!.identify())).toMatchObject({ kind: 'network' });
  });

  it('never puts tokens in error messages or explanations', async () => {
    const sim = t.sim();
    const secrets = { pd: 'pdSecret_+-123', fd: 'fdSecretKey123', slack: 'xoxb-9999-secret' };
    const c = clientsFromConfigs(
      {
        pagerduty: { token: secrets.pd, fromEmail: sim.fromEmail, baseUrl: sim.urls.pagerduty },
        freshdesk: { domain: 'x', apiKey: secrets.fd, baseUrl: sim.urls.freshdesk },
        slack: { token: secrets.slack, apiUrl: sim.urls.slack },
      },
      { timeoutMs: 5000 },
    );
    // The simulator echoes the Authorization header back in an error body: the clients must scrub it.
    sim.fault({
      vendor: 'pagerduty',
      action: {
        type: 'status',
        status: 400,
        body: { error: { message: `bad token Token token=${secrets.pd}`, code: 2001 } },
      },
    });
    sim.fault({
      vendor: 'freshdesk',
      action: { type: 'status', status: 400, body: { code: 'x', message: `key ${secrets.fd} refused` } },
    });
    const errors = [
      await caught(c.pagerduty!.listServices()),
      await caught(c.freshdesk!.identify()),
      await caught(c.slack!.identify()),
      await caught(c.pagerduty!.listServices()),
      await caught(c.freshdesk!.identify()),
    ];
    for (const e of errors) {
      const all = `${(e as Error).message} ${JSON.stringify(e)} ${explainVendorError(e)}`;
      for (const s of Object.values(secrets)) expect(all).not.toContain(s);
    }
    expect(errors.map((e) => (e as VendorError).kind)).toEqual(['validation', 'validation', 'auth', 'auth', 'auth']);
  });

  it('explains failures in plain words', () => {
    const mk = (init: VendorErrorInit) => explainVendorError(new VendorError(init));
    expect(mk({ vendor: 'slack', operation: 'auth.test', kind: 'auth', vendorMessage: 'invalid_auth' })).toMatch(
      /did not accept the token/,
    );
    expect(
      mk({
        vendor: 'slack',
        operation: 'x',
        kind: 'permission',
        vendorMessage: 'missing_scope (needed: chat:write)',
        vendorCode: 'missing_scope',
      }),
    ).toMatch(/scope/);
    expect(mk({ vendor: 'freshdesk', operation: 'identify', kind: 'not_found', vendorMessage: 'not found' })).toMatch(
      /domain/,
    );
    expect(
      mk({ vendor: 'freshdesk', operation: 'identify', kind: 'network', vendorMessage: 'x', vendorCode: 'ENOTFOUND' }),
    ).toMatch(/domain/);
    expect(mk({ vendor: 'pagerduty', operation: 'x', kind: 'network', vendorMessage: 'x' })).toMatch(/network/);
    expect(
      mk({ vendor: 'pagerduty', operation: 'x', kind: 'rate_limited', vendorMessage: 'x', retryAfterMs: 7000 }),
    ).toMatch(/7 s/);
    expect(explainVendorError(new Error('boom'))).toMatch(/unexpected/);
  });
});

/** A local port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
