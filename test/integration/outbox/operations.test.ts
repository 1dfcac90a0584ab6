import { afterEach, describe, expect, it } from 'vitest';
import { call, outboxCore } from '../../helpers/outbox';

let t: ReturnType<typeof outboxCore>;
afterEach(() => t?.cleanup());

describe('outbox operations', () => {
  it('lists jobs with state and reason, filtered by incident and state', async () => {
    t = outboxCore();
    const a = t.incident('A');
    const b = t.incident('B');
    t.vendor.script = ['invalid'];
    const dead = t.enqueue(a, 'pagerduty.addNote', { content: 'x' });
    t.enqueue(b, 'freshdesk.reply', { body: 'hi' });
    await t.core.dispatcher.runOnce();
    const res = await call(t.core, 'outbox.list', { incidentId: a });
    expect(res.ok && res.value.map((j) => j.id)).toEqual([dead]);
    const deadOnly = await call(t.core, 'outbox.list', { states: ['dead'] });
    expect(deadOnly.ok && deadOnly.value).toMatchObject([
      { id: dead, state: 'dead', reason: expect.stringMatching(/Refused: msg_too_long/) },
    ]);
    const bad = await t.core.invoke('outbox.list', { states: ['lost'] });
    expect(bad.ok).toBe(false);
  });

  it('retry puts a dead job back and it is delivered; attempts start over', async () => {
    t = outboxCore();
    const inc = t.incident();
    t.vendor.script = ['invalid'];
    const id = t.enqueue(inc, 'slack.postMessage', { text: 'x' });
    await t.drain();
    const res = await call(t.core, 'outbox.retry', { jobId: id });
    expect(res).toMatchObject({ ok: true, value: { state: 'queued', attempts: 0 } });
    await t.drain();
    expect(t.job(id).state).toBe('sent');
    const again = await call(t.core, 'outbox.retry', { jobId: id });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await call(t.core, 'outbox.retry', { jobId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('edit checks the payload against the kind schema, only for dead jobs, then sends the new payload', async () => {
    t = outboxCore();
    const inc = t.incident();
    t.vendor.script = ['invalid'];
    const id = t.enqueue(inc, 'slack.postMessage', { text: 'too long' });
    const notDead = await call(t.core, 'outbox.edit', { jobId: id, payload: { text: 'short' } });
    expect(notDead).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await t.drain();
    const wrong = await call(t.core, 'outbox.edit', { jobId: id, payload: { txt: 'short' } });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/slack.postMessage payload/) },
    });
    expect(t.job(id).payload).toEqual({ text: 'too long' }); // unchanged by the refused edit
    const ok = await call(t.core, 'outbox.edit', { jobId: id, payload: { text: 'short' } });
    expect(ok).toMatchObject({ ok: true, value: { state: 'queued', payload: { text: 'short' } } });
    await t.drain();
    expect(t.job(id).state).toBe('sent');
  });

  it('discard gives up on a job for good, also one being checked (never re-sent), but not one in flight', async () => {
    t = outboxCore();
    const inc = t.incident();
    t.vendor.script = ['drop'];
    const maybe = t.enqueue(inc, 'slack.postMessage', { text: 'x' }, 'k1');
    const queued = t.enqueue(inc, 'slack.postMessage', { text: 'y' }, 'k2');
    const flying = t.enqueue(inc, 'pagerduty.addNote', { content: 'z' }, 'k3');
    t.network.set(false);
    const d = await call(t.core, 'outbox.discard', { jobId: queued });
    expect(d).toMatchObject({ ok: true, value: { state: 'discarded' } });
    t.network.set(true);
    t.core.db.prepare("UPDATE outbox_jobs SET state = 'sending', lease_owner = 'other' WHERE id = ?").run(flying);
    await t.core.dispatcher.runOnce();
    expect(t.job(maybe).state).toBe('uncertain');
    // A row being checked has Discard too: it stops the checks and is never sent again.
    expect(await call(t.core, 'outbox.discard', { jobId: maybe })).toMatchObject({
      ok: true,
      value: { state: 'discarded' },
    });
    const refused = await call(t.core, 'outbox.discard', { jobId: flying });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/being sent or checked right now/) },
    });
    await t.drain();
    expect(t.vendor.effects.has(`conn:${queued}`)).toBe(false);
    expect(t.vendor.effects.get(`conn:${maybe}`)).toBe(1); // the one drop that landed, never a second
    expect(t.vendor.requests).toBe(1);
  });

  it('status counts jobs per state, vendor connections and online', async () => {
    t = outboxCore({ connect: false });
    const inc = t.incident();
    t.enqueue(inc, 'slack.postMessage', { text: 'x' });
    const res = await call(t.core, 'outbox.status', {});
    expect(res.ok && res.value).toMatchObject({ pending: 1, online: true, counts: { queued: 1, sent: 0 } });
    expect(res.ok && res.value.vendors.map((v) => [v.vendor, v.state])).toEqual([
      ['slack', 'not_configured'],
      ['pagerduty', 'not_configured'],
      ['freshdesk', 'not_configured'],
      ['github', 'not_configured'],
    ]);
  });
});
