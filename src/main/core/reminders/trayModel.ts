// What the tray shows, computed from the reminder items: icon state, tooltip countdown, menu model.
// Pure data: the Electron shell only draws it (src/main/electron/tray.ts).
import { assertNever } from '../../../shared/result';
import { snoozeMinutes, type ReminderItem, type SnoozeMinutes } from '../../../shared/reminders';
import { formatDuration } from './cadence';

export const trayStates = ['idle', 'active', 'due_soon', 'overdue'] as const;
export type TrayState = (typeof trayStates)[number];

export type TrayAction =
  | { kind: 'openIncident'; incidentId: string }
  | { kind: 'quickNote'; incidentId: string }
  | { kind: 'openComposer'; incidentId: string }
  | { kind: 'snooze'; incidentId: string; minutes: SnoozeMinutes }
  | { kind: 'showApp' }
  | { kind: 'quit' };

export type TrayMenuItem =
  | { type: 'action'; label: string; action: TrayAction; enabled: boolean }
  | { type: 'submenu'; label: string; items: TrayMenuItem[] }
  | { type: 'separator' };

export interface TrayModel {
  state: TrayState;
  tooltip: string;
  menu: TrayMenuItem[];
}

const urgency = (i: ReminderItem) => i.msUntilDue ?? Number.POSITIVE_INFINITY;

function countdown(i: ReminderItem): string {
  const ms = i.msUntilDue ?? 0;
  return ms >= 0 ? `next update due in ${formatDuration(ms)}` : `update overdue by ${formatDuration(ms)}`;
}

function incidentActions(i: ReminderItem): TrayMenuItem[] {
  const snoozed = i.snoozedUntil !== null;
  return [
    {
      type: 'action',
      label: 'Open incident',
      action: { kind: 'openIncident', incidentId: i.incidentId },
      enabled: true,
    },
    {
      type: 'action',
      label: 'Add a quick note…',
      action: { kind: 'quickNote', incidentId: i.incidentId },
      enabled: true,
    },
    {
      type: 'action',
      label: 'Write status update…',
      action: { kind: 'openComposer', incidentId: i.incidentId },
      enabled: true,
    },
    {
      type: 'submenu',
      label: snoozed ? 'Snooze reminder (snoozed)' : 'Snooze reminder',
      items: snoozeMinutes.map((m) => ({
        type: 'action' as const,
        label: `${m} minutes`,
        action: { kind: 'snooze' as const, incidentId: i.incidentId, minutes: m },
        enabled: true,
      })),
    },
  ];
}

export function trayStateOf(items: ReminderItem[]): TrayState {
  let state: TrayState = 'idle';
  for (const i of items) {
    switch (i.state) {
      case 'none':
        break;
      case 'ok':
        if (state === 'idle') state = 'active';
        break;
      case 'due_soon':
        if (state !== 'overdue') state = 'due_soon';
        break;
      case 'due':
      case 'overdue':
        state = 'overdue';
        break;
      default:
        assertNever(i.state, 'reminder state');
    }
  }
  return state;
}

export function trayModel(all: ReminderItem[]): TrayModel {
  const items = all.filter((i) => i.state !== 'none').sort((a, b) => urgency(a) - urgency(b));
  const state = trayStateOf(items);
  const tail: TrayMenuItem[] = [
    { type: 'separator' },
    { type: 'action', label: 'Show Conn', action: { kind: 'showApp' }, enabled: true },
    { type: 'action', label: 'Quit Conn', action: { kind: 'quit' }, enabled: true },
  ];
  if (items.length === 0) {
    return {
      state,
      tooltip: 'Conn: no open incidents',
      menu: [{ type: 'action', label: 'No open incidents', action: { kind: 'showApp' }, enabled: false }, ...tail],
    };
  }
  const first = items[0]!;
  const tooltip =
    items.length === 1
      ? `Conn: “${first.title}”, ${countdown(first)}`
      : `Conn: ${items.length} open incidents; “${first.title}”, ${countdown(first)}`;
  const menu: TrayMenuItem[] =
    items.length === 1
      ? [
          {
            type: 'action',
            label: first.title,
            action: { kind: 'openIncident', incidentId: first.incidentId },
            enabled: false,
          },
          ...incidentActions(first),
        ]
      : items.map((i) => ({
          type: 'submenu' as const,
          label: `${i.title} (${countdown(i)})`,
          items: incidentActions(i),
        }));
  return { state, tooltip, menu: [...menu, ...tail] };
}
