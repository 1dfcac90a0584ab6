// The tray's state, tooltip and menu, computed from reminder items.
import { describe, expect, it } from 'vitest';
import { trayModel, type TrayMenuItem } from '../../../src/main/core/reminders/trayModel';
import type { ReminderItem } from '../../../src/shared/reminders';

const item = (over: Partial<ReminderItem> = {}): ReminderItem => ({
  incidentId: 'i1',
  title: 'Hub down',
  status: 'active',
  state: 'ok',
  cadenceMinutes: 180,
  dueAt: '2026-11-26T15:00:00.000Z',
  msUntilDue: 65 * 60_000,
  lastPublicUpdateAt: null,
  snoozedUntil: null,
  ...over,
});

const labels = (menu: TrayMenuItem[]): unknown[] =>
  menu.map((m) => (m.type === 'separator' ? '---' : m.type === 'submenu' ? { [m.label]: labels(m.items) } : m.label));

describe('trayModel', () => {
  it('with no incident: idle, says so, offers only Show and Quit', () => {
    const m = trayModel([]);
    expect(m.state).toBe('idle');
    expect(m.tooltip).toBe('Conn: no open incidents');
    expect(labels(m.menu)).toEqual(['No open incidents', '---', 'Show Conn', 'Quit Conn']);
  });

  it('with one incident: active, countdown in the tooltip, the four actions', () => {
    const m = trayModel([item()]);
    expect(m.state).toBe('active');
    expect(m.tooltip).toBe('Conn: “Hub down”, next update due in 1 h 05 min');
    expect(labels(m.menu)).toEqual([
      'Hub down',
      'Open incident',
      'Add a quick note…',
      'Write status update…',
      { 'Snooze reminder': ['15 minutes', '30 minutes', '60 minutes'] },
      '---',
      'Show Conn',
      'Quit Conn',
    ]);
    const snooze = m.menu[4];
    expect(snooze?.type === 'submenu' && snooze.items[1]?.type === 'action' && snooze.items[1].action).toEqual({
      kind: 'snooze',
      incidentId: 'i1',
      minutes: 30,
    });
  });

  it('takes the most urgent state and puts the most urgent incident first', () => {
    const a = item({ incidentId: 'a', title: 'A', state: 'ok', msUntilDue: 3600_000 });
    const b = item({ incidentId: 'b', title: 'B', state: 'due_soon', msUntilDue: 5 * 60_000 });
    expect(trayModel([a, b]).state).toBe('due_soon');
    const m = trayModel([a, b]);
    expect(m.tooltip).toBe('Conn: 2 open incidents; “B”, next update due in 5 min');
    expect(
      labels(m.menu)
        .slice(0, 2)
        .map((x) => Object.keys(x as object)[0]),
    ).toEqual(['B (next update due in 5 min)', 'A (next update due in 1 h 00 min)']);
    const c = item({ incidentId: 'c', title: 'C', state: 'overdue', msUntilDue: -20 * 60_000 });
    const o = trayModel([a, b, c]);
    expect(o.state).toBe('overdue');
    expect(o.tooltip).toContain('“C”, update overdue by 20 min');
  });

  it('treats due as overdue for the icon and ignores closed incidents', () => {
    expect(trayModel([item({ state: 'due', msUntilDue: 0 })]).state).toBe('overdue');
    expect(trayModel([item({ state: 'none', msUntilDue: null })]).state).toBe('idle');
  });
});
