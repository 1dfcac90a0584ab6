// One way to show times everywhere: the incident's timezone (UTC by default), local time on hover.
export function formatTime(iso: string, timeZone = 'UTC'): string {
  const d = new Date(iso);
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
  return `${text} ${timeZone === 'UTC' ? 'UTC' : timeZone}`;
}

export function localTitle(iso: string): string {
  return `Your local time: ${new Date(iso).toLocaleString()}`;
}

export function age(iso: string, now: number = Date.now()): string {
  const mins = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60000));
  if (mins < 60) return `${mins}m`;
  const hours = Math.floor(mins / 60);
  if (hours < 48) return `${hours}h ${mins % 60}m`;
  return `${Math.floor(hours / 24)}d`;
}
