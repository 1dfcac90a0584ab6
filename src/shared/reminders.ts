// Reminder and status-update types that cross the boundary between the core and the renderer.
import type { IncidentStatus } from './domain';

export const reminderStates = ['none', 'ok', 'due_soon', 'due', 'overdue'] as const;
export type ReminderState = (typeof reminderStates)[number];

export const notificationKinds = ['due_soon', 'due', 'overdue', 'report_debt'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const snoozeMinutes = [15, 30, 60] as const;
export type SnoozeMinutes = (typeof snoozeMinutes)[number];

export const DEFAULT_CADENCE_MINUTES = 180;
export const MIN_CADENCE_MINUTES = 15;
export const MAX_CADENCE_MINUTES = 24 * 60;

/** One open incident's update clock, as shown in the banner, the tray and `reminders.list`. */
export interface ReminderItem {
  incidentId: string;
  title: string;
  status: IncidentStatus;
  state: ReminderState;
  cadenceMinutes: number;
  /** ISO-8601 UTC; null only when state is 'none'. */
  dueAt: string | null;
  /** Positive before the due time, negative once it has passed. */
  msUntilDue: number | null;
  lastPublicUpdateAt: string | null;
  snoozedUntil: string | null;
}

export interface ReportDebtItem {
  incidentId: string;
  title: string;
  status: IncidentStatus;
}

/** A daily window in one timezone; start > end means it crosses midnight (22:00–07:00). */
export interface DailyWindow {
  start: string; // HH:MM
  end: string; // HH:MM
  timeZone: string; // IANA name
}
export interface QuietHours extends DailyWindow {
  enabled: boolean;
}
export interface WorkingHours extends DailyWindow {
  /** 0 = Sunday … 6 = Saturday, in the window's timezone. */
  days: number[];
}

export interface RemindersOverview {
  now: string;
  items: ReminderItem[];
  reportDebt: ReportDebtItem[];
  quietHours: QuietHours;
}

/** What `reminders.fired` carries and what the desktop shows as an OS notification. */
export interface ReminderNotification {
  incidentId: string | null;
  kind: NotificationKind;
  title: string;
  message: string;
  at: string;
}

export const updateTemplates = ['first_response', 'update', 'resolved'] as const;
export type UpdateTemplate = (typeof updateTemplates)[number];

export const placeholderNames = [
  'title',
  'hub',
  'current_state',
  'what_was_tried',
  'next_steps',
  'next_update_time',
  'incident_url',
  'ticket_url',
  'commander',
] as const;
export type PlaceholderName = (typeof placeholderNames)[number];

export interface UpdateDraft {
  template: UpdateTemplate;
  text: string;
  /** Placeholders in the template that Conn does not know: never filled, sending is refused. */
  unknownPlaceholders: string[];
  /** Known placeholders with no value in this session: left as {{name}} for the writer to fill. */
  missing: string[];
  /** Where the template came from: a Freshdesk canned response or the built-in one. */
  source?: string;
}

/** Finds every {{placeholder}} still in a text (spaces inside the braces allowed). */
export const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;
export function placeholdersIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(PLACEHOLDER_PATTERN)) found.add(m[1] ?? '');
  return [...found];
}
