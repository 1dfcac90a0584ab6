// Electron composition root: single instance, hardened window, IPC to the core, data in userData.
import { app, dialog, ipcMain, safeStorage, shell, type BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createCore, type Core } from './core';
import { probeBaseFromEnv } from './core/health/probe';
import { createVendors, vendorBaseUrlsFromEnv } from './core/vendors';
import { fileLogger } from './core/fileLogger';
import { assertOwnDataDir } from './core/privateData';
import { forwardEvents, registerIpc } from './electron/ipc';
import { safeStorageSecretStore } from './electron/secrets';
import { electronPdfPrinter } from './electron/pdf';
import { electronSaveDialog } from './electron/saveDialog';
import { startTray } from './electron/trayElectron';
import { createMainWindow, hardenSession } from './electron/window';
import { webHostOfApi } from '../shared/githubLinks';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const here = fileURLToPath(new URL('.', import.meta.url));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let core: Core | undefined;
  let win: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    const dataDir = process.env.CONN_DATA_DIR ?? app.getPath('userData');
    try {
      assertOwnDataDir(dataDir); // before the log file: nothing goes into someone else's folder
    } catch (err) {
      dialog.showErrorBox('Conn could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
      return;
    }
    const logger = fileLogger(join(dataDir, 'logs'));
    try {
      core = createCore({
        vendors: createVendors({ baseUrls: vendorBaseUrlsFromEnv() }),
        dataDir,
        logger,
        nativeBinding: process.env.CONN_SQLITE_BINDING,
        secrets: safeStorageSecretStore(safeStorage, dataDir),
        pdfPrinter: electronPdfPrinter(),
        chooseExportFile: electronSaveDialog(dialog, () => win, app.getPath('documents')),
        revealFile: (path) => shell.showItemInFolder(path),
        hubProbes: { probeBase: probeBaseFromEnv() },
      });
    } catch (err) {
      dialog.showErrorBox('Conn could not start', err instanceof Error ? err.message : String(err));
      app.exit(1);
      return;
    }
    hardenSession();
    registerIpc(ipcMain, core, devServerUrl);
    forwardEvents(core, () => win?.webContents);
    const renderer = devServerUrl ?? join(here, '../renderer/index.html');
    const started = core;
    // Links to the GitHub Enterprise Server in the settings open like github.com's.
    const ownHosts = () => [webHostOfApi(started.services.integrations.credentials('github')?.config.apiUrl)];
    win = createMainWindow(join(here, '../preload/index.cjs'), renderer, devServerUrl, ownHosts);
    startTray(core, app.isPackaged ? process.resourcesPath : join(here, '../../resources'), () => win);
    core.start();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());
}
