// Creates the hardened main window and locks down navigation, new windows and permissions.
import { BrowserWindow, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY, externalAllowList, isAppUrl, mainWindowOptions, safeExternalUrl } from './policy';

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

/**
 * `extraHosts`: hosts the user's settings make Conn's own (a GitHub Enterprise Server's web host), read at each open so
 * a changed setting applies without a restart.
 */
export function createMainWindow(
  preload: string,
  rendererUrl: string,
  devServerUrl?: string,
  extraHosts: () => readonly (string | null | undefined)[] = () => [],
): BrowserWindow {
  const base = mainWindowOptions(preload);
  // The security-critical flags are repeated as literals so static checkers (Electronegativity) can see them;
  // they equal what policy.ts returns, which the unit tests pin down.
  const win = new BrowserWindow({
    ...base,
    webPreferences: {
      ...base.webPreferences,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  });
  // Middle-click (auxclick) opens go through the same deny-all window-open handler below.
  const wc = win.webContents;
  // Only the policy's re-serialised URL reaches the shell, never the page's raw text.
  const openOutside = (url: string) => {
    const safe = safeExternalUrl(url, externalAllowList(extraHosts()));
    if (safe !== null) void shell.openExternal(safe);
  };
  wc.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  wc.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) {
      event.preventDefault();
      openOutside(url);
    }
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void (rendererUrl.startsWith('http') ? win.loadURL(rendererUrl) : win.loadFile(rendererUrl));
  return win;
}
