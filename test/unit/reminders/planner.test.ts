// Every reminder edge, with time passed in: due soon, due, overdue repeats, snooze, quiet hours
// across midnight, a clock jump after sleep, cadence change, a new public update, report debt.
import { describe, expect, it } from 'vitest';
import { stateOf, type CadenceFact } from '../../../src/main/core/reminders/cadence';
import { planReminders, type FiredMark, type ReminderSettings } from '../../../src/main/core/reminders/planner';
import type { ReminderNotification } from '../../../src/shared/reminders';

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);
const T0 = at('2026-11-26T12:00:00Z'); // a Thursday

const fact = (over: Partial<CadenceFact> = {}): CadenceFact => ({
  incidentId: 'inc1',
  title: 'Hub down',
  status: 'active',
  lastPublicUpdateAt: null,
  declaredAt: T0,
  cadenceMinutes: 180,
  snoozedUntil: null,
  ...over,
});

const settings = (over: Partial<ReminderSettings> = {}): ReminderSettings => ({
  quietHours: { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' },
  workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5], timeZone: 'UTC' },
  ...over,
});

/** Drives the planner like the scheduler does, keeping its memory between calls. */
function driver(s: ReminderSettings = settings()) {
  let fired = new Map<string, FiredMark>();
  let lastReportDebtAt: number | null = null;
  let nextWakeAt: number | null = null;
  return {
    at(now: number, facts: CadenceFact[]): ReminderNotification[] {
      const plan = planReminders(facts, now, { fired, lastReportDebtAt }, s);
      fired = plan.memory.fired;
      lastReportDebtAt = plan.memory.lastReportDebtAt;
      nextWakeAt = plan.nextWakeAt;
      return plan.notifications;
    },
    /** Every minute from..to inclusive; returns what fired with the minute it fired at. */
    sweep(from: number, to: number, facts: (now: number) => CadenceFact[]) {
      const out: Array<{ at: string; kind: string }> = [];
      for (let t = from; t <= to; t += MIN) {
        for (const n of this.at(t, facts(t))) out.push({ at: new Date(t).toISOString().slice(11, 16), kind: n.kind });
      }
      return out;
    },
    get nextWakeAt() {
      return nextWakeAt;
    },
  };
}

describe('reminder state', () => {
  it('is ok, then due soon ten minutes before, due at the time, overdue after 15 minutes', () => {
    const f = fact();
    expect(stateOf(f, at('2026-11-26T14:49:59Z'))).toBe('ok');
    expect(stateOf(f, at('2026-11-26T14:50:00Z'))).toBe('due_soon');
    expect(stateOf(f, at('2026-11-26T15:00:00Z'))).toBe('due');
    expect(stateOf(f, at('2026-11-26T15:14:59Z'))).toBe('due');
    expect(stateOf(f, at('2026-11-26T15:15:00Z'))).toBe('overdue');
  });

  it('counts from the last public update when there is one, and is none once resolved', () => {
    expect(stateOf(fact({ lastPublicUpdateAt: at('2026-11-26T14:00:00Z') }), at('2026-11-26T15:30:00Z'))).toBe('ok');
    expect(stateOf(fact({ status: 'resolved' }), at('2026-11-27T00:00:00Z'))).toBe('none');
  });
});

