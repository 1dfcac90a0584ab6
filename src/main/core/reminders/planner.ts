// Pure reminder planning: given the facts, the time and what was already shown, decide what to show
// now and when to look again. A clock jump yields at most one notification per incident (the latest).
import type { QuietHours, ReminderNotification, WorkingHours } from '../../../shared/reminders';
import {
  dueAtOf,
  formatDuration,
  isOpen,
  latestMark,
  MINUTE,
  nextMark,
  owesReport,
  type CadenceFact,
  type Mark,
} from './cadence';
import { inDailyWindow, localClock, nextLocalTime, windowEndsAt } from './localTime';

export const REPORT_DEBT_INTERVAL_MS = 4 * 60 * MINUTE;

export interface ReminderSettings {
  quietHours: QuietHours;
  workingHours: WorkingHours;
}

/** Per incident: which mark of which due time was last shown. */
export interface FiredMark {
  dueAt: number;
  markAt: number;
}

export interface PlannerMemory {
  fired: ReadonlyMap<string, FiredMark>;
  lastReportDebtAt: number | null;
}

export interface Plan {
  notifications: ReminderNotification[];
  memory: { fired: Map<string, FiredMark>; lastReportDebtAt: number | null };
  /** Epoch ms of the next instant worth re-evaluating, or null when nothing is pending. */
  nextWakeAt: number | null;
}

function messageFor(f: CadenceFact, mark: Mark, dueAt: number, now: number): { title: string; message: string } {
  switch (mark.kind) {
    case 'due_soon':
      return {
        title: 'Status update due soon',
        message: `The next update on “${f.title}” is due in ${formatDuration(dueAt - now)}.`,
      };
    case 'due':
      return { title: 'Status update due now', message: `Time to tell the community how “${f.title}” is going.` };
    case 'overdue':
      return {
        title: 'Status update overdue',
        message: `The update on “${f.title}” is ${formatDuration(now - dueAt)} late. A short note is better than none.`,
      };
  }
}

/** Until when notifications are held back (snooze, quiet hours); `now` when they are not. */
function heldUntil(f: CadenceFact, now: number, quiet: QuietHours): number {
  let until = now;
  if (f.snoozedUntil !== null && f.snoozedUntil > now) until = f.snoozedUntil;
  if (quiet.enabled) {
    // Snooze may end inside quiet hours: hold on until both are over.
    for (let i = 0; i < 3 && inDailyWindow(until, quiet); i++) until = windowEndsAt(until, quiet);
  }
  return until;
}

export function planReminders(
  facts: CadenceFact[],
  now: number,
  memory: PlannerMemory,
  settings: ReminderSettings,
): Plan {
  const fired = new Map<string, FiredMark>();
  const notifications: ReminderNotification[] = [];
  let wake: number | null = null;
  const wakeAt = (t: number) => {
    wake = wake === null ? t : Math.min(wake, t);
  };

  for (const f of facts) {
    if (!isOpen(f.status)) continue;
    const dueAt = dueAtOf(f);
    const before = memory.fired.get(f.incidentId);
    // A new public update or a cadence change moves the due time: its marks start afresh.
    const prev = before && before.dueAt === dueAt ? before : undefined;
    if (prev) fired.set(f.incidentId, prev);
    const mark = latestMark(dueAt, now);
    if (mark && (!prev || mark.at > prev.markAt)) {
      const held = heldUntil(f, now, settings.quietHours);
      if (held > now) {
        wakeAt(held);
      } else {
        notifications.push({
          incidentId: f.incidentId,
          kind: mark.kind,
          ...messageFor(f, mark, dueAt, now),
          at: new Date(now).toISOString(),
        });
        fired.set(f.incidentId, { dueAt, markAt: mark.at });
      }
    }
    wakeAt(nextMark(dueAt, now).at);
  }

  let lastReportDebtAt = memory.lastReportDebtAt;
  const debts = facts.filter((f) => owesReport(f.status));
  if (debts.length > 0) {
    const wh = settings.workingHours;
    const working = inDailyWindow(now, wh) && wh.days.includes(localClock(now, wh.timeZone).weekday);
    const quiet = settings.quietHours.enabled && inDailyWindow(now, settings.quietHours);
    const rested = lastReportDebtAt === null || now - lastReportDebtAt >= REPORT_DEBT_INTERVAL_MS;
    if (working && !quiet && rested) {
      const first = debts[0]!;
      notifications.push({
        incidentId: debts.length === 1 ? first.incidentId : null,
        kind: 'report_debt',
        title: 'An incident report is waiting',
        message:
          debts.length === 1
            ? `“${first.title}” is resolved; its report is not closed yet.`
            : `${debts.length} resolved incidents still have reports to finish.`,
        at: new Date(now).toISOString(),
      });
      lastReportDebtAt = now;
    }
    if (lastReportDebtAt !== null && now - lastReportDebtAt < REPORT_DEBT_INTERVAL_MS) {
      wakeAt(lastReportDebtAt + REPORT_DEBT_INTERVAL_MS);
    } else if (!working || quiet) {
      wakeAt(nextLocalTime(now, wh.timeZone, wh.start));
      if (quiet) wakeAt(windowEndsAt(now, settings.quietHours));
    }
  }

  return { notifications, memory: { fired, lastReportDebtAt }, nextWakeAt: wake };
}
