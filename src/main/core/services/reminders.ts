// Use cases for reminders: the overview, snoozes, cadence changes, quiet hours, and the scheduler that
// turns due times into notifications (through the bus as `reminders.fired`, plus an optional Notifier).
import { z } from 'zod';
import type { OpParsed } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import type { QuietHours, ReminderItem, RemindersOverview, WorkingHours } from '../../../shared/reminders';
import { cadenceRepo } from '../db/repos/cadence';
import { incidentsRepo } from '../db/repos/incidents';
import { settingsRepo } from '../db/repos/settings';
import { timelineRepo } from '../db/repos/timeline';
import { dueAtOf, isOpen, owesReport, stateOf, type CadenceFact } from '../reminders/cadence';
import { isValidTimeZone } from '../../../shared/zonedTime';
import type { ReminderSettings } from '../reminders/planner';
import { ReminderScheduler, type Notifier, type Timers } from '../reminders/scheduler';
import type { ServiceDeps } from '../ports';
import { communities } from './communities';

export const QUIET_HOURS_KEY = 'reminders.quietHours';
export const WORKING_HOURS_KEY = 'reminders.workingHours';

const window = { start: z.string().regex(/^\d\d:\d\d$/), end: z.string().regex(/^\d\d:\d\d$/), timeZone: z.string() };
const quietSchema = z.object({ enabled: z.boolean(), ...window });
const workingSchema = z.object({ days: z.array(z.number().int().min(0).max(6)), ...window });

const defaultZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export interface ReminderDeps extends ServiceDeps {
  notifier?: Notifier;
  timers?: Timers;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toReminderItem(f: CadenceFact, now: number): ReminderItem {
  const open = isOpen(f.status);
  const due = open ? dueAtOf(f) : null;
  return {
    incidentId: f.incidentId,
    title: f.title,
    status: f.status,
    state: stateOf(f, now),
    cadenceMinutes: f.cadenceMinutes,
    dueAt: iso(due),
    msUntilDue: due === null ? null : due - now,
    lastPublicUpdateAt: iso(f.lastPublicUpdateAt),
    snoozedUntil: f.snoozedUntil !== null && f.snoozedUntil > now ? iso(f.snoozedUntil) : null,
  };
}

export function remindersService({ db, clock, ids, bus, notifier, timers }: ReminderDeps) {
  const cadence = cadenceRepo(db);
  const incidents = incidentsRepo(db);
  const settings = settingsRepo(db);
  const timeline = timelineRepo(db);
  const fan = communities(db);
  // With affected communities the clock runs on the stalest one: the reminder fires when the community told longest
  // ago is due, not when the last update went out (a community whose message failed or that joined later is behind).
  const withStalest = (f: CadenceFact): CadenceFact => {
    if (!isOpen(f.status)) return f;
    const stalest = fan.stalestAt(f.incidentId);
    return stalest === null ? f : { ...f, lastPublicUpdateAt: stalest };
  };
  const facts = {
    listCadenceFacts: () => cadence.listCadenceFacts().map(withStalest),
    factFor: (incidentId: string) => {
      const f = cadence.factFor(incidentId);
      return f && withStalest(f);
    },
  };

  const quietHours = (): QuietHours => {
    const parsed = quietSchema.safeParse(settings.get(QUIET_HOURS_KEY));
    return parsed.success ? parsed.data : { enabled: false, start: '22:00', end: '07:00', timeZone: defaultZone() };
  };
  const workingHours = (): WorkingHours => {
    const parsed = workingSchema.safeParse(settings.get(WORKING_HOURS_KEY));
    return parsed.success
      ? parsed.data
      : { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5], timeZone: defaultZone() };
  };
  const reminderSettings = (): ReminderSettings => ({ quietHours: quietHours(), workingHours: workingHours() });

  const scheduler = new ReminderScheduler({
    source: facts,
    clock,
    timers,
    settings: reminderSettings,
    notifier: {
      notify(n) {
        bus.emit('reminders.fired', n);
        notifier?.notify(n);
      },
    },
  });

  const openFact = (incidentId: string): CadenceFact => {
    const f = facts.factFor(incidentId);
    if (!f) throw new AppError('not_found', `No incident with id ${incidentId}`);
    if (!isOpen(f.status))
      throw new AppError(
        'conflict',
        `The incident is ${f.status.replace(/_/g, ' ')}: it has no update clock any more.`,
      );
    return f;
  };

  const changed = (incidentId: string | null) => {
    bus.emit('reminders.changed', { incidentId });
    scheduler.reschedule();
  };

  const setCadenceTx = db.transaction((incidentId: string, minutes: number) => {
    const before = openFact(incidentId);
    const at = clock.now();
    cadence.setCadence(incidentId, minutes, at);
    const entry =
      before.cadenceMinutes === minutes
        ? null
        : timeline.append({
            id: ids.next(),
            incidentId,
            at,
            source: 'system',
            kind: 'cadence_changed',
            body: `Status updates now due every ${
              minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`
            }.`,
            recordedAt: at,
          });
    return entry;
  });

  return {
    scheduler,
    start: () => scheduler.start(),
    stop: () => scheduler.stop(),
    settings: reminderSettings,
    /** Call after anything outside this service moves a due time (a public update sent elsewhere). */
    changed,
    list(): RemindersOverview {
      const now = clock.now();
      const all = facts.listCadenceFacts();
      return {
        now: new Date(now).toISOString(),
        items: all.filter((f) => isOpen(f.status)).map((f) => toReminderItem(f, now)),
        reportDebt: all
          .filter((f) => owesReport(f.status))
          .map((f) => ({ incidentId: f.incidentId, title: f.title, status: f.status })),
        quietHours: quietHours(),
      };
    },
    snooze(input: OpParsed<'reminders.snooze'>): ReminderItem {
      openFact(input.incidentId);
      const now = clock.now();
      db.transaction(() => cadence.setSnooze(input.incidentId, now + input.minutes * 60_000, now)).immediate();
      changed(input.incidentId);
      return toReminderItem(openFact(input.incidentId), now);
    },
    setCadence(input: OpParsed<'updates.setCadence'>): ReminderItem {
      const entry = setCadenceTx.immediate(input.incidentId, input.minutes);
      if (entry) bus.emit('timeline.appended', entry);
      changed(input.incidentId);
      return toReminderItem(openFact(input.incidentId), clock.now());
    },
    setQuietHours(input: OpParsed<'reminders.setQuietHours'>): QuietHours {
      if (!isValidTimeZone(input.timeZone)) throw new AppError('invalid_input', `Unknown timezone: ${input.timeZone}`);
      db.transaction(() => settings.set(QUIET_HOURS_KEY, input)).immediate();
      changed(null);
      return quietHours();
    },
    exists: (incidentId: string) => incidents.get(incidentId) !== undefined,
  };
}
export type RemindersService = ReturnType<typeof remindersService>;
