// Security policy for the desktop shell as plain data and functions, so it is testable without Electron.

/**
 * Hosts (and their subdomains) external links may open in the user's browser. https only. PagerDuty incident links
 * live on the account's own subdomain (`https://<account>.pagerduty.com/incidents/…`), Slack's on the workspace's.
 */
export const EXTERNAL_HOST_ALLOW_LIST = [
  'pagerduty.com',
  'slack.com',
  'app.slack.com',
  'freshdesk.com',
  'github.com',
  '2i2c.org',
];

/** Longer links are refused: nothing Conn links to is this long, and a shell handler should never get megabytes. */
export const EXTERNAL_URL_MAX = 4096;

/** A plain DNS name: letters, digits and inner hyphens, labels of 1–63 characters, no empty label. */
const DNS_NAME = /^(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

/**
 * The link to hand to the user's browser, or null. Only a well-formed `https://` URL whose host is on the allow-list
 * (or a subdomain of an entry) passes, with no user name or password, no explicit port, and written plainly: the host
 * exactly as the parser reads it (no percent-encoding, full-width letters, IDN tricks, trailing dots, empty labels or
 * numeric IP forms), and no whitespace, control or format characters or backslashes anywhere (the URL parser
 * silently drops or rewrites those, so what a person saw would not be what opens). The answer is the parser's
 * re-serialised URL, never the raw text, as Element's `safeOpenURL` does.
 */
export function safeExternalUrl(raw: unknown, allow: readonly string[] = EXTERNAL_HOST_ALLOW_LIST): string | null {
  if (typeof raw !== 'string' || raw.length > EXTERNAL_URL_MAX) return null;
  if (!/^https:\/\//i.test(raw) || /[\s\p{Cc}\p{Cf}\\]/u.test(raw)) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return null;
  const written = raw.slice('https://'.length).split(/[/?#]/, 1)[0]!.toLowerCase();
  if (written !== u.host) return null;
  const host = u.hostname;
  if (!DNS_NAME.test(host)) return null;
  if (!allow.some((a) => host === a || host.endsWith(`.${a}`))) return null;
  return u.href;
}

/**
 * The allow-list with hosts from the user's own settings added (a GitHub Enterprise Server's web host), each only if
 * it is a plain DNS name of at least two labels: no port, no IP address, nothing that would widen the list to a
 * whole top-level domain.
 */
export function externalAllowList(extra: readonly (string | null | undefined)[]): string[] {
  const added = extra
    .map((h) => (typeof h === 'string' ? h.trim().toLowerCase() : ''))
    .filter((h) => DNS_NAME.test(h) && !/^[\d.]+$/.test(h));
  return [...new Set([...EXTERNAL_HOST_ALLOW_LIST, ...added])];
}

export function isAllowedExternalUrl(raw: unknown, allow: readonly string[] = EXTERNAL_HOST_ALLOW_LIST): boolean {
  return safeExternalUrl(raw, allow) !== null;
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
export { CONTENT_SECURITY_POLICY } from '../csp';
