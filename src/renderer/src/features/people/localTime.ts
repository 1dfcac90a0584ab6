// A person's wall-clock time, and whether it falls in their working hours, for handoff decisions.
import { useEffect, useState } from 'react';
import type { Person } from '../../../../shared/people';

export function localTime(timezone: string, now: number): string {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(now);
  } catch {
    return '??:??';
  }
}

/** True/false when working hours are known; null otherwise. Handles hours that wrap past midnight. */
export function atWork(person: Person, now: number): boolean | null {
  const h = person.workingHours;
  if (!h) return null;
  const t = localTime(person.timezone, now);
  return h.start <= h.end ? t >= h.start && t < h.end : t >= h.start || t < h.end;
}

/** The current time, refreshed every 30 seconds, for clocks shown next to names. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
