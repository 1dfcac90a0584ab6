// The Electron-touching modules, loaded against a fake 'electron' module: what they register and deny.
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { opNames } from '../../src/shared/opNames';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../src/shared/ipc';
import { CONTENT_SECURITY_POLICY } from '../../src/main/csp';

const fake = vi.hoisted(() => {
  const state = {
    exposed: {} as Record<string, unknown>,
    invoked: [] as unknown[][],
    listeners: [] as string[],
    permissionRequest: undefined as undefined | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    permissionCheck: undefined as undefined | (() => boolean),
    headers: undefined as undefined | ((d: unknown, cb: (r: unknown) => void) => void),
    windows: [] as Array<{
      options: unknown;
      handlers: Record<string, (...a: unknown[]) => unknown>;
      openHandler?: (d: { url: string }) => unknown;
    }>,
    opened: [] as string[],
  };
  return state;
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: unknown) {
      const entry: (typeof fake.windows)[number] = { options, handlers: {} };
      fake.windows.push(entry);
      this.webContents = {
        setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (entry.openHandler = fn),
        on: (ev: string, fn: (...a: unknown[]) => unknown) => (entry.handlers[ev] = fn),
      };
    }
    once() {}
    loadFile() {
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
  }
  return {
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (fake.exposed[k] = v) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        fake.invoked.push(args);
        return Promise.resolve({ ok: true, value: null });
      },
      on: (ch: string) => fake.listeners.push(ch),
      removeListener: () => {},
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof fake.permissionRequest) => (fake.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof fake.permissionCheck) => (fake.permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: typeof fake.headers) => (fake.headers = fn) },
      },
    },
    shell: { openExternal: (url: string) => fake.opened.push(url) },
    BrowserWindow,
  };
});

beforeEach(() => {
  fake.invoked.length = 0;
  fake.opened.length = 0;
});

describe('preload', () => {
  it('exposes only window.api with one method per contract operation over a single channel', async () => {
    await import('../../src/preload/index');
    expect(Object.keys(fake.exposed)).toEqual(['api']);
    const api = fake.exposed.api as { call: Record<string, (i: unknown) => Promise<unknown>>; subscribe: unknown };
    expect(Object.keys(api).sort()).toEqual(['call', 'subscribe']);
    expect(Object.keys(api.call).sort()).toEqual([...opNames].sort());
    expect(Object.isFrozen(api.call)).toBe(true);
    await api.call['incidents.list']!({});
    expect(fake.invoked).toEqual([[INVOKE_CHANNEL, 'incidents.list', {}]]);
    (api.subscribe as (l: () => void) => void)(() => {});
    expect(fake.listeners).toEqual([EVENT_CHANNEL]);
  });
});

describe('the desktop window', () => {
  it('denies every permission request and check', async () => {
    const { hardenSession } = await import('../../src/main/electron/window');
    hardenSession();
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      fake.permissionRequest!({}, p, (ok) => (granted = ok));
      expect(granted, p).toBe(false);
    }
    expect(fake.permissionCheck!()).toBe(false);
  });

  it('applies the strict CSP to every response', async () => {
    const { hardenSession } = await import('../../src/main/electron/window');
    hardenSession();
    let out: { responseHeaders: Record<string, string[]> } | undefined;
    fake.headers!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (out = r as typeof out));
    expect(out!.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out!.responseHeaders['X-Other']).toEqual(['1']);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval/);
    // Trusted Types: HTML/script sinks refuse strings, and no policy may be created (S-6).
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )require-trusted-types-for 'script'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/(^|; )trusted-types 'none'(;|$)/);
  });

  const createsASandboxedWindow =
    'creates a sandboxed window, denies new windows and foreign navigation, opens only allow-listed links';
  it(createsASandboxedWindow, async () => {
    const { createMainWindow } = await import('../../src/main/electron/window');
    createMainWindow('/pre.cjs', '/app/index.html');
    const w = fake.windows.at(-1)!;
    expect((w.options as { webPreferences: Record<string, unknown> }).webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(w.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(w.openHandler!({ url: 'https://github.com/2i2c-org/x/issues/1' })).toEqual({ action: 'deny' });
    expect(fake.opened).toEqual(['https://github.com/2i2c-org/x/issues/1']);
    let prevented = false;
    w.handlers['will-navigate']!({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    prevented = false;
    w.handlers['will-navigate']!({ preventDefault: () => (prevented = true) }, 'file:///app/index.html');
    expect(prevented).toBe(false);
    let webview = false;
    w.handlers['will-attach-webview']!({ preventDefault: () => (webview = true) });
    expect(webview).toBe(true);
  });

  const handsShellOpenexternalOnly =
    "hands shell.openExternal only the policy's re-serialised URL, never the page's raw text (S-3 property)";
  it(handsShellOpenexternalOnly, async () => {
    const { createMainWindow } = await import('../../src/main/electron/window');
    const { safeExternalUrl } = await import('../../src/main/electron/policy');
    createMainWindow('/pre.cjs', '/app/index.html');
    const w = fake.windows.at(-1)!;
    const navigate = (url: string) => w.handlers['will-navigate']!({ preventDefault: () => {} }, url);
    w.openHandler!({ url: 'HTTPS://GitHub.com/X' });
    navigate('https://acme.slack.com/archives/C1');
    w.openHandler!({ url: 'https://ｇｉｔｈｕｂ.com/' });
    navigate('https://github.com:8443/');
    expect(fake.opened).toEqual(['https://github.com/X', 'https://acme.slack.com/archives/C1']);
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.webUrl(),
      fc
        .tuple(
          fc.constantFrom('https://', 'HTTPS://', 'http://', 'javascript:', ' https://'),
          fc.constantFrom('github.com', 'evil.example', 'github.com@evil.example', 'ｇｉｔｈｕｂ.com'),
          fc.string({ maxLength: 20 }),
        )
        .map((p) => p.join('')),
    );
    fc.assert(
      fc.property(hostile, fc.boolean(), (raw, viaOpen) => {
        fake.opened.length = 0;
        if (viaOpen) expect(w.openHandler!({ url: raw })).toEqual({ action: 'deny' });
        else navigate(raw);
        const safe = safeExternalUrl(raw);
        expect(fake.opened).toEqual(safe === null ? [] : [safe]);
        for (const o of fake.opened) expect(new URL(o).protocol).toBe('https:');
      }),
      { numRuns: 3000 },
    );
  });

  const opensEnterpriseLinks = "opens links on the settings' GitHub Enterprise host, read at each open (no restart)";
  it(opensEnterpriseLinks, async () => {
    const { createMainWindow } = await import('../../src/main/electron/window');
    let enterprise: string | null = null;
    createMainWindow('/pre.cjs', '/app/index.html', undefined, () => [enterprise]);
    const w = fake.windows.at(-1)!;
    const link = 'https://ghe.example.org/2i2c-org/infrastructure/issues/7';
    fake.opened.length = 0;
    w.openHandler!({ url: link });
    expect(fake.opened).toEqual([]); // not connected to that server: refused like any host
    enterprise = 'ghe.example.org';
    expect(w.openHandler!({ url: link })).toEqual({ action: 'deny' }); // never a window of Conn's own
    w.handlers['will-navigate']!({ preventDefault: () => {} }, 'https://evil.example/');
    expect(fake.opened).toEqual([link]);
  });
});
