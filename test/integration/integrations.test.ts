import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core';
import { VendorError, type FailureKind } from '../../src/main/core/outbox/failures';
import type { IdentifyPort } from '../../src/main/core/secrets/credentials';
import { memorySecretStore } from '../../src/main/core/secrets/store';
import { tempDir } from '../helpers/tempDir';
import { call } from '../helpers/outbox';

let core: Core;
let cleanup: () => void;
let identify: IdentifyPort;
const setup = () => {
  const d = tempDir();
  core = createCore({
    dataDir: d.path,
    secrets: memorySecretStore({ backend: 'keyring', strong: true }),
    vendors: { identify: (c) => identify(c) },
  });
  cleanup = () => {
    core.close();
    d.cleanup();
  };
};
afterEach(() => cleanup());

const pd = { fromEmail: 'ic@example.com', defaultServiceId: 'PABC123', region: 'eu' };

describe('integration settings', () => {
  it('refuses invalid settings naming the field, and never echoes a token', async () => {
    setup();
    const cases: Array<[unknown, RegExp]> = [
      [
        { vendor: 'freshdesk', config: { domain: 'https://acme.example.com' } },
        /config.domain must be your Freshdesk domain/,
      ],
      [{ vendor: 'pagerduty', config: { ...pd, fromEmail: 'nobody' } }, /config.fromEmail must be an email/],
      [{ vendor: 'pagerduty', config: { ...pd, region: 'mars' } }, /config.region/],
      [{ vendor: 'pagerduty', config: { ...pd, defaultServiceId: 'service 1' } }, /config.defaultServiceId/],
      [
        { vendor: 'slack', config: { channelPattern: 'Incident Channel!' } },
        /config.channelPattern may only use lowercase/,
      ],
      [{ vendor: 'slack', config: { defaultInvitees: ['bob'] } }, /config.defaultInvitees.0 each invitee/],
      [
        { vendor: 'slack', config: {}, token: 'xoxp-user-token-secret123' },
        /Slack token: expected a Slack bot token starting with xoxb-/,
      ],
    ];
    for (const [input, msg] of cases) {
      const r = await core.invoke('integrations.save', input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toMatch(msg);
        expect(r.error.message).not.toContain('secret123');
      }
    }
    const ok = await call(core, 'integrations.save', {
      vendor: 'freshdesk',
      config: { domain: 'Acme.Freshdesk.com' },
      token: 'abcdEFGH12345678',
    });
    expect(ok.ok && ok.value.vendors.find((v) => v.vendor === 'freshdesk')).toMatchObject({
      config: { domain: 'acme.freshdesk.com' },
      token: 'stored',
      connection: 'ok',
    });
    expect(JSON.stringify(ok)).not.toContain('abcdEFGH12345678');
  });

  it('test connection: success names the account, failures are explained in plain words', async () => {
    setup();
    expect(await call(core, 'integrations.test', { vendor: 'slack' })).toMatchObject({
      ok: true,
      value: { ok: false, message: /Save the Slack settings/ },
    });
    core.services.integrations.save({ vendor: 'slack', config: {}, token: 'xoxb-123-456-abcdefghij' });
    identify = async (c) => ({ name: `conn-bot in Acme (${c.config && 'configured'})` });
    expect(await call(core, 'integrations.test', { vendor: 'slack' })).toMatchObject({
      ok: true,
      value: { ok: true, message: 'Connected to Slack as conn-bot in Acme (configured).' },
    });
    const expectations: Array<[FailureKind, RegExp]> = [
      ['auth', /refused the token/],
      ['permission', /lacks a permission \(missing_scope: channels:manage\)/],
      ['network', /Could not reach Slack/],
      ['timeout', /did not answer in time/],
      ['rate_limited', /slow down; try again in 30 seconds/],
      ['server', /problem on its side \(HTTP 503\)/],
    ];
    for (const [kind, msg] of expectations) {
      identify = async () => {
        throw new VendorError(kind, kind === 'permission' ? 'missing_scope: channels:manage' : 'x', {
          status: 503,
          retryAfterMs: 30_000,
        });
      };
      const r = await call(core, 'integrations.test', { vendor: 'slack' });
      expect(r.ok && r.value.message, kind).toMatch(msg);
    }
    // A vendor message quoting the token is redacted.
    identify = async () => {
      throw new VendorError('validation', 'bad token xoxb-123-456-abcdefghij');
    };
    const r = await call(core, 'integrations.test', { vendor: 'slack' });
    expect(r.ok && r.value.message).toBe('Slack answered something unexpected: bad token [token]');
  });

  it('redacts every token a vendor has had: rotated this run, and the one stored by the last run', async () => {
    const store = memorySecretStore({ backend: 'keyring', strong: true });
    const d = tempDir();
    const first = createCore({ dataDir: d.path, secrets: store });
    first.services.integrations.save({ vendor: 'slack', config: {}, token: 'xoxb-111-111-lastrunkey' });
    first.close();
    core = createCore({ dataDir: d.path, secrets: store, vendors: { identify: (c) => identify(c) } });
    cleanup = () => {
      core.close();
      d.cleanup();
    };
    core.services.integrations.save({ vendor: 'slack', config: {}, token: 'xoxb-222-222-rotatedkey' });
    core.services.integrations.save({ vendor: 'slack', config: {}, token: 'xoxb-333-333-currentkey' });
    identify = async () => {
      throw new VendorError(
        'validation',
        'keys xoxb-111-111-lastrunkey xoxb-222-222-rotatedkey xoxb-333-333-currentkey',
      );
    };
    const r = await call(core, 'integrations.test', { vendor: 'slack' });
    expect(r.ok && r.value.message).toBe('Slack answered something unexpected: keys [token] [token] [token]');
    // Remembered in memory only: the store and the database hold the current key alone.
    expect(store.get('token:slack')).toBe('xoxb-333-333-currentkey');
    const dump = JSON.stringify(core.db.prepare('SELECT * FROM settings').all());
    expect(dump).not.toMatch(/lastrunkey|rotatedkey/);
  });

  it('a freshdesk not_found explains the domain', async () => {
    setup();
    core.services.integrations.save({
      vendor: 'freshdesk',
      config: { domain: 'nope.freshdesk.com' },
      token: 'abcdEFGH12345678',
    });
    identify = async () => {
      throw new VendorError('not_found', '404');
    };
    const r = await call(core, 'integrations.test', { vendor: 'freshdesk' });
    expect(r.ok && r.value.message).toMatch(/No Freshdesk account answered at that domain/);
  });
});
