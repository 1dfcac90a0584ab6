// Smoke test of the real desktop shell. Runs only where the Electron binary is installed.
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electronBinary';
import { tempDir } from '../helpers/tempDir';

const binary = electronBinary();
const reason =
  'the Electron binary is not installed here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, no network to fetch it); the desktop shell is covered by unit tests of its wiring';

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