describe('notifications', () => {
  it('fire ten minutes before, at due, and every 15 minutes while overdue — each once', () => {
    const d = driver();
    const fired = d.sweep(T0, at('2026-11-26T16:00:00Z'), () => [fact()]);
    expect(fired).toEqual([
      { at: '14:50', kind: 'due_soon' },
      { at: '15:00', kind: 'due' },
      { at: '15:15', kind: 'overdue' },
      { at: '15:30', kind: 'overdue' },
      { at: '15:45', kind: 'overdue' },
      { at: '16:00', kind: 'overdue' },
    ]);
  });

  it('plans the next wake-up at the next mark', () => {
    const d = driver();
    d.at(T0, [fact()]);
    expect(d.nextWakeAt).toBe(at('2026-11-26T14:50:00Z'));
    d.at(at('2026-11-26T15:16:00Z'), [fact()]);
    expect(d.nextWakeAt).toBe(at('2026-11-26T15:30:00Z'));
  });

  it('after a clock jump (laptop asleep for hours) shows one notification, not a burst', () => {
    const d = driver();
    expect(d.at(T0, [fact()])).toEqual([]);
    const woke = d.at(at('2026-11-26T19:07:00Z'), [fact()]);
    expect(woke).toHaveLength(1);
    expect(woke[0]).toMatchObject({ kind: 'overdue', incidentId: 'inc1' });
    expect(woke[0]!.message).toMatch(/4 h 07 min late/);
    expect(d.at(at('2026-11-26T19:08:00Z'), [fact()])).toEqual([]);
    expect(d.nextWakeAt).toBe(at('2026-11-26T19:15:00Z'));
  });

  it('a snooze holds reminders back until it ends, then shows the latest one once', () => {
    const d = driver();
    d.sweep(T0, at('2026-11-26T15:00:00Z'), () => [fact()]);
    const snoozed = fact({ snoozedUntil: at('2026-11-26T15:35:00Z') });
    expect(d.sweep(at('2026-11-26T15:01:00Z'), at('2026-11-26T15:34:00Z'), () => [snoozed])).toEqual([]);
    expect(d.nextWakeAt).toBe(at('2026-11-26T15:35:00Z'));
    expect(d.sweep(at('2026-11-26T15:35:00Z'), at('2026-11-26T15:50:00Z'), () => [snoozed])).toEqual([
      { at: '15:35', kind: 'overdue' },
      { at: '15:45', kind: 'overdue' },
    ]);
  });

  it('quiet hours crossing midnight (22:00–07:00 Berlin) hold everything until morning, then one reminder', () => {
    const s = settings({ quietHours: { enabled: true, start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' } });
    const d = driver(s);
    // Declared 21:00 Berlin (20:00 UTC), hourly cadence: due at 22:00 Berlin, right as quiet hours begin.
    const f = fact({ declaredAt: at('2026-11-26T20:00:00Z'), cadenceMinutes: 60 });
    const fired = d.sweep(at('2026-11-26T20:00:00Z'), at('2026-11-27T06:30:00Z'), () => [f]);
    expect(fired).toEqual([
      { at: '20:50', kind: 'due_soon' }, // 21:50 Berlin, before quiet hours
      { at: '06:00', kind: 'overdue' }, // 07:00 Berlin: one reminder, not the 30 missed ones
      { at: '06:15', kind: 'overdue' },
      { at: '06:30', kind: 'overdue' },
    ]);
  });

  it('a snooze that ends during quiet hours waits for the morning', () => {
    const s = settings({ quietHours: { enabled: true, start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' } });
    const d = driver(s);
    const f = fact({
      declaredAt: at('2026-11-26T20:00:00Z'),
      cadenceMinutes: 60,
      snoozedUntil: at('2026-11-26T21:30:00Z'),
    });
    d.at(at('2026-11-26T20:55:00Z'), [f]);
    expect(d.nextWakeAt).toBe(at('2026-11-26T21:00:00Z'));
    d.at(at('2026-11-26T21:45:00Z'), [f]);
    expect(d.nextWakeAt).toBe(at('2026-11-26T22:00:00Z')); // marks keep waking us; each is held
    expect(d.sweep(at('2026-11-26T21:46:00Z'), at('2026-11-27T06:05:00Z'), () => [f])).toEqual([
      { at: '06:00', kind: 'overdue' },
    ]);
  });

  it('a cadence change moves the due time: shorter cadence fires the new latest mark once', () => {
    const d = driver();
    expect(d.at(at('2026-11-26T12:50:00Z'), [fact()])).toEqual([]);
    const shorter = fact({ cadenceMinutes: 60 });
    expect(d.at(at('2026-11-26T12:50:00Z'), [shorter]).map((n) => n.kind)).toEqual(['due_soon']);
    expect(d.at(at('2026-11-26T12:51:00Z'), [shorter])).toEqual([]);
    const muchShorter = fact({ cadenceMinutes: 15 });
    expect(d.at(at('2026-11-26T12:52:00Z'), [muchShorter]).map((n) => n.kind)).toEqual(['overdue']);
  });

  it('a new public update restarts the clock and clears the overdue reminders', () => {
    const d = driver();
    d.sweep(T0, at('2026-11-26T15:00:00Z'), () => [fact()]);
    const updated = fact({ lastPublicUpdateAt: at('2026-11-26T15:05:00Z') });
    expect(d.sweep(at('2026-11-26T15:05:00Z'), at('2026-11-26T18:05:00Z'), () => [updated])).toEqual([
      { at: '17:55', kind: 'due_soon' },
      { at: '18:05', kind: 'due' },
    ]);
  });

  it('keeps separate clocks per incident', () => {
    const d = driver();
    const a = fact();
    const b = fact({ incidentId: 'inc2', title: 'Dask down', cadenceMinutes: 60 });
    const fired = d.sweep(T0, at('2026-11-26T13:00:00Z'), () => [a, b]);
    expect(fired).toEqual([
      { at: '12:50', kind: 'due_soon' },
      { at: '13:00', kind: 'due' },
    ]);
  });
});

describe('report debt', () => {
  const resolved = fact({ status: 'resolved', title: 'Old outage' });

  it('reminds gently: at most once every four hours, only in working hours', () => {
    const d = driver();
    const fired = d.sweep(at('2026-11-26T08:00:00Z'), at('2026-11-27T10:00:00Z'), () => [resolved]);
    expect(fired).toEqual([
      { at: '09:00', kind: 'report_debt' },
      { at: '13:00', kind: 'report_debt' },
      { at: '09:00', kind: 'report_debt' }, // next morning, not overnight
    ]);
  });

  it('never on a weekend, and stops once the report is closed', () => {
    const d = driver();
    expect(d.sweep(at('2026-11-28T08:00:00Z'), at('2026-11-29T18:00:00Z'), () => [resolved])).toEqual([]);
    expect(d.at(at('2026-11-30T10:00:00Z'), [fact({ status: 'closed' })])).toEqual([]);
  });

  it('combines several open reports into one reminder', () => {
    const d = driver();
    const n = d.at(at('2026-11-26T10:00:00Z'), [resolved, fact({ incidentId: 'x', status: 'report_in_review' })]);
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ kind: 'report_debt', incidentId: null });
    expect(n[0]!.message).toMatch(/2 resolved incidents/);
  });

  it('outside working hours, plans to wake at the next start of the working day', () => {
    const d = driver();
    d.at(at('2026-11-26T20:00:00Z'), [resolved]);
    expect(d.nextWakeAt).toBe(at('2026-11-27T09:00:00Z'));
  });
});
