// Times in one named timezone (IANA), with Intl only, so the core and the renderer agree on every conversion.

export function isValidTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The ways Conn reads or writes an instant in a zone: each a locale and its options, the zone left out. */
const formatStyles = {
  /** Every field as numbers, for zonedParts. */
  parts: {
    locale: 'en-US',
    options: {
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    },
  },
  /** 'Thursday 26 November 2026', for dayHeading. */
  day: { locale: 'en-GB', options: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } },
  /** The hour, minute and short weekday, for the reminders' quiet and working hours (reminders/localTime.ts). */
  clock: { locale: 'en-US', options: { hourCycle: 'h23', hour: '2-digit', minute: '2-digit', weekday: 'short' } },
} satisfies Record<string, { locale: string; options: Intl.DateTimeFormatOptions }>;

export type ZonedFormatStyle = keyof typeof formatStyles;

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The one formatter per zone and style, built once: building an Intl.DateTimeFormat per line cost seconds and a
 * gigabyte on a long timeline.
 */
export function zonedFormatter(tz: string, style: ZonedFormatStyle): Intl.DateTimeFormat {
  const key = `${style} ${tz}`;
  let f = formatters.get(key);
  if (!f) {
    const { locale, options } = formatStyles[style];
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: tz });
    formatters.set(key, f);
  }
  return f;
}

export function zonedParts(ms: number, tz: string): Parts {
  if (tz === 'UTC') {
    // The default zone needs no Intl call (a report page formats a few hundred times per read).
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
    };
  }
  const out: Record<string, number> = {};
  for (const p of zonedFormatter(tz, 'parts').formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: (out.hour ?? 0) % 24,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The zone's offset from UTC at that instant, in milliseconds (positive east of Greenwich). */
export function offsetAt(ms: number, tz: string): number {
  const p = zonedParts(ms, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** 'YYYY-MM-DD' of the instant in the zone. */
export function zonedDate(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM-DD HH:mm' of the instant in the zone: the one way report times are written. */
export function formatZoned(ms: number, tz: string): string {
  const p = zonedParts(ms, tz);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** 'YYYY-MM-DDTHH:mm', the value a datetime-local input shows for the instant in the zone. */
export function toWallTime(ms: number, tz: string): string {
  return formatZoned(ms, tz).replace(' ', 'T');
}

/**
 * The instant at which the zone's clocks show the wall time (DST gaps and overlaps resolve to a
 * nearby valid instant). Returns null for text that is not a wall time.
 */
export function wallTimeToUtc(wall: string, tz: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const guess = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(guess)) return null;
  const o1 = offsetAt(guess, tz);
  const t1 = guess - o1;
  const o2 = offsetAt(t1, tz);
  if (o1 === o2) return t1;
  const t2 = guess - o2;
  return offsetAt(t2, tz) === o2 ? t2 : Math.max(t1, t2);
}

/** A weekday and date heading for a day in the zone, e.g. 'Thursday 26 November 2026'. */
export function dayHeading(ms: number, tz: string): string {
  return zonedFormatter(tz, 'day').format(new Date(ms));
}

/** '1 day 3 hours 20 minutes'; null when the end is missing or before the start. */
export function formatDuration(startMs: number, endMs: number | null): string | null {
  if (endMs === null || endMs < startMs) return null;
  const totalMin = Math.floor((endMs - startMs) / 60000);
  if (totalMin < 1) return 'less than a minute';
  const days = Math.floor(totalMin / 1440);
  const hours = Math.floor((totalMin % 1440) / 60);
  const mins = totalMin % 60;
  const unit = (n: number, one: string) => (n === 0 ? '' : `${n} ${one}${n === 1 ? '' : 's'}`);
  return [unit(days, 'day'), unit(hours, 'hour'), unit(mins, 'minute')].filter(Boolean).join(' ');
}
