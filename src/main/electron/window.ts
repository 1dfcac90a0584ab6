// Creates the hardened main window and locks down navigation, new windows and permissions.
import { BrowserWindow, session, shell } from 'electron';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isAppUrl, mainWindowOptions } from './policy';

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

export function createMainWindow(preload: string, rendererUrl: string, devServerUrl?: string): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preload));
  const wc = win.webContents;
  wc.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  wc.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) {
      event.preventDefault();
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    }
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void (rendererUrl.startsWith('http') ? win.loadURL(rendererUrl) : win.loadFile(rendererUrl));
  return win;
}
