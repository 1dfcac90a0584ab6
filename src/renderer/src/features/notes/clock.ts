// Cached time formatters for long lists (creating an Intl formatter per row is slow at 10,000 rows).
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = cache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      month: 'short',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    cache.set(timeZone, f);
  }
  return f;
}

/** "26 Nov, 12:00:05" in the incident's timezone. */
export const formatClock = (iso: string, timeZone: string): string => formatter(timeZone).format(new Date(iso));
