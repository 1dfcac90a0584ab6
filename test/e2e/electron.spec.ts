// Smoke test of the real desktop shell. Runs only where the Electron binary is installed.
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electronBinary';
import { tempDir } from '../helpers/tempDir';

const binary = electronBinary();
const reason =
  'the Electron binary is not installed here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, no network to fetch ' +
  'it); the desktop shell is covered by unit tests of its wiring';

test('desktop shell opens a hardened window showing the incidents screen', async () => {
  if (!binary) console.log(`skipped electron smoke test: ${reason}`);
  test.skip(!binary, reason);
  const dir = tempDir('conn-electron-');
  const app = await electron.launch({
    executablePath: binary!,
    args: ['out/main/index.js', '--no-sandbox'],
    env: { ...process.env, CONN_DATA_DIR: dir.path },
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('heading', { name: 'Incidents' })).toBeVisible();
    const surface = await win.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      apiKeys: Object.keys((globalThis as { api?: object }).api ?? {}).sort(),
    }));
    expect(surface).toEqual({ require: 'undefined', process: 'undefined', apiKeys: ['call', 'subscribe'] });
    // window.open and navigation away are denied: the app window stays on the app.
    const before = win.url();
    await win.evaluate(() => {
      window.open('https://evil.example/');
      location.href = 'https://evil.example/';
    });
    await win.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
    expect(win.url()).toBe(before);
  } finally {
    await app.close();
    dir.cleanup();
  }
});

// RELIABILITY §6 S-1, S-5, S-6, S-7 in the real desktop renderer (they need the Electron binary).
test('desktop renderer: no Node globals, a two-function api, CSP blocks injected script, no network', async () => {
  if (!binary) console.log(`skipped electron security checks (S-1, S-5, S-6, S-7): ${reason}`);
  test.skip(!binary, reason);
  const dir = tempDir('conn-electron-sec-');
  const app = await electron.launch({
    executablePath: binary!,
    args: ['out/main/index.js'],
    env: { ...process.env, CONN_DATA_DIR: dir.path },
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('heading', { name: 'Incidents' })).toBeVisible();
    const r = await win.evaluate(async () => {
      const g = globalThis as Record<string, unknown>;
      const api = g.api as Record<string, (...a: unknown[]) => unknown>;
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const img = document.createElement('div');
      document.body.append(img);
      let innerHtmlThrew = false;
      try {
        img.innerHTML = '<img src=x onerror="window.__pwned=1">';
      } catch {
        innerHtmlThrew = true; // Trusted Types (require-trusted-types-for 'script')
      }
      const rejects = async (f: () => Promise<unknown>) =>
        f().then(
          () => false,
          () => true,
        );
      const net = {
        https: await rejects(() => fetch('https://example.com/')),
        file: await rejects(() => fetch('file:///etc/hosts')),
      };
      await new Promise((res) => setTimeout(res, 300));
      return {
        globals: [typeof g.require, typeof g.process, typeof g.module, typeof g.Buffer],
        api: Object.keys(api)
          .sort()
          .map((k) => `${k}/${api[k]!.length}`),
        pwned: g.__pwned,
        innerHtmlThrew,
        violations,
        net,
      };
    });
    expect(r.globals).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
    expect(r.api).toEqual(['call/2', 'subscribe/1']);
    expect(r.pwned).toBeUndefined();
    expect(r.innerHtmlThrew).toBe(true);
    expect(r.violations).toContain('require-trusted-types-for');
    expect(r.net).toEqual({ https: true, file: true });
  } finally {
    await app.close();
    dir.cleanup();
  }
});
