// The status-update clock of one incident: when the next public update is due, and the reminder marks.
import type { IncidentStatus } from '../../../shared/domain';
import type { NotificationKind, ReminderState } from '../../../shared/reminders';

export const MINUTE = 60_000;
export const DUE_SOON_MS = 10 * MINUTE;
export const OVERDUE_REPEAT_MS = 15 * MINUTE;

/** What the reminders need to know about one incident. Times are epoch milliseconds. */
export interface CadenceFact {
  incidentId: string;
  title: string;
  status: IncidentStatus;
  lastPublicUpdateAt: number | null;
  declaredAt: number;
  cadenceMinutes: number;
  snoozedUntil: number | null;
}

/** The port the scheduler reads from; the integrator may swap in a richer source later. */
export interface CadenceSource {
  listCadenceFacts(): CadenceFact[];
}

const OPEN: ReadonlySet<IncidentStatus> = new Set(['declared', 'active', 'mitigated']);
const REPORT_PENDING: ReadonlySet<IncidentStatus> = new Set(['resolved', 'report_in_review']);

/** Open incidents owe the community updates; resolved ones owe a report instead. */
export const isOpen = (s: IncidentStatus) => OPEN.has(s);
export const owesReport = (s: IncidentStatus) => REPORT_PENDING.has(s);

export function dueAtOf(f: CadenceFact): number {
  return (f.lastPublicUpdateAt ?? f.declaredAt) + f.cadenceMinutes * MINUTE;
}

export function stateOf(f: CadenceFact, now: number): ReminderState {
  if (!isOpen(f.status)) return 'none';
  const due = dueAtOf(f);
  if (now < due - DUE_SOON_MS) return 'ok';
  if (now < due) return 'due_soon';
  if (now < due + OVERDUE_REPEAT_MS) return 'due';
  return 'overdue';
}

export interface Mark {
  kind: Exclude<NotificationKind, 'report_debt'>;
  at: number;
}

/** The most recent reminder mark at or before `now`: ten minutes before, at due, then every 15 min. */
export function latestMark(dueAt: number, now: number): Mark | null {
  if (now < dueAt - DUE_SOON_MS) return null;
  if (now < dueAt) return { kind: 'due_soon', at: dueAt - DUE_SOON_MS };
  const k = Math.floor((now - dueAt) / OVERDUE_REPEAT_MS);
  return k === 0 ? { kind: 'due', at: dueAt } : { kind: 'overdue', at: dueAt + k * OVERDUE_REPEAT_MS };
}

/** The first mark strictly after `now`. */
export function nextMark(dueAt: number, now: number): Mark {
  if (now < dueAt - DUE_SOON_MS) return { kind: 'due_soon', at: dueAt - DUE_SOON_MS };
  if (now < dueAt) return { kind: 'due', at: dueAt };
  const k = Math.floor((now - dueAt) / OVERDUE_REPEAT_MS) + 1;
  return { kind: 'overdue', at: dueAt + k * OVERDUE_REPEAT_MS };
}

/** "1 h 05 min", "12 min", "under a minute": for tooltips and notification text. */
export function formatDuration(ms: number): string {
  const mins = Math.floor(Math.abs(ms) / MINUTE);
  if (mins < 1) return 'under a minute';
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  if (h === 0) return `${m} min`;
  return `${h} h ${String(m).padStart(2, '0')} min`;
}
