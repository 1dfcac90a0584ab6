import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dayHeading,
  formatDuration,
  formatZoned,
  isValidTimeZone,
  toWallTime,
  wallTimeToUtc,
  zonedDate,
  zonedFormatter,
  zonedParts,
} from '../../src/shared/zonedTime';

describe('report times in one timezone', () => {
  it('formats an instant in the chosen zone, across a date line', () => {
    const t = Date.UTC(2026, 10, 26, 23, 30);
    expect(formatZoned(t, 'UTC')).toBe('2026-11-26 23:30');
    expect(formatZoned(t, 'Europe/Berlin')).toBe('2026-11-27 00:30');
    expect(formatZoned(t, 'America/Los_Angeles')).toBe('2026-11-26 15:30');
    expect(formatZoned(t, 'Asia/Kolkata')).toBe('2026-11-27 05:00');
    expect(zonedDate(t, 'Australia/Sydney')).toBe('2026-11-27');
    expect(dayHeading(t, 'Europe/Berlin')).toMatch(/Friday,? 27 November 2026/);
  });

  it('knows valid IANA names from invalid ones', () => {
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('computes durations across days, and none for a missing or earlier end', () => {
    const s = Date.UTC(2026, 10, 26, 22, 10);
    expect(formatDuration(s, s + 45 * 60_000)).toBe('45 minutes');
    expect(formatDuration(s, s + 61 * 60_000)).toBe('1 hour 1 minute');
    expect(formatDuration(s, Date.UTC(2026, 10, 28, 1, 40))).toBe('1 day 3 hours 30 minutes');
    expect(formatDuration(s, s + 2 * 86_400_000)).toBe('2 days');
    expect(formatDuration(s, s + 20_000)).toBe('less than a minute');
    expect(formatDuration(s, null)).toBeNull();
    expect(formatDuration(s, s - 1)).toBeNull();
  });

  it('turns a wall time in a zone back into the instant, including around DST changes', () => {
    expect(wallTimeToUtc('2026-11-27T00:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 10, 26, 23, 30));
    expect(wallTimeToUtc('2026-07-01T12:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 1, 10, 0));
    // The night Berlin moves clocks back (25 Oct 2026): 01:30 exists once, in summer time.
    expect(wallTimeToUtc('2026-10-25T01:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 24, 23, 30));
    expect(wallTimeToUtc('not a time', 'UTC')).toBeNull();
  });

  it('round-trips any minute through the wall time shown in a datetime input', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Adelaide'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000_000 }), fc.constantFrom(...zones), (min, tz) => {
        const t = Date.UTC(2000, 0, 1) + min * 60_000;
        const back = wallTimeToUtc(toWallTime(t, tz), tz);
        // In an autumn overlap the wall time is ambiguous: either reading is that same wall time.
        expect(back).not.toBeNull();
        expect(formatZoned(back!, tz)).toBe(formatZoned(t, tz));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the UTC fast path', () => {
  it('gives what Intl gives for Etc/UTC, across centuries and leap days', () => {
    const instants = [0, Date.UTC(2024, 1, 29, 23, 59, 59), Date.UTC(1999, 11, 31, 23, 59, 59, 999), 4102444800000];
    for (let i = 0; i < 500; i++) instants.push(Math.floor(((i * 7919) % 500) * 8_640_000_000 + i * 60_001));
    for (const ms of instants) expect(zonedParts(ms, 'UTC')).toEqual(zonedParts(ms, 'Etc/UTC'));
  });

  it('keeps one formatter per zone and style, and the styles of one zone apart', () => {
    const t = Date.UTC(2026, 10, 26, 23, 30);
    // Read the heading, then the parts, then the heading again in one zone: neither may answer for the other.
    expect(dayHeading(t, 'Asia/Tokyo')).toMatch(/Friday,? 27 November 2026/);
    expect(formatZoned(t, 'Asia/Tokyo')).toBe('2026-11-27 08:30');
    expect(dayHeading(t, 'Asia/Tokyo')).toMatch(/Friday,? 27 November 2026/);
    expect(zonedFormatter('Asia/Tokyo', 'day')).toBe(zonedFormatter('Asia/Tokyo', 'day'));
    expect(zonedFormatter('Asia/Tokyo', 'day')).not.toBe(zonedFormatter('Asia/Tokyo', 'parts'));
    expect(zonedFormatter('Asia/Tokyo', 'day')).not.toBe(zonedFormatter('Europe/Berlin', 'day'));
  });
});
