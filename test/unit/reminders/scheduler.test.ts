// The scheduler on fake timers and a fake clock: wakes at the next mark (never sleeping more than a
// minute), shows each notification through the Notifier, and survives a clock jump with one notification.
import { describe, expect, it } from 'vitest';
import type { CadenceFact } from '../../../src/main/core/reminders/cadence';
import { MAX_SLEEP_MS, ReminderScheduler, type Timers } from '../../../src/main/core/reminders/scheduler';
import type { ReminderNotification } from '../../../src/shared/reminders';
import { fakeClock } from '../../helpers/core';

const T0 = Date.parse('2026-11-26T12:00:00Z');

function fakeTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let seq = 0;
  const timers: Timers = {
    set(fn, ms) {
      pending.set(++seq, { fn, ms });
      return seq;
    },
    clear(h) {
      pending.delete(h as number);
    },
  };
  return {
    timers,
    pending,
    /** Fires the only pending timer (the scheduler keeps exactly one). */
    fire() {
      const [id, t] = [...pending.entries()][0]!;
      pending.delete(id);
      t.fn();
    },
    delay: () => [...pending.values()][0]?.ms,
  };
}

function setup(facts: CadenceFact[]) {
  const clock = fakeClock(T0);
  const t = fakeTimers();
  const shown: ReminderNotification[] = [];
  const s = new ReminderScheduler({
    source: { listCadenceFacts: () => facts },
    notifier: { notify: (n) => shown.push(n) },
    clock,
    timers: t.timers,
    settings: () => ({
      quietHours: { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' },
      workingHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5], timeZone: 'UTC' },
    }),
  });
  return { s, clock, t, shown };
}

const fact: CadenceFact = {
  incidentId: 'i1',
  title: 'Hub down',
  status: 'active',
  lastPublicUpdateAt: null,
  declaredAt: T0,
  cadenceMinutes: 30,
  snoozedUntil: null,
};

describe('ReminderScheduler', () => {
  it('does nothing until started, and keeps exactly one timer, capped at a minute', () => {
    const { s, t } = setup([fact]);
    expect(s.reschedule()).toEqual([]);
    expect(t.pending.size).toBe(0);
    s.start();
    expect(t.pending.size).toBe(1);
    expect(t.delay()).toBe(MAX_SLEEP_MS);
    expect(s.nextWakeAt).toBe(T0 + 20 * 60_000);
    s.reschedule();
    expect(t.pending.size).toBe(1);
    s.stop();
    expect(t.pending.size).toBe(0);
  });

  it('wakes minute by minute and notifies at the marks', () => {
    const { s, t, clock, shown } = setup([fact]);
    s.start();
    for (let i = 0; i < 46; i++) {
      clock.advance(t.delay()!);
      t.fire();
    }
    expect(shown.map((n) => [n.kind, new Date(n.at).toISOString().slice(11, 16)])).toEqual([
      ['due_soon', '12:20'],
      ['due', '12:30'],
      ['overdue', '12:45'],
    ]);
  });

  it('sleeps only until the next mark when it is closer than a minute', () => {
    const { s, t, clock } = setup([fact]);
    clock.set(T0 + 19 * 60_000 + 30_000);
    s.start();
    expect(t.delay()).toBe(30_000);
  });

  it('after the machine slept for hours, the late timer shows one notification', () => {
    const { s, t, clock, shown } = setup([fact]);
    s.start();
    clock.advance(5 * 3600_000); // the timer fires late: the laptop was asleep
    t.fire();
    expect(shown).toHaveLength(1);
    expect(shown[0]!.kind).toBe('overdue');
  });

  it('a throwing notifier does not stop the scheduler', () => {
    const clock = fakeClock(T0 + 31 * 60_000);
    const t = fakeTimers();
    const errors: unknown[] = [];
    const s = new ReminderScheduler({
      source: { listCadenceFacts: () => [fact] },
      notifier: {
        notify() {
          throw new Error('window closed');
        },
      },
      clock,
      timers: t.timers,
      settings: () => ({
        quietHours: { enabled: false, start: '22:00', end: '07:00', timeZone: 'UTC' },
        workingHours: { start: '09:00', end: '17:00', days: [], timeZone: 'UTC' },
      }),
      onError: (e) => errors.push(e),
    });
    s.start();
    expect(errors).toHaveLength(1);
    expect(t.pending.size).toBe(1);
  });
});
