// The desktop tray, drawn through fakes of Tray/Menu/Notification (no Electron binary here).
import { describe, expect, it } from 'vitest';
import { createTrayShell, type MenuTemplateItem } from '../../src/main/electron/tray';
import type { TrayAction } from '../../src/main/core/reminders/trayModel';
import type { Timers } from '../../src/main/core/reminders/scheduler';
import type { ReminderItem } from '../../src/shared/reminders';

const item = (over: Partial<ReminderItem> = {}): ReminderItem => ({
  incidentId: 'i1',
  title: 'Hub down',
  status: 'active',
  state: 'ok',
  cadenceMinutes: 180,
  dueAt: '2026-11-26T15:00:00.000Z',
  msUntilDue: 30 * 60_000,
  lastPublicUpdateAt: null,
  snoozedUntil: null,
  ...over,
});

function setup(items: ReminderItem[], opts: { notifications?: boolean } = {}) {
  const calls: string[] = [];
  let menu: MenuTemplateItem[] = [];
  const actions: TrayAction[] = [];
  const notes: Array<{ title: string; body: string; click?: () => void; shown: boolean }> = [];
  const timers: Timers & { pending: number } = {
    pending: 0,
    set() {
      this.pending++;
      return this.pending;
    },
    clear() {
      this.pending--;
    },
  };
  const current = { items };
  const shell = createTrayShell({
    createTray: (icon) => {
      calls.push(`new ${icon}`);
      return {
        setImage: (p) => calls.push(`image ${p}`),
        setToolTip: (t) => calls.push(`tooltip ${t}`),
        setContextMenu: (m) => {
          menu = m as MenuTemplateItem[];
        },
        destroy: () => calls.push('destroy'),
      };
    },
    buildMenu: (t) => t,
    createNotification: (o) => {
      if (opts.notifications === false) return null;
      const n = { ...o, shown: false, click: undefined as undefined | (() => void) };
      notes.push(n);
      return {
        on: (_e, fn) => {
          n.click = fn;
        },
        show: () => {
          n.shown = true;
        },
      };
    },
    iconPath: (s) => `/icons/${s}.png`,
    listReminders: async () => current.items,
    onAction: (a) => actions.push(a),
    timers,
  });
  return { shell, calls, menu: () => menu, actions, notes, timers, current };
}

const find = (menu: MenuTemplateItem[], label: string): MenuTemplateItem | undefined => {
  for (const m of menu) {
    if (m.label === label) return m;
    const inner = m.submenu && find(m.submenu, label);
    if (inner) return inner;
  }
  return undefined;
};

describe('the tray shell', () => {
  it('starts idle, then draws the state icon, the countdown tooltip and the menu', async () => {
    const t = setup([item()]);
    expect(t.calls[0]).toBe('new /icons/idle.png');
    await t.shell.refresh();
    expect(t.shell.state).toBe('active');
    expect(t.calls).toContain('image /icons/active.png');
    expect(t.calls).toContain('tooltip Conn: “Hub down”, next update due in 30 min');
    expect(t.menu().map((m) => m.label ?? m.type)).toEqual([
      'Hub down',
      'Open incident',
      'Add a quick note…',
      'Write status update…',
      'Snooze reminder',
      'separator',
      'Show Conn',
      'Quit Conn',
    ]);
    expect(t.timers.pending).toBe(1); // one countdown refresh pending, never more
    await t.shell.refresh();
    expect(t.timers.pending).toBe(1);
  });

  it('menu clicks become actions: open, quick note, composer, snooze 15/30/60', async () => {
    const t = setup([item()]);
    await t.shell.refresh();
    for (const label of ['Open incident', 'Add a quick note…', 'Write status update…', '15 minutes', '60 minutes'])
      find(t.menu(), label)!.click!();
    expect(t.actions).toEqual([
      { kind: 'openIncident', incidentId: 'i1' },
      { kind: 'quickNote', incidentId: 'i1' },
      { kind: 'openComposer', incidentId: 'i1' },
      { kind: 'snooze', incidentId: 'i1', minutes: 15 },
      { kind: 'snooze', incidentId: 'i1', minutes: 60 },
    ]);
  });

  it('changes the icon only when the state changes (due soon, overdue)', async () => {
    const t = setup([item()]);
    await t.shell.refresh();
    t.current.items = [item({ state: 'due_soon', msUntilDue: 5 * 60_000 })];
    await t.shell.refresh();
    t.current.items = [item({ state: 'overdue', msUntilDue: -20 * 60_000 })];
    await t.shell.refresh();
    await t.shell.refresh();
    expect(t.calls.filter((c) => c.startsWith('image'))).toEqual([
      'image /icons/active.png',
      'image /icons/due_soon.png',
      'image /icons/overdue.png',
    ]);
    expect(t.calls.at(-1)).toBe('tooltip Conn: “Hub down”, update overdue by 20 min');
  });

  it('shows a notification; clicking it opens the composer for that incident', () => {
    const t = setup([]);
    t.shell.notify({ incidentId: 'i1', kind: 'due', title: 'Status update due now', message: 'Time to…', at: '' });
    expect(t.notes[0]).toMatchObject({ title: 'Status update due now', body: 'Time to…', shown: true });
    t.notes[0]!.click!();
    t.shell.notify({ incidentId: null, kind: 'report_debt', title: 'Reports', message: '2 reports', at: '' });
    t.notes[1]!.click!();
    expect(t.actions).toEqual([{ kind: 'openComposer', incidentId: 'i1' }, { kind: 'showApp' }]);
  });

  it('does nothing when the OS has no notifications, and cleans up on dispose', async () => {
    const t = setup([item()], { notifications: false });
    t.shell.notify({ incidentId: 'i1', kind: 'due', title: 'x', message: 'y', at: '' });
    await t.shell.refresh();
    t.shell.dispose();
    expect(t.calls.at(-1)).toBe('destroy');
    expect(t.timers.pending).toBe(0);
  });
});
