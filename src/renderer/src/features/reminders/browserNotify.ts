// Browser notifications for the web shell (the desktop shell shows OS notifications from main instead).
import type { ReminderNotification } from '../../../../shared/reminders';

const inDesktopShell = () => typeof window !== 'undefined' && 'api' in window;

export function notificationPermission(): NotificationPermission | 'unsupported' {
  if (inDesktopShell() || typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

export async function askNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (notificationPermission() === 'unsupported') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows a browser notification when permitted; clicking it focuses the tab and calls onClick. */
export function showBrowserNotification(n: ReminderNotification, onClick: () => void): void {
  if (notificationPermission() !== 'granted') return;
  const note = new Notification(n.title, { body: n.message, tag: `conn-${n.incidentId ?? 'reports'}` });
  note.onclick = () => {
    window.focus();
    onClick();
    note.close();
  };
}
