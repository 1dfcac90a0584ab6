// The web shell's access token: arrives in the URL fragment (never sent to any server), then lives in this tab's
// sessionStorage only, so a reload keeps working and no other origin (another localhost port included) can see it.
const KEY = 'conn.accessToken';

export function takeAccessToken(
  loc: Location = window.location,
  store: Storage = window.sessionStorage,
): string | null {
  const fromFragment = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token');
  if (fromFragment) {
    store.setItem(KEY, fromFragment);
    // Out of the address bar, history and screenshots.
    window.history.replaceState(null, '', loc.pathname + loc.search);
  }
  return store.getItem(KEY);
}

/** The token this tab already holds (for calls made outside the transport, such as a download). */
export function storedAccessToken(store: Storage = window.sessionStorage): string | null {
  return store.getItem(KEY);
}
