// Runs the planner on a timer: wakes at the next mark (at most every minute, so a sleeping laptop's
// clock jump is noticed soon after waking) and hands notifications to the Notifier port.
import type { ReminderNotification } from '../../../shared/reminders';
import type { Clock } from '../ports';
import type { CadenceSource } from './cadence';
import { planReminders, type FiredMark, type ReminderSettings } from './planner';

export interface Notifier {
  notify(n: ReminderNotification): void;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const systemTimers: Timers = {
  set(fn, ms) {
    const h = setTimeout(fn, ms);
    // Never keep a process (a test, the CLI on shutdown) alive just for a reminder.
    h.unref?.();
    return h;
  },
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export const MAX_SLEEP_MS = 60_000;

export interface SchedulerDeps {
  source: CadenceSource;
  notifier: Notifier;
  clock: Clock;
  timers?: Timers;
  settings(): ReminderSettings;
  onError?(err: unknown): void;
}

export class ReminderScheduler {
  private fired = new Map<string, FiredMark>();
  private lastReportDebtAt: number | null = null;
  private handle: unknown = null;
  private running = false;
  /** Epoch ms of the next planned evaluation (for tests and diagnostics). */
  nextWakeAt: number | null = null;

  constructor(private readonly deps: SchedulerDeps) {}

  private get timers(): Timers {
    return this.deps.timers ?? systemTimers;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.reschedule();
  }

  stop(): void {
    this.running = false;
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
    this.nextWakeAt = null;
  }

  /** Evaluates now and plans the next wake-up. Call after anything that moves a due time. */
  reschedule(): ReminderNotification[] {
    if (!this.running) return [];
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
    let shown: ReminderNotification[] = [];
    try {
      shown = this.evaluate();
    } catch (err) {
      this.deps.onError?.(err);
    }
    const now = this.deps.clock.now();
    const delay = this.nextWakeAt === null ? MAX_SLEEP_MS : Math.min(Math.max(this.nextWakeAt - now, 0), MAX_SLEEP_MS);
    this.handle = this.timers.set(() => {
      this.handle = null;
      this.reschedule();
    }, delay);
    return shown;
  }

  private evaluate(): ReminderNotification[] {
    const now = this.deps.clock.now();
    const plan = planReminders(
      this.deps.source.listCadenceFacts(),
      now,
      { fired: this.fired, lastReportDebtAt: this.lastReportDebtAt },
      this.deps.settings(),
    );
    this.fired = plan.memory.fired;
    this.lastReportDebtAt = plan.memory.lastReportDebtAt;
    this.nextWakeAt = plan.nextWakeAt;
    for (const n of plan.notifications) {
      try {
        this.deps.notifier.notify(n);
      } catch (err) {
        this.deps.onError?.(err);
      }
    }
    return plan.notifications;
  }
}
