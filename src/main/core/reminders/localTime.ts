// Wall-clock arithmetic in a named timezone (quiet hours, working hours), without a date library.
import type { DailyWindow } from '../../../shared/reminders';
import { zonedFormatter } from '../../../shared/zonedTime';

const MINUTE = 60_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Minutes since local midnight and the local weekday (0 = Sunday) at an instant. */
export function localClock(ms: number, timeZone: string): { minutes: number; weekday: number } {
  let hour = 0;
  let minute = 0;
  let weekday = 0;
  for (const p of zonedFormatter(timeZone, 'clock').formatToParts(new Date(ms))) {
    if (p.type === 'hour') hour = Number(p.value) % 24;
    else if (p.type === 'minute') minute = Number(p.value);
    else if (p.type === 'weekday') weekday = WEEKDAYS.indexOf(p.value);
  }
  return { minutes: hour * 60 + minute, weekday };
}

export function parseHhMm(text: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) throw new Error(`not a HH:MM time: ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** True when the local minute falls in [start, end); a window whose start equals its end is empty. */
export function minuteInWindow(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

export function inDailyWindow(ms: number, w: DailyWindow): boolean {
  return minuteInWindow(localClock(ms, w.timeZone).minutes, parseHhMm(w.start), parseHhMm(w.end));
}

/** The first instant strictly after `ms` whose local time is `hhmm` (DST shifts corrected by an hour). */
export function nextLocalTime(ms: number, timeZone: string, hhmm: string): number {
  const target = parseHhMm(hhmm);
  const here = localClock(ms, timeZone).minutes;
  const delta = (target - here + 1440) % 1440 || 1440;
  const candidate = Math.floor(ms / MINUTE) * MINUTE + delta * MINUTE;
  for (const shift of [0, -60, 60]) {
    const c = candidate + shift * MINUTE;
    if (c > ms && localClock(c, timeZone).minutes === target) return c;
  }
  return candidate;
}

/** When the window that contains `ms` ends (or `ms` itself when outside it). */
export function windowEndsAt(ms: number, w: DailyWindow): number {
  return inDailyWindow(ms, w) ? nextLocalTime(ms, w.timeZone, w.end) : ms;
}
