// Reminder state for the banner: the overview from `reminders.list`, snoozes, and fired reminders.
import { create } from 'zustand';
import type {
  ReminderItem,
  ReminderNotification,
  RemindersOverview,
  SnoozeMinutes,
} from '../../../../shared/reminders';
import type { ApiError } from '../../../../shared/result';
import { api } from '../../api/client';

interface RemindersState {
  overview: RemindersOverview | null;
  error: ApiError | null;
  /** The latest fired reminder, shown until dismissed or acted on. */
  latest: ReminderNotification | null;
  load(): Promise<void>;
  snooze(incidentId: string, minutes: SnoozeMinutes): Promise<void>;
  fired(n: ReminderNotification): void;
  dismiss(): void;
}

export const useReminders = create<RemindersState>((set, get) => ({
  overview: null,
  error: null,
  latest: null,
  async load() {
    const res = await api().call['reminders.list']({});
    if (res.ok) set({ overview: res.value, error: null });
    else set({ error: res.error });
  },
  async snooze(incidentId, minutes) {
    const res = await api().call['reminders.snooze']({ incidentId, minutes });
    if (!res.ok) {
      set({ error: res.error });
      return;
    }
    const latest = get().latest;
    set({ latest: latest?.incidentId === incidentId ? null : latest });
    await get().load();
  },
  fired(n) {
    set({ latest: n });
    void get().load();
  },
  dismiss() {
    set({ latest: null });
  },
}));

const rank: Record<ReminderItem['state'], number> = { overdue: 4, due: 3, due_soon: 2, ok: 1, none: 0 };

/** The incident whose update is most pressing, if any needs attention (due soon or later). */
export function mostUrgent(items: ReminderItem[]): ReminderItem | null {
  const pressing = items.filter((i) => rank[i.state] >= 2);
  pressing.sort((a, b) => rank[b.state] - rank[a.state] || (a.msUntilDue ?? 0) - (b.msUntilDue ?? 0));
  return pressing[0] ?? null;
}
