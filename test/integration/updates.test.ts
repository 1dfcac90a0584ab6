// Status updates and reminders through the real core: draft, send (three jobs + timeline + clock, atomically),
// snooze, cadence, quiet hours, and the list with countdowns.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/shared/domain';
import type { EventName } from '../../src/shared/contract';
import { testCore } from '../helpers/core';
import { rowCounts } from '../helpers/dbCounts';

let t: ReturnType<typeof testCore>;
let events: Array<{ name: EventName; payload: unknown }>;
const MIN = 60_000;

async function call<T>(name: string, input: unknown): Promise<T> {
  const r = await t.core.invoke(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
const declare = () =>
  call<Incident>('incidents.declare', {
    title: 'Servers will not start',
    hub: 'uw-hub',
    ticketUrl: 'https://x.freshdesk.com/a/tickets/9',
  });

beforeEach(() => {
  t = testCore();
  events = [];
  t.core.bus.subscribe((name, payload) => events.push({ name, payload }));
});
afterEach(() => t.cleanup());

describe('updates.draft', () => {
  it('fills the built-in template from the session and lists what is missing', async () => {
    const inc = await declare();
    await call('notes.append', { incidentId: inc.id, kind: 'finding', body: 'Restarted the hub pod' });
    const d = await call<{ text: string; missing: string[]; unknownPlaceholders: string[] }>('updates.draft', {
      incidentId: inc.id,
      template: 'update',
    });
    expect(d.text).toContain('"Servers will not start" on uw-hub');
    expect(d.text).toContain('- Restarted the hub pod');
    expect(d.text).toContain('by 15:00 UTC'); // 12:00 + 3 h cadence
    expect(d.missing).toEqual(['current_state']); // no status note yet
    expect(d.text).toMatch(/What we are doing next:\n- \S/); // the open checklist steps
    expect(d.text).toContain('{{current_state}}');
    expect(d.unknownPlaceholders).toEqual([]);
  });

  it('answers not_found for an unknown incident', async () => {
    const r = await t.core.invoke('updates.draft', { incidentId: 'nope', template: 'first_response' });
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('updates.send', () => {
  const enqueuesTheTicketReply =
    'enqueues the ticket reply, the Slack mirror and the PagerDuty status update, records it, and restarts the clock';
  it(enqueuesTheTicketReply, async () => {
    const inc = await declare();
    t.clock.advance(170 * MIN);
    expect((await call<{ items: Array<{ state: string }> }>('reminders.list', {})).items[0]!.state).toBe('due_soon');
    await call('reminders.snooze', { incidentId: inc.id, minutes: 15 });
    events = [];
    const sent = await call<{
      id: string;
      jobs: Array<{ kind: string; payload: unknown; refId: string; state: string }>;
    }>('updates.send', {
      incidentId: inc.id,
      text: 'All good now.',
    });
    expect(sent.jobs.map((j) => j.kind)).toEqual(['freshdesk.reply', 'slack.postMessage', 'pagerduty.statusUpdate']);
    expect(sent.jobs.every((j) => j.refId === sent.id && j.state === 'queued')).toBe(true);
    expect(sent.jobs[0]!.payload).toEqual({ body: 'All good now.' });
    const rows = t.core.db
      .prepare('SELECT kind FROM outbox_jobs WHERE incident_id = ? ORDER BY kind')
      .pluck()
      .all(inc.id);
    expect(rows).toEqual(['freshdesk.reply', 'pagerduty.statusUpdate', 'slack.postMessage']);
    const entry = t.core.db
      .prepare("SELECT source, kind, body FROM timeline_entries WHERE kind = 'status_update'")
      .get();
    expect(entry).toEqual({ source: 'status', kind: 'status_update', body: 'All good now.' });
    const list = await call<{
      items: Array<{ state: string; lastPublicUpdateAt: string; snoozedUntil: string | null; msUntilDue: number }>;
    }>('reminders.list', {});
    expect(list.items[0]).toMatchObject({
      state: 'ok',
      lastPublicUpdateAt: new Date(t.clock.now()).toISOString(),
      snoozedUntil: null,
      msUntilDue: 180 * MIN,
    });
    expect(events.map((e) => e.name)).toEqual([
      'timeline.appended',
      'outbox.changed',
      'outbox.changed',
      'outbox.changed',
      'updates.posted',
      'reminders.changed',
    ]);
  });

  it('writes nothing at all when any part fails (one transaction)', async () => {
    const inc = await declare();
    // Make the third job's insert fail inside the transaction.
    t.core.db.exec(`CREATE TRIGGER no_pd BEFORE INSERT ON outbox_jobs WHEN NEW.kind = 'pagerduty.statusUpdate'
      BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    const before = rowCounts(t.core.db);
    const r = await t.core.invoke('updates.send', { incidentId: inc.id, text: 'Update' });
    expect(r.ok).toBe(false);
    expect(rowCounts(t.core.db)).toEqual(before);
    expect(t.core.db.prepare('SELECT count(*) FROM update_cadence').pluck().get()).toBe(0);
  });

  it('refuses text that still has placeholders, naming them, and writes nothing', async () => {
    const inc = await declare();
    const before = rowCounts(t.core.db);
    const r = await t.core.invoke('updates.send', {
      incidentId: inc.id,
      text: 'Dear {{customer}}, next at {{ next_update_time }}',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!r.ok) expect(r.error.message).toContain('{{customer}}, {{next_update_time}}');
    expect(rowCounts(t.core.db)).toEqual(before);
  });

  it('refuses empty text and unknown incidents', async () => {
    expect(await t.core.invoke('updates.send', { incidentId: 'x', text: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await t.core.invoke('updates.send', { incidentId: 'nope', text: 'hi' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('reminders operations', () => {
  it('lists open incidents with state and countdown; snooze and cadence change it', async () => {
    const inc = await declare();
    let list = await call<{ items: Array<Record<string, unknown>> }>('reminders.list', {});
    expect(list.items).toEqual([
      expect.objectContaining({
        incidentId: inc.id,
        state: 'ok',
        cadenceMinutes: 180,
        msUntilDue: 180 * MIN,
        dueAt: '2026-11-26T15:00:00.000Z',
      }),
    ]);
    const item = await call<Record<string, unknown>>('updates.setCadence', { incidentId: inc.id, minutes: 60 });
    expect(item).toMatchObject({ cadenceMinutes: 60, msUntilDue: 60 * MIN });
    expect(t.core.db.prepare("SELECT body FROM timeline_entries WHERE kind = 'cadence_changed'").pluck().get()).toBe(
      'Status updates now due every 1 h.',
    );
    t.clock.advance(61 * MIN);
    list = await call('reminders.list', {});
    expect(list.items[0]).toMatchObject({ state: 'due', msUntilDue: -MIN });
    const snoozed = await call<Record<string, unknown>>('reminders.snooze', { incidentId: inc.id, minutes: 30 });
    expect(snoozed.snoozedUntil).toBe(new Date(t.clock.now() + 30 * MIN).toISOString());
    expect(events.filter((e) => e.name === 'reminders.changed')).toHaveLength(2);
  });

  it('validates inputs: snooze lengths, cadence bounds, quiet hours format and timezone', async () => {
    const inc = await declare();
    expect((await t.core.invoke('reminders.snooze', { incidentId: inc.id, minutes: 20 })).ok).toBe(false);
    expect((await t.core.invoke('updates.setCadence', { incidentId: inc.id, minutes: 5 })).ok).toBe(false);
    expect((await t.core.invoke('updates.setCadence', { incidentId: inc.id, minutes: 2000 })).ok).toBe(false);
    expect(
      (await t.core.invoke('reminders.setQuietHours', { enabled: true, start: '25:00', end: '07:00', timeZone: 'UTC' }))
        .ok,
    ).toBe(false);
    expect(
      await t.core.invoke('reminders.setQuietHours', {
        enabled: true,
        start: '22:00',
        end: '07:00',
        timeZone: 'Mars/Base',
      }),
    ).toMatchObject({
      ok: false,
      error: { message: 'Unknown timezone: Mars/Base' },
    });
    const q = await call('reminders.setQuietHours', {
      enabled: true,
      start: '22:00',
      end: '07:00',
      timeZone: 'Europe/Berlin',
    });
    expect(q).toEqual({ enabled: true, start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' });
    expect((await call<{ quietHours: unknown }>('reminders.list', {})).quietHours).toEqual(q);
  });

  it('the started scheduler emits reminders.fired on the bus', async () => {
    const inc = await declare();
    t.core.services.reminders.start();
    t.clock.advance(171 * MIN);
    t.core.services.reminders.scheduler.reschedule();
    const fired = events.filter((e) => e.name === 'reminders.fired');
    expect(fired).toEqual([
      { name: 'reminders.fired', payload: expect.objectContaining({ incidentId: inc.id, kind: 'due_soon' }) },
    ]);
  });
});
