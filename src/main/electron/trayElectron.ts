// Connects the tray shell to real Electron (Tray, Menu, Notification) and to the core's bus.
import { app, Menu, Notification, Tray, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import type { Core } from '../core';
import { systemTimers } from '../core/reminders/scheduler';
import type { TrayAction } from '../core/reminders/trayModel';
import type { RemindersOverview } from '../../shared/reminders';
import { assertNever } from '../../shared/result';
import { createTrayShell, type TrayShell } from './tray';

export function startTray(core: Core, resourcesDir: string, window: () => BrowserWindow | undefined): TrayShell {
  const show = () => {
    const win = window();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const onAction = (a: TrayAction) => {
    switch (a.kind) {
      case 'openIncident':
      case 'quickNote':
      case 'openComposer':
        show();
        core.bus.emit('ui.actionRequested', { action: a.kind, incidentId: a.incidentId });
        return;
      case 'snooze':
        void core.invoke('reminders.snooze', { incidentId: a.incidentId, minutes: a.minutes });
        return;
      case 'showApp':
        show();
        return;
      case 'quit':
        app.quit();
        return;
      default:
        assertNever(a, 'tray action');
    }
  };
  const shell = createTrayShell({
    createTray: (icon) => new Tray(icon),
    buildMenu: (template) => Menu.buildFromTemplate(template as MenuItemConstructorOptions[]),
    createNotification: (opts) => (Notification.isSupported() ? new Notification(opts) : null),
    iconPath: (state) => join(resourcesDir, 'tray', `${state}.png`),
    listReminders: async () => {
      const r = await core.invoke('reminders.list', {});
      return r.ok ? (r.value as RemindersOverview).items : [];
    },
    onAction,
    timers: systemTimers,
  });
  core.bus.subscribe((name, payload) => {
    if (name === 'reminders.fired') shell.notify(payload as Parameters<TrayShell['notify']>[0]);
    if (name === 'reminders.changed' || name === 'reminders.fired' || name === 'incidents.declared')
      void shell.refresh();
  });
  void shell.refresh();
  return shell;
}
