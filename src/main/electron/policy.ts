// Security policy for the desktop shell as plain data and functions, so it is testable without Electron.

/** Hosts external links may open in the user's browser. https only. */
export const EXTERNAL_HOST_ALLOW_LIST = [
  'app.pagerduty.com',
  'app.eu.pagerduty.com',
  'slack.com',
  'app.slack.com',
  'freshdesk.com',
  'github.com',
  '2i2c.org',
];

export function isAllowedExternalUrl(raw: string, allow: readonly string[] = EXTERNAL_HOST_ALLOW_LIST): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password) return false;
  const host = u.hostname.toLowerCase();
  return allow.some((a) => host === a || host.endsWith(`.${a}`));
}

/** The app's own pages: the built renderer from file://, or the dev server in development. */
export function isAppUrl(raw: string, devServerUrl?: string): boolean {
  try {
    const u = new URL(raw);
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin;
    return u.protocol === 'file:';
  } catch {
    return false;
  }
}

export interface SecureWebPreferences {
  preload: string;
  sandbox: true;
  contextIsolation: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  enableBlinkFeatures: '';
  webviewTag: false;
  navigateOnDragDrop: false;
  spellcheck: boolean;
}

export function mainWindowOptions(preload: string) {
  const webPreferences: SecureWebPreferences = {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Conn',
    backgroundColor: '#0f1720',
    webPreferences,
  };
}

/** The same CSP as the web shell, applied to every response the window loads. */
export { CONTENT_SECURITY_POLICY } from '../web/csp';
