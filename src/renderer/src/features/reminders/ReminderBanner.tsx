// The reminder banner: countdown to the most pressing status update, due/overdue states, snoozes,
// and (in the web shell) an offer to turn on browser notifications.
import { useEffect, useState } from 'react';
import { snoozeMinutes, type ReminderItem, type SnoozeMinutes } from '../../../../shared/reminders';
import { askNotificationPermission, notificationPermission } from './browserNotify';
import './reminders.css';

interface Props {
  item: ReminderItem | null;
  reportDebt: number;
  onCompose(incidentId: string): void;
  onSnooze(incidentId: string, minutes: SnoozeMinutes): void;
}

export function countdownText(ms: number): string {
  const mins = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(mins / 60);
  const span = h > 0 ? `${h} h ${String(mins % 60).padStart(2, '0')} min` : mins < 1 ? 'under a minute' : `${mins} min`;
  return span;
}

function headline(item: ReminderItem, remaining: number): string {
  switch (item.state) {
    case 'due_soon':
      return `Status update on “${item.title}” due in ${countdownText(remaining)}`;
    case 'due':
      return `Status update on “${item.title}” is due now`;
    case 'overdue':
      return `Status update on “${item.title}” is ${countdownText(remaining)} overdue`;
    default:
      return `Next update on “${item.title}” in ${countdownText(remaining)}`;
  }
}

export function ReminderBanner({ item, reportDebt, onCompose, onSnooze }: Props) {
  const [now, setNow] = useState(() => Date.now());
  const [permission, setPermission] = useState(notificationPermission);
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(h);
  }, []);

  if (!item && reportDebt === 0) return null;
  const remaining = item?.dueAt ? Date.parse(item.dueAt) - now : 0;
  return (
    <div className={`reminder-banner state-${item?.state ?? 'report'}`} role="status" aria-label="Reminder">
      {item ? (
        <>
          <span className="reminder-text">
            {headline(item, remaining)}
            {item.snoozedUntil ? <span className="muted"> · snoozed</span> : null}
          </span>
          <button type="button" className="primary" onClick={() => onCompose(item.incidentId)}>
            Write update
          </button>
          <span className="snooze" role="group" aria-label="Snooze">
            Snooze
            {snoozeMinutes.map((m) => (
              <button key={m} type="button" onClick={() => onSnooze(item.incidentId, m)}>
                {m} min
              </button>
            ))}
          </span>
        </>
      ) : (
        <span className="reminder-text">
          {reportDebt === 1
            ? 'A resolved incident still has an open report.'
            : `${reportDebt} resolved incidents still have open reports.`}
        </span>
      )}
      {permission === 'default' ? (
        <button type="button" className="link" onClick={() => void askNotificationPermission().then(setPermission)}>
          Notify me in the browser
        </button>
      ) : null}
    </div>
  );
}
