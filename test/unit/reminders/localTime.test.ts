// Wall-clock windows in named timezones: crossing midnight, weekdays, DST.
import { describe, expect, it } from 'vitest';
import { isValidTimeZone } from '../../../src/shared/zonedTime';
import {
  inDailyWindow,
  localClock,
  minuteInWindow,
  nextLocalTime,
  windowEndsAt,
} from '../../../src/main/core/reminders/localTime';
import { formatDuration } from '../../../src/main/core/reminders/cadence';

const at = (iso: string) => Date.parse(iso);
const night = { start: '22:00', end: '07:00', timeZone: 'America/New_York' };

describe('daily windows', () => {
  it('handle windows that cross midnight', () => {
    expect(minuteInWindow(23 * 60, 22 * 60, 7 * 60)).toBe(true);
    expect(minuteInWindow(3 * 60, 22 * 60, 7 * 60)).toBe(true);
    expect(minuteInWindow(7 * 60, 22 * 60, 7 * 60)).toBe(false);
    expect(minuteInWindow(12 * 60, 22 * 60, 7 * 60)).toBe(false);
    expect(minuteInWindow(5, 600, 600)).toBe(false); // start == end: empty
  });

  it('use the window’s own timezone', () => {
    // 03:30 UTC is 22:30 the evening before in New York (UTC-5 in November).
    expect(inDailyWindow(at('2026-11-26T03:30:00Z'), night)).toBe(true);
    expect(inDailyWindow(at('2026-11-26T13:00:00Z'), night)).toBe(false);
    expect(windowEndsAt(at('2026-11-26T03:30:00Z'), night)).toBe(at('2026-11-26T12:00:00Z'));
    expect(localClock(at('2026-11-26T03:30:00Z'), 'America/New_York')).toEqual({ minutes: 22 * 60 + 30, weekday: 3 });
  });

  it('find the next local time across a DST change', () => {
    // Berlin springs forward on 29 March 2026: 07:00 local that morning is 05:00 UTC, the day before 06:00 UTC.
    expect(nextLocalTime(at('2026-03-28T12:00:00Z'), 'Europe/Berlin', '07:00')).toBe(at('2026-03-29T05:00:00Z'));
    expect(nextLocalTime(at('2026-03-27T12:00:00Z'), 'Europe/Berlin', '07:00')).toBe(at('2026-03-28T06:00:00Z'));
  });

  it('recognise unknown timezones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('format countdowns readably', () => {
    expect(formatDuration(65 * 60_000)).toBe('1 h 05 min');
    expect(formatDuration(-12 * 60_000)).toBe('12 min');
    expect(formatDuration(20_000)).toBe('under a minute');
  });
});
