// The web shell's access token: arrives in the URL fragment (never sent to any server), then lives in this tab's
// sessionStorage only, so a reload keeps working and no other origin (another localhost port included) can see it.
const KEY = 'conn.accessToken';

export function takeAccessToken(
  loc: Location = window.location,
  store: Storage = window.sessionStorage,
): string | null {
  const fromFragment = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token');
  if (fromFragment) {
    keepAccessToken(fromFragment, store);
    // Out of the address bar, history and screenshots.
    window.history.replaceState(null, '', loc.pathname + loc.search);
  }
  return store.getItem(KEY);
}

/** The token this tab already holds (for calls made outside the transport, such as a download). */
export function storedAccessToken(store: Storage = window.sessionStorage): string | null {
  return store.getItem(KEY);
}

/** Keeps a replacement token for this tab (the server restarted and printed a new address). */
export function keepAccessToken(token: string, store: Storage = window.sessionStorage): void {
  store.setItem(KEY, token);
}

/** The token in what the commander pasted: the whole address the server printed (…#token=…) or the token alone. */
export function tokenFromPasted(text: string): string | null {
  const trimmed = text.trim();
  const hash = trimmed.indexOf('#');
  const token = hash >= 0 ? new URLSearchParams(trimmed.slice(hash + 1)).get('token') : trimmed;
  return token && /^[A-Za-z0-9_-]{16,}$/.test(token) ? token : null;
}
