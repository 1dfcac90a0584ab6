/** '45m', '3h 05m', '2d 4h': a duration short enough for a table cell. */
export function shortDuration(ms: number | null): string {
  if (ms === null) return '—';
  const m = Math.round(ms / 60_000);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
