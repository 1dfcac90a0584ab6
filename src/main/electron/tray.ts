// Draws the core's tray model (icon, tooltip, menu) and shows reminder notifications. Electron is
// reached only through the small factories in TrayShellDeps, so this file is tested with fakes.
import type { ReminderItem, ReminderNotification } from '../../shared/reminders';
import { trayModel, type TrayAction, type TrayMenuItem, type TrayState } from '../core/reminders/trayModel';
import type { Timers } from '../core/reminders/scheduler';

export interface TrayLike {
  setImage(iconPath: string): void;
  setToolTip(text: string): void;
  setContextMenu(menu: unknown): void;
  destroy(): void;
}

/** The subset of Electron's MenuItemConstructorOptions we use. */
export interface MenuTemplateItem {
  label?: string;
  type?: 'normal' | 'separator' | 'submenu';
  enabled?: boolean;
  submenu?: MenuTemplateItem[];
  click?: () => void;
}

export interface NotificationLike {
  on(event: 'click', listener: () => void): void;
  show(): void;
}

export interface TrayShellDeps {
  createTray(iconPath: string): TrayLike;
  buildMenu(template: MenuTemplateItem[]): unknown;
  /** Null when the OS cannot show notifications. */
  createNotification(opts: { title: string; body: string }): NotificationLike | null;
  iconPath(state: TrayState): string;
  listReminders(): Promise<ReminderItem[]>;
  onAction(action: TrayAction): void;
  timers: Timers;
  /** How often the tooltip countdown is refreshed. */
  refreshMs?: number;
}

export function toMenuTemplate(items: TrayMenuItem[], onAction: (a: TrayAction) => void): MenuTemplateItem[] {
  return items.map((m) => {
    switch (m.type) {
      case 'separator':
        return { type: 'separator' };
      case 'submenu':
        return { type: 'submenu', label: m.label, submenu: toMenuTemplate(m.items, onAction) };
      case 'action':
        return { type: 'normal', label: m.label, enabled: m.enabled, click: () => onAction(m.action) };
    }
  });
}

export interface TrayShell {
  refresh(): Promise<void>;
  notify(n: ReminderNotification): void;
  dispose(): void;
  readonly state: TrayState;
}

export function createTrayShell(deps: TrayShellDeps): TrayShell {
  let state: TrayState = 'idle';
  const tray = deps.createTray(deps.iconPath(state));
  tray.setToolTip('Conn');
  let handle: unknown = null;
  let disposed = false;

  const schedule = () => {
    if (disposed) return;
    handle = deps.timers.set(() => void shell.refresh(), deps.refreshMs ?? 30_000);
  };

  const shell: TrayShell = {
    get state() {
      return state;
    },
    async refresh() {
      if (handle !== null) deps.timers.clear(handle);
      handle = null;
      if (disposed) return;
      try {
        const model = trayModel(await deps.listReminders());
        if (disposed) return;
        if (model.state !== state) tray.setImage(deps.iconPath(model.state));
        state = model.state;
        tray.setToolTip(model.tooltip);
        tray.setContextMenu(deps.buildMenu(toMenuTemplate(model.menu, deps.onAction)));
      } finally {
        schedule();
      }
    },
    notify(n) {
      const note = deps.createNotification({ title: n.title, body: n.message });
      if (!note) return;
      // Clicking a reminder opens the composer for that incident (report debt: the incident itself).
      note.on('click', () => {
        if (n.incidentId === null) deps.onAction({ kind: 'showApp' });
        else if (n.kind === 'report_debt') deps.onAction({ kind: 'openIncident', incidentId: n.incidentId });
        else deps.onAction({ kind: 'openComposer', incidentId: n.incidentId });
      });
      note.show();
    },
    dispose() {
      disposed = true;
      if (handle !== null) deps.timers.clear(handle);
      tray.destroy();
    },
  };
  return shell;
}
