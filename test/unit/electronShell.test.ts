// The desktop shell's security wiring, tested without the Electron binary through its pure parts.
import { describe, expect, it, vi } from 'vitest';
import { isTrustedSender, registerIpc, type IpcLike } from '../../src/main/electron/ipc';
import { isAllowedExternalUrl, isAppUrl, mainWindowOptions } from '../../src/main/electron/policy';
import { INVOKE_CHANNEL } from '../../src/shared/ipc';

describe('window options', () => {
  it('sandboxes the renderer with context isolation and no Node', () => {
    const wp = mainWindowOptions('/p.cjs').webPreferences;
    expect(wp).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(wp.preload).toBe('/p.cjs');
  });
});

describe('external URL policy', () => {
  it.each([
    ['https://app.pagerduty.com/incidents/P123', true],
    ['https://myorg.slack.com/archives/C1', true],
    ['https://2i2c.freshdesk.com/a/tickets/1', true],
    ['https://github.com/2i2c-org/infrastructure/issues/1', true],
    ['http://github.com/x', false],
    ['https://github.com.evil.example/x', false],
    ['https://evilgithub.com/x', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['https://user:pass@github.com/', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalUrl(url)).toBe(allowed);
  });

  it('treats only file:// (or the dev server) as the app itself', () => {
    expect(isAppUrl('file:///opt/conn/out/renderer/index.html')).toBe(true);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('IPC registration', () => {
  const setup = () => {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const ipc = {
      handle: (channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn),
      removeHandler: (channel: string) => handlers.delete(channel),
    } as unknown as IpcLike;
    const invoke = vi.fn(async () => ({ ok: true as const, value: 'ran' }));
    const remove = registerIpc(ipc, { invoke });
    return { handlers, invoke, remove };
  };
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

  it('registers exactly one channel', () => {
    const { handlers, remove } = setup();
    expect([...handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    remove();
    expect(handlers.size).toBe(0);
  });

  it('passes calls from the app page to the core', async () => {
    const { handlers, invoke } = setup();
    const r = await handlers.get(INVOKE_CHANNEL)!(frame('file:///app/index.html'), 'incidents.list', {});
    expect(r).toEqual({ ok: true, value: 'ran' });
    expect(invoke).toHaveBeenCalledWith('incidents.list', {});
  });

  it('refuses calls from a foreign page or a subframe without reaching the core', async () => {
    const { handlers, invoke } = setup();
    const h = handlers.get(INVOKE_CHANNEL)!;
    expect(await h(frame('https://evil.example/'), 'incidents.list', {})).toMatchObject({ ok: false });
    expect(await h(frame('file:///app/index.html', {}), 'incidents.list', {})).toMatchObject({ ok: false });
    expect(await h({ senderFrame: null }, 'incidents.list', {})).toMatchObject({ ok: false });
    expect(await h(frame('file:///app/index.html'), 42, {})).toMatchObject({ error: { code: 'invalid_input' } });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('isTrustedSender needs a top frame on an app URL', () => {
    expect(isTrustedSender(frame('file:///x') as never)).toBe(true);
    expect(isTrustedSender(frame('file:///x', {}) as never)).toBe(false);
  });
});
